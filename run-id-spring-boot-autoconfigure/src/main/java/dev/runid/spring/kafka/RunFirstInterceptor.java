package dev.runid.spring.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ThreadStateProcessor;

/**
 * Run-id's interceptor around the application's, for records and batches alike: run-id's
 * {@code intercept} comes first, and its failure and exit come after the application's
 * even when the application's throw, so that every hook of the application runs in the
 * run. When the application's {@code intercept} throws or skips the record or batch, the
 * container calls no exit for it, and the run is left at once. Thread state is set up in
 * the same order and cleared in the reverse one.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <T> a record or a batch
 * @param <I> the kind of interceptor, of records or of batches
 */
abstract class RunFirstInterceptor<K, V, T, I extends ThreadStateProcessor> implements ThreadStateProcessor {

	final I runId;

	final I application;

	RunFirstInterceptor(I runId, I application) {
		this.runId = runId;
		this.application = application;
	}

	@Override
	public final void setupThreadState(Consumer<?, ?> consumer) {
		this.runId.setupThreadState(consumer);
		this.application.setupThreadState(consumer);
	}

	public final @Nullable T intercept(T intercepted, Consumer<K, V> consumer) {
		T inRun = enterRun(intercepted, consumer);
		T byApplication;
		try {
			byApplication = interceptByApplication(inRun, consumer);
		}
		catch (RuntimeException ex) {
			leaveRun(intercepted, consumer);
			throw ex;
		}
		if (byApplication == null) {
			// the application skips it: the container calls no exit for it
			leaveRun(intercepted, consumer);
		}
		return byApplication;
	}

	public final void failure(T failed, Exception exception, Consumer<K, V> consumer) {
		try {
			failureOfApplication(failed, exception, consumer);
		}
		finally {
			failureOfRun(failed, exception, consumer);
		}
	}

	@Override
	public final void clearThreadState(Consumer<?, ?> consumer) {
		try {
			this.application.clearThreadState(consumer);
		}
		finally {
			this.runId.clearThreadState(consumer);
		}
	}

	/**
	 * Run-id's {@code intercept}, which enters the run.
	 */
	abstract T enterRun(T intercepted, Consumer<K, V> consumer);

	/**
	 * The application's {@code intercept}.
	 */
	abstract @Nullable T interceptByApplication(T intercepted, Consumer<K, V> consumer);

	/**
	 * Run-id's exit, which leaves the run.
	 */
	abstract void leaveRun(T intercepted, Consumer<K, V> consumer);

	/**
	 * The application's {@code failure}.
	 */
	abstract void failureOfApplication(T failed, Exception exception, Consumer<K, V> consumer);

	/**
	 * Run-id's {@code failure}, which marks the run failed.
	 */
	abstract void failureOfRun(T failed, Exception exception, Consumer<K, V> consumer);

}
