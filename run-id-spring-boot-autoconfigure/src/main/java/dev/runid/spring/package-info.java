/**
 * Spring integration of run-id shared by every stack: the annotations users put on their
 * code, {@link dev.runid.spring.RunScoped} and {@link dev.runid.spring.NewRun}. What
 * makes them work is in {@link dev.runid.spring.scope} and
 * {@link dev.runid.spring.newrun}; task decoration in {@link dev.runid.spring.task}.
 */
@NullMarked
package dev.runid.spring;

import org.jspecify.annotations.NullMarked;
