package dev.runid.samples.agent;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A sub-agent that summarises a tool's answer for the user's task, as a child run of the
 * agent's run: its lines, its LLM request and its usage ledger carry its own run ID and
 * name the agent's run as parent.
 */
@Component
final class Summariser {

	static final String SUMMARISER_PROMPT = """
			You are a sub-agent that summarises a tool result for the user's task in one sentence.""";

	private static final Logger logger = LoggerFactory.getLogger(Summariser.class);

	private final LlmClient llm;

	Summariser(LlmClient llm) {
		this.llm = llm;
	}

	/**
	 * Summarise a tool's answer in a child run of the current run.
	 * @param task the user's task
	 * @param toolResult what the tool answered
	 * @return the summary
	 */
	@SuppressWarnings("try") // the scope is entered for its effect: the child run is
								// current
	String summarise(String task, String toolResult) {
		RunId parent = RunContext.current().orElseThrow();
		RunId child = RunId.generate(parent);
		logger.info("subagent_spawned child_run_id={}", child);
		try (RunContext scope = RunContext.enter(child)) {
			logger.info("subagent_started role=summariser");
			String summary = this.llm.chat("summarise", SUMMARISER_PROMPT,
					"Task: " + task + "\nTool result: " + toolResult);
			logger.info("subagent_completed summary_chars={}", summary.length());
			return summary;
		}
	}

}
