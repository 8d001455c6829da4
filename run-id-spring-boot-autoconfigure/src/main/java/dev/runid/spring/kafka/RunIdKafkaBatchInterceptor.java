package dev.runid.spring.kafka;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.runid.spring.messaging.RunIdMessageListening;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Batch interceptor that runs a batch listener in a new run of its own: the records of a
 * batch may come from many runs, and none of them is the batch's. Each record keeps its
 * run in its headers, for the listener to read. The batch's run lasts from
 * {@link #intercept} to {@link #success} or {@link #failure}. One instance serves every
 * consumer thread of a factory's containers.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RunIdKafkaBatchInterceptor<K, V> implements BatchInterceptor<K, V> {

	private final RunIdMessageListening listening;

	private final ConsumerThreadRuns runs = new ConsumerThreadRuns();

	/**
	 * Create an interceptor.
	 * @param listening starts the batch's run
	 */
	public RunIdKafkaBatchInterceptor(RunIdMessageListening listening) {
		this.listening = listening;
	}

	@Override
	public ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		this.runs.leave();
		Set<String> topics = new LinkedHashSet<>();
		for (TopicPartition partition : records.partitions()) {
			topics.add(partition.topic());
		}
		this.runs.entered(this.listening.enterNew(String.join(",", topics)));
		return records;
	}

	@Override
	public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		this.runs.leave();
	}

	@Override
	public void failure(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
		this.runs.failed(exception);
		this.runs.leave();
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		this.runs.leave();
	}

}
