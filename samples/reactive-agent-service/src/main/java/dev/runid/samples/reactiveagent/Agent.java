package dev.runid.samples.reactiveagent;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Service;

/**
 * The agent: a Spring AI {@link ChatClient} whose streamed conversation may call the
 * {@link AgentTools}, then a {@link Summariser} sub-agent that turns the model's answer
 * into the result.
 * <p>
 * Its pipeline hops threads: it starts on the server's event loop, the stream's chunks
 * arrive on the OpenAI SDK's HTTP threads, Spring AI calls the tools on
 * {@code boundedElastic}, and the agent goes on on Reactor's {@code parallel} scheduler.
 * It never handles a run ID itself: the run is in the pipeline's Reactor {@code Context},
 * and run-id puts it in the MDC of every line logged here and in the tools, and on every
 * request to the LLM.
 */
@Service
final class Agent {

	static final String SYSTEM_PROMPT = """
			You are an agent that answers the user's task with the help of exactly one of your tools: \
			weather (for a city), stock_price (for a ticker symbol) or search (for anything else).""";

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
	 * Run the agent on a task, when subscribed to.
	 * @param user who asked
	 * @param task what they asked
	 * @return the agent's answer, or an {@link AgentFailedException} if a step failed; it
	 * has been logged
	 */
	Mono<String> run(String user, String task) {
		return Mono.defer(() -> {
			logger.info("agent_started user={} task={}", LogValues.quoted(user, 40), LogValues.quoted(task, 80));
			return step("answer", this.chatClient.prompt()
				.user(task)
				.tools(this.tools)
				.stream()
				.content()
				.collect(Collectors.joining())
				.filter((answer) -> !answer.isBlank())
				.switchIfEmpty(Mono.error(() -> new IllegalStateException("the LLM answered without content"))));
		})
			.publishOn(Schedulers.parallel())
			.flatMap((answer) -> step("summarise", this.summariser.summarise(task, answer)))
			.publishOn(Schedulers.parallel())
			.doOnNext((result) -> logger.info("agent_completed result_chars={}", result.length()));
	}

	/**
	 * A step of the run whose failure ends the run: logged once, with the step's name.
	 */
	private static <T> Mono<T> step(String step, Mono<T> work) {
		return work.onErrorMap((ex) -> !(ex instanceof AgentFailedException), (ex) -> {
			String message = AgentFailedException.messageOf(ex);
			logger.error("agent_failed step={} error={}", step, LogValues.quoted(message, 200), ex);
			return new AgentFailedException(message, ex);
		});
	}

}
