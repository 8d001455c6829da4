package dev.runid.spring.reactor;

import java.util.Objects;
import java.util.function.Supplier;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CorePublisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

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
		return new RunMono<>(runId, null, pipeline);
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
		return Hooks.isAutomaticContextPropagationEnabled() ? source : new RunMono<>(runId, source, null);
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
		return Hooks.isAutomaticContextPropagationEnabled() ? source : new RunFlux<>(runId, source);
	}

	/**
	 * Subscribe to a source with the run current.
	 */
	private static <T> void subscribe(RunId runId, CorePublisher<T> source, CoreSubscriber<? super T> subscriber) {
		if (isCurrent(runId)) {
			source.subscribe(subscriber);
			return;
		}
		try (RunContext scope = RunContext.enter(runId)) {
			source.subscribe(subscriber);
		}
	}

	private static boolean isCurrent(RunId runId) {
		return runId.equals(RunContext.current().orElse(null));
	}

	/**
	 * {@link #run} and {@link #restore(Mono, RunId)}: one of source and pipeline is set.
	 */
	private static final class RunMono<T> extends Mono<T> {

		private final RunId runId;

		private final @Nullable Mono<T> source;

		private final @Nullable Supplier<? extends Mono<T>> pipeline;

		RunMono(RunId runId, @Nullable Mono<T> source, @Nullable Supplier<? extends Mono<T>> pipeline) {
			this.runId = runId;
			this.source = source;
			this.pipeline = pipeline;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			Mono<T> source = this.source;
			if (source != null) {
				RunIdReactor.subscribe(this.runId, source,
						new RunSubscriber<>(actual, this.runId, this.runId, null, null));
				return;
			}
			Supplier<? extends Mono<T>> pipeline = Objects.requireNonNull(this.pipeline);
			Context outerContext = actual.currentContext();
			RunId outer = (outerContext.getOrDefault(RunIdThreadLocalAccessor.KEY, null) instanceof RunId run) ? run
					: RunContext.current().orElse(null);
			RunContext.Hold hold = RunContext.hold(this.runId);
			Context context = outerContext.put(RunIdThreadLocalAccessor.KEY, this.runId);
			RunSubscriber<T> subscriber = new RunSubscriber<>(actual, this.runId, outer, context, hold);
			try (RunContext scope = RunContext.enter(this.runId)) {
				Mono<T> assembled;
				try {
					assembled = Objects.requireNonNull(pipeline.get(), "The pipeline supplier returned null");
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

	private static final class RunFlux<T> extends Flux<T> {

		private final RunId runId;

		private final Flux<T> source;

		RunFlux(RunId runId, Flux<T> source) {
			this.runId = runId;
			this.source = source;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			RunIdReactor.subscribe(this.runId, this.source,
					new RunSubscriber<>(actual, this.runId, this.runId, null, null));
		}

	}

	/**
	 * Delivers every signal with a run current (entering it only on threads where it is
	 * not current already): for {@link #restore} the run itself; for {@link #run} the run
	 * of the subscriber (the outer run), if it has one, so that operators after a nested
	 * run see the outer run again. Requests and cancels upstream with the run current,
	 * and releases the hold, if any, after the terminal signal or on cancel.
	 */
	private static final class RunSubscriber<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final RunId runId;

		private final @Nullable RunId deliveryRun;

		private final @Nullable Context context;

		private final RunContext.@Nullable Hold hold;

		private @Nullable Subscription upstream;

		RunSubscriber(CoreSubscriber<? super T> actual, RunId runId, @Nullable RunId deliveryRun,
				@Nullable Context context, RunContext.@Nullable Hold hold) {
			this.actual = actual;
			this.runId = runId;
			this.deliveryRun = deliveryRun;
			this.context = context;
			this.hold = hold;
		}

		@Override
		public Context currentContext() {
			return (this.context != null) ? this.context : this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				RunId run = this.deliveryRun;
				if (run == null || isCurrent(run)) {
					this.actual.onSubscribe(this);
					return;
				}
				try (RunContext scope = RunContext.enter(run)) {
					this.actual.onSubscribe(this);
				}
			}
		}

		@Override
		public void onNext(T value) {
			RunId run = this.deliveryRun;
			if (run == null || isCurrent(run)) {
				this.actual.onNext(value);
				return;
			}
			try (RunContext scope = RunContext.enter(run)) {
				this.actual.onNext(value);
			}
		}

		@Override
		public void onError(Throwable error) {
			try {
				RunId run = this.deliveryRun;
				if (run == null || isCurrent(run)) {
					this.actual.onError(error);
					return;
				}
				try (RunContext scope = RunContext.enter(run)) {
					this.actual.onError(error);
				}
			}
			finally {
				release();
			}
		}

		@Override
		public void onComplete() {
			try {
				RunId run = this.deliveryRun;
				if (run == null || isCurrent(run)) {
					this.actual.onComplete();
					return;
				}
				try (RunContext scope = RunContext.enter(run)) {
					this.actual.onComplete();
				}
			}
			finally {
				release();
			}
		}

		@Override
		public void request(long n) {
			// a request can make the source emit on this thread, into the run's operators
			Subscription upstream = Objects.requireNonNull(this.upstream);
			if (isCurrent(this.runId)) {
				upstream.request(n);
				return;
			}
			try (RunContext scope = RunContext.enter(this.runId)) {
				upstream.request(n);
			}
		}

		@Override
		public void cancel() {
			Subscription upstream = Objects.requireNonNull(this.upstream);
			try {
				if (isCurrent(this.runId)) {
					upstream.cancel();
					return;
				}
				try (RunContext scope = RunContext.enter(this.runId)) {
					upstream.cancel();
				}
			}
			finally {
				release();
			}
		}

		private void release() {
			if (this.hold != null) {
				this.hold.close();
			}
		}

	}

}
