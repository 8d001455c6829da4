package dev.runid.spring.reactor;

import java.util.Objects;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CorePublisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Delivers every signal with a run current (entering it only on threads where it is not
 * current already): for {@link RunIdReactor#restore} the run itself; for
 * {@link RunIdReactor#run} the run of the subscriber (the outer run), if it has one, so
 * that operators after a nested run see the outer run again. Requests and cancels
 * upstream with the run current, and releases the hold, if any, after the terminal signal
 * or on cancel.
 */
final class RunSubscriber<T> implements CoreSubscriber<T>, Subscription {

	private final CoreSubscriber<? super T> actual;

	private final RunId runId;

	private final @Nullable RunId deliveryRun;

	private final @Nullable Context context;

	private final RunContext.@Nullable Hold hold;

	private @Nullable Subscription upstream;

	RunSubscriber(CoreSubscriber<? super T> actual, RunId runId, @Nullable RunId deliveryRun, @Nullable Context context,
			RunContext.@Nullable Hold hold) {
		this.actual = actual;
		this.runId = runId;
		this.deliveryRun = deliveryRun;
		this.context = context;
		this.hold = hold;
	}

	/**
	 * Subscribe to a source with the run current, delivering its signals with the run
	 * current.
	 */
	static <T> void restore(CorePublisher<T> source, CoreSubscriber<? super T> actual, RunId runId) {
		try (RunContext scope = RunIdReactor.enterUnlessCurrent(runId)) {
			source.subscribe(new RunSubscriber<>(actual, runId, runId, null, null));
		}
	}

	@Override
	public Context currentContext() {
		return (this.context != null) ? this.context : this.actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.validate(this.upstream, subscription)) {
			this.upstream = subscription;
			try (RunContext scope = enterDeliveryRun()) {
				this.actual.onSubscribe(this);
			}
		}
	}

	@Override
	public void onNext(T value) {
		try (RunContext scope = enterDeliveryRun()) {
			this.actual.onNext(value);
		}
	}

	@Override
	public void onError(Throwable error) {
		try (RunContext scope = enterDeliveryRun()) {
			this.actual.onError(error);
		}
		finally {
			release();
		}
	}

	@Override
	public void onComplete() {
		try (RunContext scope = enterDeliveryRun()) {
			this.actual.onComplete();
		}
		finally {
			release();
		}
	}

	@Override
	public void request(long n) {
		// a request can make the source emit on this thread, into the run's operators
		Subscription upstream = Objects.requireNonNull(this.upstream);
		try (RunContext scope = RunIdReactor.enterUnlessCurrent(this.runId)) {
			upstream.request(n);
		}
	}

	@Override
	public void cancel() {
		Subscription upstream = Objects.requireNonNull(this.upstream);
		try (RunContext scope = RunIdReactor.enterUnlessCurrent(this.runId)) {
			upstream.cancel();
		}
		finally {
			release();
		}
	}

	private @Nullable RunContext enterDeliveryRun() {
		RunId run = this.deliveryRun;
		return (run != null) ? RunIdReactor.enterUnlessCurrent(run) : null;
	}

	private void release() {
		if (this.hold != null) {
			this.hold.close();
		}
	}

}
