package dev.runid.spring.usage;

import dev.runid.RunId;

/**
 * Told of the token usage of each LLM call as it is recorded for a run, for example by
 * the run registry, which adds it to the run's segment in this process. Beans of this
 * type are called on the thread that recorded the usage: implementations must be fast,
 * thread-safe and must not throw.
 */
@FunctionalInterface
public interface RunUsageListener {

	/**
	 * Called when usage was recorded for a run.
	 * @param runId the run the usage belongs to
	 * @param usage the usage of one call (or of several, added up)
	 */
	void usageRecorded(RunId runId, RunUsage usage);

}
