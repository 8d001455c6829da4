package dev.runid.samples.reactiveagent;

import java.util.stream.Collectors;

import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.reactor.RunIdReactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Component;

/**
 * A sub-agent that summarises the agent's answer in one sentence, as a child run of the
 * agent's run: its lines, its streamed LLM request and its token usage carry its own run
 * ID and name the agent's run as parent, on every thread its {@code Mono} runs on.
 */
@Component
final class Summariser {

	static final String SYSTEM_PROMPT = """
			You are a sub-agent that summarises the text after "Text:" for the user's task in one sentence.""";

	private static final Logger logger = LoggerFactory.getLogger(Summariser.class);

	private final ChatClient chatClient;

	Summariser(ChatClient.Builder chatClientBuilder) {
		this.chatClient = chatClientBuilder.defaultSystem(SYSTEM_PROMPT).build();
	}

	/**
	 * Summarise a text in a child run of the subscriber's run.
	 * @param task the user's task
	 * @param text the text to summarise
	 * @return the summary
	 */
	Mono<String> summarise(String task, String text) {
		return Mono.deferContextual((context) -> {
			RunId child = RunId.generate(context.<RunId>get(RunIdThreadLocalAccessor.KEY));
			// the sub-agent's Mono runs as the child run, as run-id's WebFilter runs a
			// request: current on every thread it hops to, in its Context, and active
			// until
			// it terminates, when its run_usage line is logged
			return RunIdReactor.run(child, () -> work(task, text));
		});
	}

	private Mono<String> work(String task, String text) {
		return Mono.defer(() -> {
			logger.info("subagent_started role=summariser");
			return this.chatClient.prompt()
				.user("Task: " + task + "\nText: " + text)
				.stream()
				.content()
				.collect(Collectors.joining());
		})
			.subscribeOn(Schedulers.boundedElastic())
			.publishOn(Schedulers.parallel())
			.doOnNext((summary) -> logger.info("subagent_completed summary_chars={}", summary.length()));
	}

}
