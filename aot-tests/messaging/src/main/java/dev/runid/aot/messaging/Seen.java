package dev.runid.aot.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * What the listeners saw of the run (and the trace) they ran in, by message payload, each
 * delivery of a payload in turn. Thread-safe.
 */
@Component
class Seen {

	private final Map<String, List<String>> seen = new ConcurrentHashMap<>();

	private final Map<String, String> traces = new ConcurrentHashMap<>();

	private final RunLedger ledger;

	private final Tracer tracer;

	Seen(RunLedger ledger, Tracer tracer) {
		this.ledger = ledger;
		this.tracer = tracer;
	}

	/**
	 * Record the run as {@link RunContext}, the MDC and a run-scoped bean see it on the
	 * calling listener's thread, and the trace of the current span.
	 * @param payload the message payload
	 */
	void record(String payload) {
		record(payload, "");
	}

	/**
	 * Record the run as {@link #record(String)} does, followed by more that the listener
	 * saw.
	 * @param payload the message payload
	 * @param more what else the listener saw, appended as it is (from a leading space)
	 */
	void record(String payload, String more) {
		RunId runId = RunContext.current().orElse(null);
		String run = (runId != null) ? runId.value() : "none";
		String parent = (runId != null) ? runId.parent().map(RunId::value).orElse("none") : "none";
		String scoped = (runId != null) ? this.ledger.createdIn() : "none";
		Span span = this.tracer.currentSpan();
		if (span != null) {
			this.traces.put(payload, span.context().traceId());
		}
		this.seen.computeIfAbsent(payload, (key) -> new CopyOnWriteArrayList<>())
			.add("run=" + run + " parent=" + parent + " mdc=" + MDC.get("runId") + " scoped=" + scoped + more);
	}

	/**
	 * What the listener of a message saw, the last time it received it.
	 * @param payload the message payload
	 * @return {@code run=... parent=... mdc=... scoped=...}, or {@code null} before a
	 * listener received it
	 */
	@Nullable String of(String payload) {
		List<String> deliveries = this.seen.get(payload);
		return (deliveries != null) ? deliveries.get(deliveries.size() - 1) : null;
	}

	/**
	 * What the listener of a message saw, each time it received it.
	 * @param payload the message payload
	 * @return one {@code run=... parent=... mdc=... scoped=...} per delivery, in order
	 */
	List<String> all(String payload) {
		return List.copyOf(this.seen.getOrDefault(payload, List.of()));
	}

	/**
	 * The trace a listener received a message in.
	 * @param payload the message payload
	 * @return the trace ID of the listener's span, or {@code null} when it had none
	 */
	@Nullable String traceOf(String payload) {
		return this.traces.get(payload);
	}

}
