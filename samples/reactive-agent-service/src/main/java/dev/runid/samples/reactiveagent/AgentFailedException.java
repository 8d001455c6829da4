package dev.runid.samples.reactiveagent;

/**
 * Thrown when a step of an agent run failed; the agent has logged it.
 */
final class AgentFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	AgentFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
