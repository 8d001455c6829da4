package dev.runid.spring.kafka;

import dev.runid.spring.messaging.RunIdMessageListening;
import org.jspecify.annotations.Nullable;

/**
 * The run that a Kafka interceptor has entered on each consumer thread, until it leaves
 * it: a record's or a batch's. Each interceptor has one, which serves every consumer
 * thread of the containers it intercepts; none of its methods allocates.
 */
final class ConsumerThreadRuns {

	private final ThreadLocal<RunIdMessageListening.@Nullable Entry> entries = new ThreadLocal<>();

	/**
	 * Keep the run just entered on this thread.
	 * @param entry the entry of the run
	 */
	void entered(RunIdMessageListening.Entry entry) {
		this.entries.set(entry);
	}

	/**
	 * Mark the run entered on this thread, if any, as failed.
	 * @param exception what the listener threw
	 */
	void failed(Exception exception) {
		RunIdMessageListening.Entry entry = this.entries.get();
		if (entry != null) {
			entry.failed(exception);
		}
	}

	/**
	 * Leave the run entered on this thread, if any; doing it again does nothing.
	 */
	void leave() {
		RunIdMessageListening.Entry entry = this.entries.get();
		if (entry != null) {
			this.entries.remove();
			entry.close();
		}
	}

}
