package dev.runid.samples.reactiveagent;

import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.reactor.RunIdReactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * A sub-agent that summarises a tool's answer for the user's task, as a child run of the
 * agent's run: its lines, its LLM request and its usage ledger carry its own run ID and
 * name the agent's run as parent, on every thread its {@code Mono} runs on.
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
	 * Summarise a tool's answer in a child run of the subscriber's run.
	 * @param task the user's task
	 * @param toolResult what the tool answered
	 * @return the summary
	 */
	Mono<String> summarise(String task, String toolResult) {
		return Mono.deferContextual((context) -> {
			RunId parent = context.get(RunIdThreadLocalAccessor.KEY);
			RunId child = RunId.generate(parent);
			logger.info("subagent_spawned child_run_id={}", child);
			// the sub-agent's Mono runs as the child run, as run-id's WebFilter runs a
			// request: current on every thread it hops to, in its Context, and active for
			// its @RunScoped beans until it terminates
			return RunIdReactor.run(child, () -> work(task, toolResult));
		});
	}

	private Mono<String> work(String task, String toolResult) {
		return Mono.defer(() -> {
			logger.info("subagent_started role=summariser");
			return this.llm.chat("summarise", SUMMARISER_PROMPT, "Task: " + task + "\nTool result: " + toolResult);
		})
			.subscribeOn(Schedulers.boundedElastic())
			.publishOn(Schedulers.parallel())
			.doOnNext((summary) -> logger.info("subagent_completed summary_chars={}", summary.length()));
	}

}
