package dev.runid.spring.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Run-id's record interceptor around the application's: the record's run is entered
 * before the application's {@code intercept} and left after its {@code success},
 * {@code failure} and {@code afterRecord}, so every hook of the application runs in the
 * run, and runs the application enters itself are nested in it. (Spring Kafka's
 * {@code CompositeRecordInterceptor} calls the exits in the same order as the entries.)
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class RunFirstRecordInterceptor<K, V> extends
		RunFirstInterceptor<K, V, ConsumerRecord<K, V>, RecordInterceptor<K, V>> implements RecordInterceptor<K, V> {

	RunFirstRecordInterceptor(RunIdKafkaRecordInterceptor<K, V> runId, RecordInterceptor<K, V> application) {
		super(runId, application);
	}

	@Override
	public void success(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		this.application.success(record, consumer);
		this.runId.success(record, consumer);
	}

	@Override
	public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		try {
			this.application.afterRecord(record, consumer);
		}
		finally {
			this.runId.afterRecord(record, consumer);
		}
	}

	@Override
	ConsumerRecord<K, V> enterRun(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		return this.runId.intercept(record, consumer);
	}

	@Override
	@Nullable ConsumerRecord<K, V> interceptByApplication(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		return this.application.intercept(record, consumer);
	}

	@Override
	void leaveRun(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		this.runId.afterRecord(record, consumer);
	}

	@Override
	void failureOfApplication(ConsumerRecord<K, V> record, Exception exception, Consumer<K, V> consumer) {
		this.application.failure(record, exception, consumer);
	}

	@Override
	void failureOfRun(ConsumerRecord<K, V> record, Exception exception, Consumer<K, V> consumer) {
		this.runId.failure(record, exception, consumer);
	}

}
