package dev.runid.spring.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import dev.runid.spring.messaging.RunIdMessageListening;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Record interceptor that runs the listener of each record in the record's run, from
 * {@link #intercept} to {@link #afterRecord}, which the container calls after the
 * listener and its error handler (retries, dead-letter publishing), so that both log in
 * the run. One instance serves every consumer thread of a factory's containers.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RunIdKafkaRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

	private final RunIdMessageListening listening;

	private final ConsumerThreadRuns runs = new ConsumerThreadRuns();

	/**
	 * Create an interceptor.
	 * @param listening turns the run headers of a record into its run
	 */
	public RunIdKafkaRecordInterceptor(RunIdMessageListening listening) {
		this.listening = listening;
	}

	@Override
	public ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		this.runs.leave();
		Headers headers = record.headers();
		Iterator<Header> values = headers.headers(this.listening.headerName()).iterator();
		String value = values.hasNext() ? utf8(values.next()) : null;
		boolean repeated = values.hasNext();
		Iterator<Header> parents = headers.headers(this.listening.parentHeaderName()).iterator();
		String parent = parents.hasNext() ? utf8(parents.next()) : null;
		boolean parentRepeated = parents.hasNext();
		this.runs.entered(this.listening.enter(value, repeated, parent, parentRepeated, record.topic()));
		return record;
	}

	@Override
	public void failure(ConsumerRecord<K, V> record, Exception exception, Consumer<K, V> consumer) {
		this.runs.failed(exception);
	}

	@Override
	public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		this.runs.leave();
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		this.runs.leave();
	}

	static @Nullable String utf8(Header header) {
		byte[] value = header.value();
		return (value != null) ? new String(value, StandardCharsets.UTF_8) : "";
	}

}
