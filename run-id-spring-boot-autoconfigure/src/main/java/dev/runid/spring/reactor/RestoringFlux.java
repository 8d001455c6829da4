package dev.runid.spring.reactor;

import dev.runid.RunId;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * {@link RunIdReactor#restore(Flux, RunId)}: subscribes to the source with the run
 * current, and delivers its signals with the run current.
 */
final class RestoringFlux<T> extends Flux<T> {

	private final RunId runId;

	private final Flux<T> source;

	RestoringFlux(RunId runId, Flux<T> source) {
		this.runId = runId;
		this.source = source;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		RunSubscriber.restore(this.source, actual, this.runId);
	}

}
