package dev.runid;

import java.time.Duration;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdThreadLocalAccessorTests {

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	@BeforeAll
	static void enableReactorPropagation() {
		Hooks.enableAutomaticContextPropagation();
	}

	@AfterAll
	static void disableReactorPropagation() {
		Hooks.disableAutomaticContextPropagation();
	}

	@AfterEach
	void nothingLeaks() {
		assertThat(RunContext.current()).isEmpty();
		assertThat(MDC.get("runId")).isNull();
	}

	@Test
	void isRegisteredThroughServiceLoader() {
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
			.anySatisfy((accessor) -> assertThat(accessor.key()).isEqualTo(RunIdThreadLocalAccessor.KEY));
	}

	@Test
	void snapshotRoundTripCarriesRunAndMdc() throws Exception {
		RunId runId = RunId.generate(RunId.fromString("parent"));
		ContextSnapshot snapshot;
		try (RunContext scope = RunContext.enter(runId)) {
			snapshot = this.snapshots.captureAll();
		}
		Thread thread = new Thread(() -> {
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				assertThat(RunContext.current()).contains(runId);
				assertThat(MDC.get("runId")).isEqualTo(runId.value());
				assertThat(MDC.get("parentRunId")).isEqualTo("parent");
			}
			assertThat(RunContext.current()).isEmpty();
			assertThat(MDC.get("runId")).isNull();
			assertThat(MDC.get("parentRunId")).isNull();
		});
		java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
		thread.setUncaughtExceptionHandler((t, ex) -> failure.set(ex));
		thread.start();
		thread.join();
		assertThat(failure.get()).isNull();
	}

	@Test
	void restoringNoValueClearsRunAndMdc() {
		RunId outer = RunId.fromString("outer");
		ContextSnapshot empty = this.snapshots.captureAll();
		try (RunContext scope = RunContext.enter(outer)) {
			ContextSnapshot withRun = this.snapshots.captureAll();
			try (ContextSnapshot.Scope cleared = ContextSnapshotFactory.builder()
				.clearMissing(true)
				.build()
				.setThreadLocalsFrom(Context.empty())) {
				assertThat(RunContext.current()).isEmpty();
				assertThat(MDC.get("runId")).isNull();
			}
			assertThat(RunContext.current()).contains(outer);
			assertThat(MDC.get("runId")).isEqualTo("outer");
			try (ContextSnapshot.Scope same = withRun.setThreadLocals()) {
				assertThat(RunContext.current()).contains(outer);
			}
			assertThat(empty).isNotNull();
		}
		ThreadLocalAccessorRoundTrip.restoreNoValue();
	}

	@Test
	void nestedSetsOfTheCurrentRunAndClearsOfNoRunRestoreInOrder() {
		RunIdThreadLocalAccessor accessor = new RunIdThreadLocalAccessor();
		RunId a = RunId.fromString("a");
		RunId b = RunId.fromString("b");
		// nothing current: clear and restore change nothing
		accessor.setValue();
		accessor.restore();
		assertThat(RunContext.current()).isEmpty();
		try (RunContext scope = RunContext.enter(a)) {
			accessor.setValue(a); // same run: nothing pushed
			accessor.setValue(b);
			accessor.setValue(b);
			assertThat(MDC.get("runId")).isEqualTo("b");
			accessor.restore(b);
			assertThat(RunContext.current()).contains(b);
			accessor.setValue();
			assertThat(RunContext.current()).isEmpty();
			assertThat(MDC.get("runId")).isNull();
			accessor.setValue();
			accessor.restore();
			accessor.restore(b);
			assertThat(RunContext.current()).contains(b);
			accessor.restore(a);
			assertThat(RunContext.current()).contains(a);
			assertThat(MDC.get("runId")).isEqualTo("a");
			accessor.restore(a);
			assertThat(RunContext.current()).contains(a);
			assertThat(MDC.get("runId")).isEqualTo("a");
		}
	}

	@Test
	void clearWithStaleMdcClearsAndRestoresIt() {
		RunIdThreadLocalAccessor accessor = new RunIdThreadLocalAccessor();
		MDC.put("runId", "someone-else");
		try {
			accessor.setValue();
			assertThat(MDC.get("runId")).isNull();
			accessor.restore();
			assertThat(MDC.get("runId")).isEqualTo("someone-else");
		}
		finally {
			MDC.remove("runId");
		}
	}

	@Test
	void reactorMonoSeesRunAfterPublishOn() {
		RunId runId = RunId.generate();
		String seen = Mono.just("x")
			.publishOn(Schedulers.parallel())
			.map((ignored) -> Thread.currentThread().getName() + "|"
					+ RunContext.current().map(RunId::value).orElse("none") + "|" + MDC.get("runId"))
			.delayElement(Duration.ofMillis(5))
			.map((previous) -> previous + "|" + RunContext.current().map(RunId::value).orElse("none"))
			.contextWrite(Context.of(RunIdThreadLocalAccessor.KEY, runId))
			.block(Duration.ofSeconds(10));
		String[] parts = seen.split("\\|");
		assertThat(parts[0]).startsWith("parallel-");
		assertThat(parts[1]).isEqualTo(runId.value());
		assertThat(parts[2]).isEqualTo(runId.value());
		assertThat(parts[3]).isEqualTo(runId.value());
	}

	@Test
	void reactorWithoutRunInContextSeesNone() {
		String seen = Mono.just("x")
			.publishOn(Schedulers.parallel())
			.map((ignored) -> RunContext.current().map(RunId::value).orElse("none"))
			.block(Duration.ofSeconds(10));
		assertThat(seen).isEqualTo("none");
	}

	/**
	 * Direct accessor calls, as a propagation library makes them.
	 */
	static final class ThreadLocalAccessorRoundTrip {

		static void restoreNoValue() {
			RunIdThreadLocalAccessor accessor = new RunIdThreadLocalAccessor();
			RunId runId = RunId.fromString("direct");
			RunId previous = accessor.getValue();
			assertThat(previous).isNull();
			accessor.setValue(runId);
			assertThat(RunContext.current()).contains(runId);
			assertThat(MDC.get("runId")).isEqualTo("direct");
			accessor.restore();
			assertThat(RunContext.current()).isEmpty();
			assertThat(MDC.get("runId")).isNull();
		}

	}

}
