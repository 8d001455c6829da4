package dev.runid.spring.usage;

import java.util.List;

import dev.runid.MdcKeys;
import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.scope.RunScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Adds up the token usage of the LLM calls of each run while the run is active in this
 * process, and tells every {@link RunUsageListener} of each call. When the run ends here
 * (its last scope closes, see {@link RunScope}), it logs one line,
 * {@code run_usage llm_calls=.. input_tokens=.. output_tokens=..}, with the run in the
 * MDC, unless the line is switched off ({@code run-id.usage.log.enabled=false}) or the
 * run made no call, and forgets the run.
 * <p>
 * Usage is kept with the run's {@code @RunScoped} beans, so it lives exactly as long as
 * the run is active: usage recorded for a run that is not active here counts on its own
 * and is logged at once. Thread-safe.
 */
public final class RunUsageLedger {

	private static final Logger logger = LoggerFactory.getLogger(RunUsageLedger.class);

	private static final String TALLY = RunUsageLedger.class.getName() + ".tally";

	private final RunScope scope;

	private final List<RunUsageListener> listeners;

	private final boolean logUsage;

	/**
	 * Create a ledger.
	 * @param scope the run scope that keeps the usage of active runs
	 * @param listeners the listeners to tell of each call
	 * @param logUsage whether to log the usage line when a run ends
	 */
	public RunUsageLedger(RunScope scope, List<RunUsageListener> listeners, boolean logUsage) {
		this.scope = scope;
		this.listeners = List.copyOf(listeners);
		this.logUsage = logUsage;
	}

	/**
	 * Record the usage of LLM calls for a run, and tell the listeners.
	 * @param runId the run that made the calls
	 * @param usage the usage
	 */
	public void record(RunId runId, RunUsage usage) {
		if (runId.equals(RunContext.current().orElse(null))) {
			add(runId, usage);
		}
		else {
			// on a thread of the client library: the run is looked up as the current one,
			// and stays active until the listeners (the run registry's segment among
			// them)
			// have the usage, even when this thread is the last one in the run
			try (RunContext scope = RunContext.enter(runId)) {
				add(runId, usage);
			}
		}
	}

	private void add(RunId runId, RunUsage usage) {
		tally(runId).add(usage);
		for (RunUsageListener listener : this.listeners) {
			try {
				listener.usageRecorded(runId, usage);
			}
			catch (RuntimeException ex) {
				logger.warn("RunUsageListener {} failed", listener, ex);
			}
		}
	}

	/**
	 * The usage of the current run so far in this process.
	 * @return the usage, {@link RunUsage#NONE} when no run is current or it made no call
	 */
	public RunUsage current() {
		RunId runId = RunContext.current().orElse(null);
		return (runId != null) ? tally(runId).usage() : RunUsage.NONE;
	}

	private Tally tally(RunId runId) {
		return (Tally) this.scope.get(TALLY, () -> {
			Tally tally = new Tally();
			this.scope.registerDestructionCallback(TALLY, () -> ended(runId, tally));
			return tally;
		});
	}

	private void ended(RunId runId, Tally tally) {
		RunUsage usage = tally.usage();
		if (!this.logUsage || usage.llmCalls() == 0 || !logger.isInfoEnabled()) {
			return;
		}
		MdcKeys keys = RunContext.mdcKeys();
		String previousRunId = MDC.get(keys.runId());
		String previousParentRunId = MDC.get(keys.parentRunId());
		MDC.put(keys.runId(), runId.value());
		runId.parent()
			.ifPresentOrElse((parent) -> MDC.put(keys.parentRunId(), parent.value()),
					() -> MDC.remove(keys.parentRunId()));
		try {
			logger.info("run_usage llm_calls={} input_tokens={} output_tokens={}", usage.llmCalls(),
					usage.inputTokens(), usage.outputTokens());
		}
		finally {
			restore(keys.runId(), previousRunId);
			restore(keys.parentRunId(), previousParentRunId);
		}
	}

	private static void restore(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

	@Override
	public String toString() {
		return "RunUsageLedger[listeners=" + this.listeners.size() + ", log=" + this.logUsage + "]";
	}

	/**
	 * The usage of one active run.
	 */
	private static final class Tally {

		private RunUsage usage = RunUsage.NONE;

		synchronized void add(RunUsage added) {
			this.usage = this.usage.plus(added);
		}

		synchronized RunUsage usage() {
			return this.usage;
		}

	}

}
