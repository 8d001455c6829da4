package dev.runid.aot.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * What the listeners saw of the run they ran in, by message payload. Thread-safe.
 */
@Component
class Seen {

	private final Map<String, String> seen = new ConcurrentHashMap<>();

	private final RunLedger ledger;

	Seen(RunLedger ledger) {
		this.ledger = ledger;
	}

	/**
	 * Record the run as {@link RunContext}, the MDC and a run-scoped bean see it on the
	 * calling listener's thread.
	 * @param payload the message payload
	 */
	void record(String payload) {
		RunId runId = RunContext.current().orElse(null);
		String run = (runId != null) ? runId.value() : "none";
		String parent = (runId != null) ? runId.parent().map(RunId::value).orElse("none") : "none";
		String scoped = (runId != null) ? this.ledger.createdIn() : "none";
		this.seen.put(payload, "run=" + run + " parent=" + parent + " mdc=" + MDC.get("runId") + " scoped=" + scoped);
	}

	/**
	 * What the listener of a message saw.
	 * @param payload the message payload
	 * @return {@code run=... parent=... mdc=... scoped=...}, or {@code null} before a
	 * listener received it
	 */
	@Nullable String of(String payload) {
		return this.seen.get(payload);
	}

}
