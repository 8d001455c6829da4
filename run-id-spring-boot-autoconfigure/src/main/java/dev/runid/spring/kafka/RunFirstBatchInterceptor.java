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
final class RunFirstBatchInterceptor<K, V> extends
		RunFirstInterceptor<K, V, ConsumerRecords<K, V>, BatchInterceptor<K, V>> implements BatchInterceptor<K, V> {

	RunFirstBatchInterceptor(RunIdKafkaBatchInterceptor<K, V> runId, BatchInterceptor<K, V> application) {
		super(runId, application);
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
	ConsumerRecords<K, V> enterRun(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		return this.runId.intercept(records, consumer);
	}

	@Override
	@Nullable ConsumerRecords<K, V> interceptByApplication(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		return this.application.intercept(records, consumer);
	}

	@Override
	void leaveRun(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		this.runId.success(records, consumer);
	}

	@Override
	void failureOfApplication(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
		this.application.failure(records, exception, consumer);
	}

	@Override
	void failureOfRun(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
		this.runId.failure(records, exception, consumer);
	}

}
