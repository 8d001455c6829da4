package dev.runid;

/**
 * The SLF4J MDC keys under which {@link RunContext} puts the current run and its parent.
 *
 * @param runId the MDC key of the current run
 * @param parentRunId the MDC key of the parent of the current run
 */
public record MdcKeys(String runId, String parentRunId) {

	/**
	 * The default keys, {@code runId} and {@code parentRunId}.
	 */
	public static final MdcKeys DEFAULT = new MdcKeys("runId", "parentRunId");

	/**
	 * Create keys, checking that they are neither blank nor equal.
	 * @param runId the MDC key of the current run
	 * @param parentRunId the MDC key of the parent run
	 */
	public MdcKeys {
		if (runId == null || runId.isBlank()) {
			throw new IllegalArgumentException("The MDC key of the run must not be blank");
		}
		if (parentRunId == null || parentRunId.isBlank()) {
			throw new IllegalArgumentException("The MDC key of the parent run must not be blank");
		}
		if (runId.equals(parentRunId)) {
			throw new IllegalArgumentException("The MDC keys of the run and of its parent must differ");
		}
	}

}
