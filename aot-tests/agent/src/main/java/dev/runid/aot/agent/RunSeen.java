package dev.runid.aot.agent;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.slf4j.MDC;

/**
 * What a tool sees of the run it runs in.
 */
final class RunSeen {

	private RunSeen() {
	}

	/**
	 * The run as {@link RunContext}, the MDC and a run-scoped bean see it.
	 * @param ledger the run-scoped bean
	 * @return {@code run=... parent=... mdc=... scoped=...}
	 */
	static String describe(RunLedger ledger) {
		RunId runId = RunContext.current().orElse(null);
		String run = (runId != null) ? runId.value() : "none";
		String parent = (runId != null) ? runId.parent().map(RunId::value).orElse("none") : "none";
		String scoped = (runId != null) ? ledger.createdIn() : "none";
		return "run=" + run + " parent=" + parent + " mdc=" + MDC.get("runId") + " scoped=" + scoped;
	}

}
