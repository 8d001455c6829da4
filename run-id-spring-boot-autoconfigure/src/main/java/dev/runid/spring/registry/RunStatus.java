package dev.runid.spring.registry;

/**
 * The status of a run or of one of its segments.
 */
public enum RunStatus {

	/**
	 * A segment is still running.
	 */
	RUNNING,

	/**
	 * Every segment ended without failure.
	 */
	SUCCEEDED,

	/**
	 * A segment failed: an unhandled exception, or an HTTP answer of 5xx.
	 */
	FAILED

}
