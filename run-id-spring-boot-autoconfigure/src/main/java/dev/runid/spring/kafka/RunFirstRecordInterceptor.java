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
final class RunFirstRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

	private final RunIdKafkaRecordInterceptor<K, V> runId;

	private final RecordInterceptor<K, V> application;

	RunFirstRecordInterceptor(RunIdKafkaRecordInterceptor<K, V> runId, RecordInterceptor<K, V> application) {
		this.runId = runId;
		this.application = application;
	}

	RecordInterceptor<K, V> application() {
		return this.application;
	}

	@Override
	public void setupThreadState(Consumer<?, ?> consumer) {
		this.runId.setupThreadState(consumer);
		this.application.setupThreadState(consumer);
	}

	@Override
	public @Nullable ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		ConsumerRecord<K, V> intercepted = this.runId.intercept(record, consumer);
		try {
			intercepted = this.application.intercept(intercepted, consumer);
		}
		catch (RuntimeException ex) {
			this.runId.afterRecord(record, consumer);
			throw ex;
		}
		if (intercepted == null) {
			// the application skips the record: the container calls no exit for it
			this.runId.afterRecord(record, consumer);
		}
		return intercepted;
	}

	@Override
	public void success(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		this.application.success(record, consumer);
		this.runId.success(record, consumer);
	}

	@Override
	public void failure(ConsumerRecord<K, V> record, Exception exception, Consumer<K, V> consumer) {
		try {
			this.application.failure(record, exception, consumer);
		}
		finally {
			this.runId.failure(record, exception, consumer);
		}
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
	public void clearThreadState(Consumer<?, ?> consumer) {
		try {
			this.application.clearThreadState(consumer);
		}
		finally {
			this.runId.clearThreadState(consumer);
		}
	}

}
