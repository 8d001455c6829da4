package dev.runid.spring.usage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.scope.RunScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunUsageLedger}: usage per run, listeners, the log line when a run
 * ends, and nothing kept afterwards.
 */
class RunUsageLedgerTests {

	private final RunScope scope = new RunScope();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final ConcurrentLinkedQueue<String> told = new ConcurrentLinkedQueue<>();

	private final RunUsageListener listener = (runId, usage) -> this.told.add(runId.value() + " " + usage);

	@BeforeEach
	void setUp() {
		this.scope.postProcessBeanFactory(new DefaultListableBeanFactory());
		this.log.start();
		logger().addAppender(this.log);
	}

	@AfterEach
	void tearDown() throws Exception {
		logger().detachAppender(this.log);
		this.scope.destroy();
	}

	@Test
	void addsUpTheUsageOfARunAndLogsItOnceWhenTheRunEnds() {
		RunUsageLedger ledger = new RunUsageLedger(this.scope, List.of(this.listener), true);
		RunId parent = RunId.generate();
		RunId runId = RunId.generate(parent);
		try (RunContext run = RunContext.enter(runId)) {
			ledger.record(runId, new RunUsage(1, 10, 4));
			try (RunContext nested = RunContext.enter(runId)) {
				ledger.record(runId, new RunUsage(1, 20, 6));
			}
			assertThat(ledger.current()).isEqualTo(new RunUsage(2, 30, 10));
			assertThat(this.log.list).isEmpty();
		}
		assertThat(this.log.list).singleElement().satisfies((event) -> {
			assertThat(event.getFormattedMessage()).isEqualTo("run_usage llm_calls=2 input_tokens=30 output_tokens=10");
			assertThat(event.getMDCPropertyMap()).containsEntry("runId", runId.value())
				.containsEntry("parentRunId", parent.value());
		});
		assertThat(this.told).containsExactly(runId.value() + " " + new RunUsage(1, 10, 4),
				runId.value() + " " + new RunUsage(1, 20, 6));
	}

	@Test
	void keepsNothingOfARunAfterItEnds() {
		RunUsageLedger ledger = new RunUsageLedger(this.scope, List.of(), true);
		RunId runId = RunId.generate();
		try (RunContext run = RunContext.enter(runId)) {
			ledger.record(runId, new RunUsage(1, 10, 4));
		}
		assertThat(this.scope.activeRuns()).isZero();
		try (RunContext again = RunContext.enter(runId)) {
			assertThat(ledger.current()).isEqualTo(RunUsage.NONE);
		}
	}

	@Test
	void recordsUsageReportedOnAThreadWithoutTheRun() {
		RunUsageLedger ledger = new RunUsageLedger(this.scope, List.of(), true);
		RunId runId = RunId.generate();
		try (RunContext run = RunContext.enter(runId)) {
			// as a client library's callback thread does
			CompletableFuture.runAsync(() -> ledger.record(runId, new RunUsage(1, 7, 3))).join();
			assertThat(ledger.current()).isEqualTo(new RunUsage(1, 7, 3));
		}
		assertThat(this.log.list).singleElement()
			.satisfies((event) -> assertThat(event.getMDCPropertyMap()).containsEntry("runId", runId.value()));
	}

	@Test
	void logsNothingWhenTheLineIsSwitchedOffButStillTellsListeners() {
		RunUsageLedger ledger = new RunUsageLedger(this.scope, List.of(this.listener), false);
		RunId runId = RunId.generate();
		try (RunContext run = RunContext.enter(runId)) {
			ledger.record(runId, new RunUsage(1, 10, 4));
			assertThat(ledger.current()).isEqualTo(new RunUsage(1, 10, 4));
		}
		assertThat(this.log.list).isEmpty();
		assertThat(this.told).hasSize(1);
	}

	@Test
	void logsNothingForARunWithoutLlmCalls() {
		RunUsageLedger ledger = new RunUsageLedger(this.scope, List.of(), true);
		try (RunContext run = RunContext.enter(RunId.generate())) {
			assertThat(ledger.current()).isEqualTo(RunUsage.NONE);
		}
		assertThat(ledger.current()).isEqualTo(RunUsage.NONE);
		assertThat(this.log.list).isEmpty();
	}

	@Test
	void aFailingListenerDoesNotStopTheOthers() {
		RunUsageListener failing = (runId, usage) -> {
			throw new IllegalStateException("registry down");
		};
		RunUsageLedger ledger = new RunUsageLedger(this.scope, List.of(failing, this.listener), false);
		RunId runId = RunId.generate();
		try (RunContext run = RunContext.enter(runId)) {
			ledger.record(runId, new RunUsage(1, 10, 4));
			assertThat(ledger.current()).isEqualTo(new RunUsage(1, 10, 4));
		}
		assertThat(this.told).hasSize(1);
	}

	private static Logger logger() {
		return (Logger) LoggerFactory.getLogger(RunUsageLedger.class);
	}

}
