package dev.runid.it.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * What listeners saw, by message payload: the run current in the listener, the MDC and
 * the run header that an HTTP call from the listener carried to a real downstream server.
 */
final class Seen {

	private final Map<String, LinkedBlockingQueue<Visit>> visits = new ConcurrentHashMap<>();

	/**
	 * Record what the calling listener sees now.
	 * @param payload the message payload
	 * @param downstream the run header the downstream server received, or {@code null}
	 */
	void record(String payload, @Nullable String downstream) {
		RunId run = RunContext.current().orElse(null);
		queue(payload).add(new Visit((run != null) ? run.value() : null, MDC.get("runId"),
				(run != null) ? run.parent().map(RunId::value).orElse(null) : null, downstream,
				Thread.currentThread().getName()));
	}

	/**
	 * The next visit for a payload, waiting up to 30 seconds.
	 * @param payload the message payload
	 * @return the visit
	 */
	Visit take(String payload) {
		try {
			Visit visit = queue(payload).poll(30, TimeUnit.SECONDS);
			if (visit == null) {
				throw new AssertionError("no listener received " + payload);
			}
			return visit;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	List<Visit> takeAll(String payload, int count) {
		return java.util.stream.IntStream.range(0, count).mapToObj((i) -> take(payload)).toList();
	}

	private LinkedBlockingQueue<Visit> queue(String payload) {
		return this.visits.computeIfAbsent(payload, (key) -> new LinkedBlockingQueue<>());
	}

	/**
	 * What one listener call saw.
	 *
	 * @param runId the current run
	 * @param mdcRunId the run in the MDC
	 * @param parentRunId the current run's parent
	 * @param downstream the run header the downstream server received
	 * @param thread the listener's thread
	 */
	record Visit(@Nullable String runId, @Nullable String mdcRunId, @Nullable String parentRunId,
			@Nullable String downstream, String thread) {

	}

}
