/**
 * run-id for Spring WebFlux applications.
 */
@NullMarked
package dev.runid.spring.web.reactive;

import org.jspecify.annotations.NullMarked;
