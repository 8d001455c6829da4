package dev.runid.spring.reactor;

import java.util.Objects;
import java.util.function.Supplier;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * {@link RunIdReactor#run(RunId, Supplier)} without Reactor's automatic context
 * propagation: assembles and subscribes to the pipeline with the run current, holds the
 * run until the pipeline terminates or is cancelled, and delivers the signals in the
 * subscriber's own run.
 */
final class RunPipelineMono<T> extends Mono<T> {

	private final RunId runId;

	private final Supplier<? extends Mono<T>> pipeline;

	RunPipelineMono(RunId runId, Supplier<? extends Mono<T>> pipeline) {
		this.runId = runId;
		this.pipeline = pipeline;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Context outerContext = actual.currentContext();
		RunId outer = (outerContext.getOrDefault(RunIdThreadLocalAccessor.KEY, null) instanceof RunId run) ? run
				: RunContext.current().orElse(null);
		RunContext.Hold hold = RunContext.hold(this.runId);
		Context context = outerContext.put(RunIdThreadLocalAccessor.KEY, this.runId);
		RunSubscriber<T> subscriber = new RunSubscriber<>(actual, this.runId, outer, context, hold);
		try (RunContext scope = RunContext.enter(this.runId)) {
			Mono<T> assembled;
			try {
				assembled = Objects.requireNonNull(this.pipeline.get(), "The pipeline supplier returned null");
			}
			catch (Throwable ex) {
				hold.close();
				Operators.error(actual, Operators.onOperatorError(ex, context));
				return;
			}
			try {
				assembled.subscribe(subscriber);
			}
			catch (RuntimeException | Error ex) {
				// a source that throws instead of signalling: release the run
				hold.close();
				throw ex;
			}
		}
	}

}
