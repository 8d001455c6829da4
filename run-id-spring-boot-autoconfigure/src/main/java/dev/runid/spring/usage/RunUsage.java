package dev.runid.spring.usage;

/**
 * The token usage of LLM calls: how many calls, and how many input and output tokens they
 * counted. Immutable.
 *
 * @param llmCalls the number of LLM calls
 * @param inputTokens the input (prompt) tokens of those calls
 * @param outputTokens the output (completion) tokens of those calls
 */
public record RunUsage(long llmCalls, long inputTokens, long outputTokens) {

	/**
	 * No usage.
	 */
	public static final RunUsage NONE = new RunUsage(0, 0, 0);

	/**
	 * The sum of this usage and another.
	 * @param other the usage to add
	 * @return the sum
	 */
	public RunUsage plus(RunUsage other) {
		return new RunUsage(this.llmCalls + other.llmCalls, this.inputTokens + other.inputTokens,
				this.outputTokens + other.outputTokens);
	}

}
