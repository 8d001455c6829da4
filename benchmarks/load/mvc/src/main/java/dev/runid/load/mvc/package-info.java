/**
 * The trivial Spring MVC app of the load comparison ({@code benchmarks/load/run.sh}).
 */
@NullMarked
package dev.runid.load.mvc;

import org.jspecify.annotations.NullMarked;
