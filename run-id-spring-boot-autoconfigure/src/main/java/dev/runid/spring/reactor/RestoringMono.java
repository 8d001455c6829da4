package dev.runid.spring.reactor;

import dev.runid.RunId;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * {@link RunIdReactor#restore(Mono, RunId)}: subscribes to the source with the run
 * current, and delivers its signals with the run current.
 */
final class RestoringMono<T> extends Mono<T> {

	private final RunId runId;

	private final Mono<T> source;

	RestoringMono(RunId runId, Mono<T> source) {
		this.runId = runId;
		this.source = source;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		RunSubscriber.restore(this.source, actual, this.runId);
	}

}
