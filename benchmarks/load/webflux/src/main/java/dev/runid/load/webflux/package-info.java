/**
 * The trivial Spring WebFlux app of the load comparison ({@code benchmarks/load/run.sh}).
 */
@NullMarked
package dev.runid.load.webflux;

import org.jspecify.annotations.NullMarked;
