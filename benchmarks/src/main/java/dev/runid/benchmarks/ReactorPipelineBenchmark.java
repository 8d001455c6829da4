package dev.runid.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.reactor.RunIdReactor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A Reactor pipeline of ten operators and two thread hops ({@code publishOn} to the
 * parallel and then the bounded-elastic scheduler), one operator of which reads
 * {@link RunContext#current()}: with and without a run in its context, with Reactor's
 * automatic context propagation on and off, and as the starter runs a request's pipeline
 * ({@code RunIdReactor.run} with the {@code RunIdSchedulerHook}, the default; and with
 * automatic propagation on as well). Wall time is dominated by the hand-offs between
 * threads; read {@code cpu.process.norm} of {@link CpuTimeProfiler}, which counts the
 * scheduler threads too.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ReactorPipelineBenchmark {

	private final Scheduler parallel = Schedulers.parallel();

	private final Scheduler elastic = Schedulers.boundedElastic();

	private final RunId runId = RunId.generate();

	@Benchmark
	public Integer withoutRun() {
		return pipeline().block();
	}

	@Benchmark
	public Integer withRunInContext() {
		return pipeline().contextWrite((context) -> context.put(RunIdThreadLocalAccessor.KEY, this.runId)).block();
	}

	@Benchmark
	public Integer withoutRunAutomaticPropagation(AutomaticContextPropagation.On on) {
		return pipeline().block();
	}

	@Benchmark
	public Integer withRunInContextAutomaticPropagation(AutomaticContextPropagation.On on) {
		return pipeline().contextWrite((context) -> context.put(RunIdThreadLocalAccessor.KEY, this.runId)).block();
	}

	@Benchmark
	public Integer withoutRunStarter(AutomaticContextPropagation.Starter starter) {
		return pipeline().block();
	}

	@Benchmark
	public Integer withRunStarter(AutomaticContextPropagation.Starter starter) {
		return RunIdReactor.run(this.runId, this::pipeline).block();
	}

	@Benchmark
	public Integer withRunStarterAutomaticPropagation(AutomaticContextPropagation.StarterAutomatic starter) {
		return RunIdReactor.run(this.runId, this::pipeline).block();
	}

	/**
	 * Ten operators, two thread hops; the result is positive where the run was current
	 * after both hops.
	 */
	private Mono<Integer> pipeline() {
		return Mono.just(1)
			.map((i) -> i + 1)
			.filter((i) -> i > 0)
			.publishOn(this.parallel)
			.map((i) -> i * 2)
			.flatMap((i) -> Mono.just(i + 1))
			.doOnNext((i) -> {
			})
			.publishOn(this.elastic)
			.map((i) -> RunContext.current().isPresent() ? i : -i)
			.<Integer>handle((i, sink) -> sink.next(i))
			.defaultIfEmpty(0);
	}

}
