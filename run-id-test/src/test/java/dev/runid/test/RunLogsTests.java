package dev.runid.test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RunLogsExtension} and {@link RunLogs}: the lines written through
 * Logback during a test, on any thread, sorted by the run in their MDC.
 */
@ExtendWith(RunLogsExtension.class)
class RunLogsTests {

	private static final Logger logger = LoggerFactory.getLogger(RunLogsTests.class);

	@Test
	@WithRunId(value = "run-1", parent = "run-0")
	void linesAreSortedByTheRunTheyWereWrittenIn(RunLogs logs) throws Exception {
		logger.info("in the test's run");
		ExecutorService worker = Executors.newSingleThreadExecutor((task) -> new Thread(task, "other-run-worker"));
		try {
			worker.submit(() -> RunContext.run(RunId.fromString("run-2"), () -> logger.warn("in run {}", "two")))
				.get(10, TimeUnit.SECONDS);
			worker.submit(() -> logger.info("in no run")).get(10, TimeUnit.SECONDS);
		}
		finally {
			worker.shutdownNow();
		}
		assertThat(logs.ofCurrentRun()).singleElement().satisfies((line) -> {
			assertThat(line.runId()).isEqualTo("run-1");
			assertThat(line.parentRunId()).isEqualTo("run-0");
			assertThat(line.level()).isEqualTo("INFO");
			assertThat(line.logger()).isEqualTo(RunLogsTests.class.getName());
			assertThat(line.thread()).isEqualTo(Thread.currentThread().getName());
			assertThat(line.message()).isEqualTo("in the test's run");
		});
		assertThat(logs.of(RunId.fromString("run-2"))).singleElement().satisfies((line) -> {
			assertThat(line.message()).isEqualTo("in run two");
			assertThat(line.level()).isEqualTo("WARN");
			assertThat(line.thread()).isEqualTo("other-run-worker");
			assertThat(line.parentRunId()).isNull();
		});
		assertThat(logs.messagesOf("run-1")).containsExactly("in the test's run");
		assertThat(logs.outsideRuns()).extracting(RunLogs.Line::message).contains("in no run");
		assertThat(logs.all()).extracting(RunLogs.Line::message)
			.containsSubsequence("in the test's run", "in run two", "in no run");
	}

	@Test
	void eachTestSeesOnlyItsOwnLines(RunLogs logs) {
		RunContext.run(RunId.fromString("run-1"), () -> logger.info("second test"));
		assertThat(logs.messagesOf("run-1")).containsExactly("second test");
		assertThat(logs.all()).extracting(RunLogs.Line::message).doesNotContain("in the test's run");
	}

	@Test
	void currentRunIsRequiredForOfCurrentRun(RunLogs logs) {
		assertThatIllegalStateException().isThrownBy(logs::ofCurrentRun).withMessageContaining("No run is current");
	}

}
