package dev.runid.spring.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Run-id's batch interceptor around the application's: the batch's run is entered before
 * the application's {@code intercept} and left after its {@code success} or
 * {@code failure}, so every hook of the application runs in the run.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class RunFirstBatchInterceptor<K, V> implements BatchInterceptor<K, V> {

	private final RunIdKafkaBatchInterceptor<K, V> runId;

	private final BatchInterceptor<K, V> application;

	RunFirstBatchInterceptor(RunIdKafkaBatchInterceptor<K, V> runId, BatchInterceptor<K, V> application) {
		this.runId = runId;
		this.application = application;
	}

	BatchInterceptor<K, V> application() {
		return this.application;
	}

	@Override
	public void setupThreadState(Consumer<?, ?> consumer) {
		this.runId.setupThreadState(consumer);
		this.application.setupThreadState(consumer);
	}

	@Override
	public @Nullable ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		ConsumerRecords<K, V> intercepted = this.runId.intercept(records, consumer);
		try {
			intercepted = this.application.intercept(intercepted, consumer);
		}
		catch (RuntimeException ex) {
			this.runId.success(records, consumer);
			throw ex;
		}
		if (intercepted == null) {
			// the application skips the batch: the container calls no exit for it
			this.runId.success(records, consumer);
		}
		return intercepted;
	}

	@Override
	public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		try {
			this.application.success(records, consumer);
		}
		finally {
			this.runId.success(records, consumer);
		}
	}

	@Override
	public void failure(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
		try {
			this.application.failure(records, exception, consumer);
		}
		finally {
			this.runId.failure(records, exception, consumer);
		}
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		try {
			this.application.clearThreadState(consumer);
		}
		finally {
			this.runId.clearThreadState(consumer);
		}
	}

}
