package dev.runid;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

class RunContextTests {

	@AfterEach
	void nothingLeaks() {
		assertThat(RunContext.current()).isEmpty();
		assertThat(MDC.get("runId")).isNull();
		assertThat(MDC.get("parentRunId")).isNull();
		MDC.clear();
	}

	@Test
	void noRunIsCurrentByDefault() {
		assertThat(RunContext.current()).isEmpty();
	}

	@Test
	void enterMakesRunCurrentAndCloseRestores() {
		RunId runId = RunId.fromString("run-1");
		try (RunContext scope = RunContext.enter(runId)) {
			assertThat(RunContext.current()).containsSame(runId);
			assertThat(scope.runId()).containsSame(runId);
			assertThat(MDC.get("runId")).isEqualTo("run-1");
			assertThat(MDC.get("parentRunId")).isNull();
		}
		assertThat(RunContext.current()).isEmpty();
		assertThat(MDC.get("runId")).isNull();
	}

	@Test
	void scopesNest() {
		RunId outer = RunId.fromString("outer");
		RunId inner = RunId.generate(outer);
		try (RunContext outerScope = RunContext.enter(outer)) {
			try (RunContext innerScope = RunContext.enter(inner)) {
				assertThat(RunContext.current()).containsSame(inner);
				assertThat(MDC.get("runId")).isEqualTo(inner.value());
				assertThat(MDC.get("parentRunId")).isEqualTo("outer");
			}
			assertThat(RunContext.current()).containsSame(outer);
			assertThat(MDC.get("runId")).isEqualTo("outer");
			assertThat(MDC.get("parentRunId")).isNull();
		}
	}

	@Test
	void childOfChildShowsItsDirectParent() {
		RunId root = RunId.fromString("root");
		RunId child = RunId.generate(root);
		RunId grandChild = RunId.generate(child);
		RunContext.run(grandChild, () -> assertThat(MDC.get("parentRunId")).isEqualTo(child.value()));
	}

	@Test
	void restoresAfterException() {
		RunId outer = RunId.fromString("outer");
		try (RunContext scope = RunContext.enter(outer)) {
			assertThatRuntimeException().isThrownBy(() -> RunContext.run(RunId.fromString("inner"), () -> {
				throw new RuntimeException("boom");
			}));
			assertThat(RunContext.current()).containsSame(outer);
			assertThat(MDC.get("runId")).isEqualTo("outer");
		}
	}

	@Test
	void callReturnsResultWithRunCurrent() throws Exception {
		RunId runId = RunId.fromString("call-1");
		String value = RunContext.call(runId, () -> RunContext.current().orElseThrow().value() + MDC.get("runId"));
		assertThat(value).isEqualTo("call-1call-1");
	}

	@Test
	void closingTwiceIsHarmless() {
		RunId outer = RunId.fromString("outer");
		try (RunContext outerScope = RunContext.enter(outer)) {
			RunContext inner = RunContext.enter(RunId.fromString("inner"));
			inner.close();
			inner.close();
			assertThat(RunContext.current()).containsSame(outer);
			assertThat(MDC.get("runId")).isEqualTo("outer");
		}
	}

	@Test
	void closingOutOfOrderIsReportedAndChangesNothing() {
		RunContext outer = RunContext.enter(RunId.fromString("outer"));
		RunContext inner = RunContext.enter(RunId.fromString("inner"));
		assertThatIllegalStateException().isThrownBy(outer::close)
			.withMessageContaining("out of order")
			.withMessageContaining("run inner is still open");
		assertThat(RunContext.current().orElseThrow().value()).isEqualTo("inner");
		assertThat(MDC.get("runId")).isEqualTo("inner");
		inner.close();
		assertThat(MDC.get("runId")).isEqualTo("outer");
		outer.close();
	}

	@Test
	void closingOnAnotherThreadIsReported() throws Exception {
		RunContext scope = RunContext.enter(RunId.fromString("mine"));
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				scope.close();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		thread.start();
		thread.join();
		assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("out of order");
		assertThat(RunContext.current().orElseThrow().value()).isEqualTo("mine");
		scope.close();
	}

	@Test
	void restoresPreExistingMdcValues() {
		MDC.put("runId", "someone-else");
		MDC.put("parentRunId", "someone-elses-parent");
		try {
			try (RunContext scope = RunContext.enter(RunId.fromString("mine"))) {
				assertThat(MDC.get("runId")).isEqualTo("mine");
				assertThat(MDC.get("parentRunId")).as("no stale parent").isNull();
			}
			assertThat(MDC.get("runId")).isEqualTo("someone-else");
			assertThat(MDC.get("parentRunId")).isEqualTo("someone-elses-parent");
		}
		finally {
			MDC.clear();
		}
	}

	@Test
	void usesConfiguredMdcKeysAndRestoresTheKeysItWrote() {
		MdcKeys previous = RunContext.useMdcKeys(new MdcKeys("run", "parent"));
		try {
			RunContext scope = RunContext.enter(RunId.generate(RunId.fromString("p")));
			assertThat(MDC.get("run")).isEqualTo(scope.runId().orElseThrow().value());
			assertThat(MDC.get("parent")).isEqualTo("p");
			assertThat(MDC.get("runId")).isNull();
			RunContext.useMdcKeys(previous);
			scope.close();
			assertThat(MDC.get("run")).isNull();
			assertThat(MDC.get("parent")).isNull();
		}
		finally {
			RunContext.useMdcKeys(previous);
		}
	}

	@Test
	void listenersSeeEachRunEnteredAndExitedOnce() throws Exception {
		List<String> events = new ArrayList<>();
		RunListener listener = new RunListener() {

			@Override
			public void entered(RunId runId) {
				events.add("+" + runId);
			}

			@Override
			public void exited(RunId runId) {
				events.add("-" + runId);
			}

		};
		try (RunListener.Registration registration = RunContext.addListener(listener)) {
			RunId a = RunId.fromString("a");
			try (RunContext scope = RunContext.enter(a)) {
				RunContext.run(a, () -> {
				});
				RunContext.run(RunId.fromString("b"), () -> {
				});
			}
			RunContext.Hold hold = RunContext.hold(RunId.fromString("h"));
			hold.close();
			hold.close();
		}
		RunContext.run(RunId.fromString("c"), () -> {
		});
		assertThat(events).containsExactly("+a", "+b", "-b", "-a", "+h", "-h");
	}

	@Test
	void listenerRegisteredWhileAnotherIsRemovedIsTold() throws Exception {
		RunListener churn = new RecordingListener();
		for (int round = 0; round < 200; round++) {
			RunListener.Registration first = RunContext.addListener(churn);
			CountDownLatch start = new CountDownLatch(1);
			Thread remover = new Thread(() -> {
				awaitQuietly(start);
				first.close();
			});
			remover.start();
			RecordingListener kept = new RecordingListener();
			start.countDown();
			try (RunListener.Registration registration = RunContext.addListener(kept)) {
				remover.join();
				RunContext.run(RunId.fromString("round-" + round), () -> {
				});
				assertThat(kept.events).as("round " + round).containsExactly("+round-" + round, "-round-" + round);
			}
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class RecordingListener implements RunListener {

		private final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void entered(RunId runId) {
			this.events.add("+" + runId);
		}

		@Override
		public void exited(RunId runId) {
			this.events.add("-" + runId);
		}

	}

}
