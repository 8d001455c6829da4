package dev.runid.spring.reactor;

import java.util.Objects;
import java.util.function.Supplier;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/**
 * Operators that make a run current ({@link RunContext}, MDC) in a Reactor pipeline
 * without Reactor's automatic context propagation: they pay once per subscription and
 * once per signal that arrives on a thread without the run, rather than at every
 * operator.
 * <p>
 * {@link #run(RunId, Supplier)} is a whole run: the run is current while the pipeline is
 * assembled and subscribed, it is in the pipeline's {@code Context} under
 * {@link RunIdThreadLocalAccessor#KEY}, and it stays active for {@code @RunScoped} beans
 * until the pipeline terminates or is cancelled; operators after it see the subscriber's
 * run again, if it has one (a child run inside a request's run).
 * {@link #restore(Mono, RunId)} makes the run current around the signals of a source that
 * emits on threads of its own (a Netty connection, a client library's callbacks).
 * <p>
 * While Reactor's automatic context propagation is on (when these operators are
 * assembled), Reactor restores the run from the {@code Context} at every operator itself:
 * {@code run} then only holds the run and writes it into the {@code Context}, and
 * {@code restore} returns the source as it is, so the subscriber's {@code Context}
 * decides.
 * <p>
 * Together with {@link RunIdSchedulerHook}, which carries the current run into tasks
 * scheduled on Reactor's {@code Schedulers}, operators downstream of both see the run on
 * whatever thread they run. The run-id {@code WebFilter} and {@code WebClient} filter use
 * them for every request.
 */
public final class RunIdReactor {

	private RunIdReactor() {
	}

	/**
	 * A pipeline that runs as one run: see the class description.
	 * @param <T> the element type
	 * @param runId the run
	 * @param pipeline assembles the pipeline; called on subscription, with the run
	 * current
	 * @return the pipeline, run as the run
	 */
	public static <T> Mono<T> run(RunId runId, Supplier<? extends Mono<T>> pipeline) {
		Objects.requireNonNull(runId, "runId must not be null");
		Objects.requireNonNull(pipeline, "pipeline must not be null");
		if (Hooks.isAutomaticContextPropagationEnabled()) {
			// Reactor restores the run from the Context at every operator
			return Mono.using(() -> RunContext.hold(runId), (hold) -> Mono.defer(pipeline), RunContext.Hold::close)
				.contextWrite((context) -> context.put(RunIdThreadLocalAccessor.KEY, runId));
		}
		return new RunPipelineMono<>(runId, pipeline);
	}

	/**
	 * Make a run current around the subscription to a source and around every signal it
	 * emits.
	 * @param <T> the element type
	 * @param source the source
	 * @param runId the run
	 * @return the source, with the run current where its signals arrive
	 */
	public static <T> Mono<T> restore(Mono<T> source, RunId runId) {
		Objects.requireNonNull(source, "source must not be null");
		Objects.requireNonNull(runId, "runId must not be null");
		return Hooks.isAutomaticContextPropagationEnabled() ? source : new RestoringMono<>(runId, source);
	}

	/**
	 * Make a run current around the subscription to a source and around every signal it
	 * emits.
	 * @param <T> the element type
	 * @param source the source
	 * @param runId the run
	 * @return the source, with the run current where its signals arrive
	 */
	public static <T> Flux<T> restore(Flux<T> source, RunId runId) {
		Objects.requireNonNull(source, "source must not be null");
		Objects.requireNonNull(runId, "runId must not be null");
		return Hooks.isAutomaticContextPropagationEnabled() ? source : new RestoringFlux<>(runId, source);
	}

	/**
	 * Make a run current on the calling thread unless it is current already.
	 * @param runId the run
	 * @return the scope to close, or {@code null} when the run was current (a
	 * try-with-resources skips a {@code null} resource)
	 */
	static @Nullable RunContext enterUnlessCurrent(RunId runId) {
		return runId.equals(RunContext.current().orElse(null)) ? null : RunContext.enter(runId);
	}

}
