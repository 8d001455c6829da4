/**
 * Spring integration of run-id shared by every stack: {@link dev.runid.spring.RunScoped}
 * beans and task decoration.
 */
@NullMarked
package dev.runid.spring;

import org.jspecify.annotations.NullMarked;
