/**
 * Test support for run-id in JUnit 5 tests: {@link dev.runid.test.WithRunId} runs a test
 * in a run, {@link dev.runid.test.NoRunLeaks} fails a test that leaves a run open on any
 * thread, {@link dev.runid.test.RunLogs} holds the log lines of one run, and
 * {@link dev.runid.test.SequentialRunIdGenerator} makes run IDs predictable.
 */
@NullMarked
package dev.runid.test;

import org.jspecify.annotations.NullMarked;
