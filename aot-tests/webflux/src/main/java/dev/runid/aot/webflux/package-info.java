/**
 * A Spring WebFlux application with the run-id starter, for the tests in AOT mode.
 */
@NullMarked
package dev.runid.aot.webflux;

import org.jspecify.annotations.NullMarked;
