package dev.runid.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.scope.RunScope;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.MDC;

/**
 * Making a run current and restoring the thread ({@code RunContext.enter} + close, with
 * the MDC of Logback), against a bare {@link ThreadLocal} set + remove and against the
 * same plus one MDC put + remove (what a hand-written filter does). The
 * {@code WithRunScope} variant has the {@link RunScope} of the Spring Boot starter
 * registered as a listener, as in every application that uses the starter.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class RunContextBenchmark {

	private static final ThreadLocal<RunId> BARE = new ThreadLocal<>();

	private final RunId runId = RunId.generate();

	private final RunId childRunId = RunId.generate(this.runId);

	@Benchmark
	public void threadLocalSetRemove() {
		BARE.set(this.runId);
		BARE.remove();
	}

	@Benchmark
	public void threadLocalAndMdcPutRemove() {
		BARE.set(this.runId);
		MDC.put("runId", this.runId.value());
		MDC.remove("runId");
		BARE.remove();
	}

	@Benchmark
	public void enterClose() {
		RunContext.enter(this.runId).close();
	}

	@Benchmark
	public void enterCloseWithParent() {
		RunContext.enter(this.childRunId).close();
	}

	@Benchmark
	public void enterCloseWithRunScope(WithRunScope runScope) {
		RunContext.enter(this.runId).close();
	}

	@Benchmark
	public RunId currentInsideRun(InsideRun insideRun) {
		return RunContext.current().orElseThrow();
	}

	/**
	 * The starter's {@link RunScope}, registered as a run listener for the trial.
	 */
	@State(Scope.Benchmark)
	public static class WithRunScope {

		private AutoCloseable registration = () -> {
		};

		@Setup(Level.Trial)
		public void register() {
			this.registration = RunContext.addListener(new RunScope());
		}

		@TearDown(Level.Trial)
		public void unregister() throws Exception {
			this.registration.close();
		}

	}

	/**
	 * A run current on the benchmark thread for the trial.
	 */
	@State(Scope.Thread)
	public static class InsideRun {

		private @Nullable RunContext scope;

		@Setup(Level.Trial)
		public void enter() {
			this.scope = RunContext.enter(RunId.generate());
		}

		@TearDown(Level.Trial)
		public void close() {
			if (this.scope != null) {
				this.scope.close();
			}
		}

	}

}
