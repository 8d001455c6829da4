/**
 * JMH micro-benchmarks of run-id's hot paths, each against the floor it is measured
 * against. Run on demand, see {@code benchmarks/README.md}.
 */
@NullMarked
package dev.runid.benchmarks;

import org.jspecify.annotations.NullMarked;
