package dev.runid.samples.agent;

import dev.runid.spring.NewRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Component;

/**
 * A sub-agent that summarises the agent's answer in one sentence, as a child run of the
 * agent's run ({@link NewRun} inside a run): its lines, its LLM request and its token
 * usage carry its own run ID and name the agent's run as parent. Not {@code final}:
 * run-id proxies it.
 */
@Component
class Summariser {

	static final String SYSTEM_PROMPT = """
			You are a sub-agent that summarises the text after "Text:" for the user's task in one sentence.""";

	private static final Logger logger = LoggerFactory.getLogger(Summariser.class);

	private final ChatClient chatClient;

	Summariser(ChatClient.Builder chatClientBuilder) {
		this.chatClient = chatClientBuilder.defaultSystem(SYSTEM_PROMPT).build();
	}

	/**
	 * Summarise a text, in a child run of the current run.
	 * @param task the user's task
	 * @param text the text to summarise
	 * @return the summary
	 */
	@NewRun
	String summarise(String task, String text) {
		logger.info("subagent_started role=summariser");
		String summary = this.chatClient.prompt().user("Task: " + task + "\nText: " + text).call().content();
		if (summary == null || summary.isBlank()) {
			throw new IllegalStateException("the LLM answered the summariser without content");
		}
		logger.info("subagent_completed summary_chars={}", summary.length());
		return summary;
	}

}
