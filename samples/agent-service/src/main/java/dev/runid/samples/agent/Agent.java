package dev.runid.samples.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Service;

/**
 * The agent: a Spring AI {@link ChatClient} that may call the {@link AgentTools}, then a
 * {@link Summariser} sub-agent that turns the model's answer into the result.
 * <p>
 * It runs in the request's run and never handles a run ID itself: run-id puts the run in
 * the MDC of every line logged here and in the tools, and on every request to the LLM.
 */
@Service
final class Agent {

	static final String SYSTEM_PROMPT = """
			You are an agent that answers the user's task with the help of exactly one of your tools: \
			weather (for a city), stock_price (for a ticker symbol), report (to have a report written on a \
			subject) or search (for anything else).""";

	private static final Logger logger = LoggerFactory.getLogger(Agent.class);

	private final ChatClient chatClient;

	private final AgentTools tools;

	private final Summariser summariser;

	/**
	 * Build the agent's client from Spring AI's builder, which run-id has customised.
	 * @param chatClientBuilder the auto-configured builder
	 * @param tools the tools the model may call
	 * @param summariser the sub-agent
	 */
	Agent(ChatClient.Builder chatClientBuilder, AgentTools tools, Summariser summariser) {
		this.chatClient = chatClientBuilder.defaultSystem(SYSTEM_PROMPT).build();
		this.tools = tools;
		this.summariser = summariser;
	}

	/**
	 * Run the agent on a task.
	 * @param user who asked
	 * @param task what they asked
	 * @return the agent's answer
	 * @throws AgentFailedException if a step failed; it has been logged
	 */
	String run(String user, String task) {
		logger.info("agent_started user={} task={}", LogValues.quoted(user, 40), LogValues.quoted(task, 80));
		String step = "answer";
		try {
			String answer = this.chatClient.prompt().user(task).tools(this.tools).call().content();
			if (answer == null || answer.isBlank()) {
				throw new IllegalStateException("the LLM answered without content");
			}
			step = "summarise";
			String result = this.summariser.summarise(task, answer);
			logger.info("agent_completed result_chars={}", result.length());
			return result;
		}
		catch (RuntimeException ex) {
			String message = AgentFailedException.messageOf(ex);
			logger.error("agent_failed step={} error={}", step, LogValues.quoted(message, 200), ex);
			throw new AgentFailedException(message, ex);
		}
	}

}
