package dev.runid.spring.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/**
 * Producer interceptor that adds the current run to every record a {@code KafkaTemplate}
 * sends: the run header and, for a child run, the parent header, as UTF-8. A header the
 * record already has wins; outside a run nothing is added. Runs on the sending thread.
 * Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RunIdKafkaProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

	private final String headerName;

	private final String parentHeaderName;

	/**
	 * Create an interceptor.
	 * @param headerName the header of the run ID
	 * @param parentHeaderName the header of the parent run ID
	 */
	public RunIdKafkaProducerInterceptor(String headerName, String parentHeaderName) {
		this.headerName = headerName;
		this.parentHeaderName = parentHeaderName;
	}

	@Override
	public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
		RunId runId = RunContext.current().orElse(null);
		if (runId != null) {
			Headers headers = record.headers();
			// a run the record already names is the sender's choice: no parent is added
			// to it
			if (headers.lastHeader(this.headerName) == null) {
				headers.add(this.headerName, runId.value().getBytes(StandardCharsets.UTF_8));
				RunId parent = runId.parent().orElse(null);
				if (parent != null && headers.lastHeader(this.parentHeaderName) == null) {
					headers.add(this.parentHeaderName, parent.value().getBytes(StandardCharsets.UTF_8));
				}
			}
		}
		return record;
	}

	@Override
	public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
	}

	@Override
	public void close() {
	}

	@Override
	public void configure(Map<String, ?> configs) {
	}

}
