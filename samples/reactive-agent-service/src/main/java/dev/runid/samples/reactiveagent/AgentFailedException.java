package dev.runid.samples.reactiveagent;

/**
 * Thrown when a step of an agent run failed; the agent has logged it.
 */
final class AgentFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	AgentFailedException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * What went wrong, for the caller: the message of the innermost cause (Spring AI
	 * wraps a tool's exception in its own).
	 * @param ex what was thrown
	 * @return its root cause's message, or that cause's type when it has none
	 */
	static String messageOf(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
