package dev.runid.samples.reactiveagent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * The agent: asks the LLM which tool to use, calls it, and has a {@link Summariser}
 * sub-agent turn the tool's answer into the result.
 * <p>
 * Its pipeline hops threads on purpose: it starts on the server's event loop, plans on
 * Reactor's {@code parallel} scheduler, calls the tool from {@code boundedElastic}, and
 * reads every HTTP answer on a Netty event loop. It never handles a run ID itself: the
 * run is in the pipeline's Reactor {@code Context}, and run-id puts it in the MDC of
 * every line logged here, on every thread, and on every HTTP request sent from here.
 */
@Service
final class Agent {

	static final String PLANNER_PROMPT = """
			You are an agent that picks exactly one tool for the user's task.
			Tools: "search" (input: a web search query), "weather" (input: a city), \
			"stock-price" (input: a ticker symbol).
			Answer with JSON only, for example {"tool": "weather", "input": "Paris"}.""";

	private static final Logger logger = LoggerFactory.getLogger(Agent.class);

	private final LlmClient llm;

	private final ToolClient tools;

	private final Summariser summariser;

	private final JsonMapper jsonMapper;

	Agent(LlmClient llm, ToolClient tools, Summariser summariser, JsonMapper jsonMapper) {
		this.llm = llm;
		this.tools = tools;
		this.summariser = summariser;
		this.jsonMapper = jsonMapper;
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
			return step("plan", this.llm.chat("plan", PLANNER_PROMPT, task).map(this::toolCall));
		})
			.publishOn(Schedulers.parallel())
			.doOnNext((call) -> logger.info("agent_plan tool={} input={}", LogValues.quoted(call.tool(), 40),
					LogValues.quoted(call.input(), 80)))
			.flatMap((call) -> step("tool",
					this.tools.call(call.tool(), call.input()).subscribeOn(Schedulers.boundedElastic()))
				.flatMap((toolResult) -> step("summarise", this.summariser.summarise(task, toolResult)))
				.publishOn(Schedulers.parallel())
				.doOnNext((result) -> logger.info("agent_completed tool={} result_chars={}", call.tool(),
						result.length())));
	}

	/**
	 * A step of the run whose failure ends the run: logged once, with the step's name.
	 */
	private static <T> Mono<T> step(String step, Mono<T> work) {
		return work.onErrorMap((ex) -> !(ex instanceof AgentFailedException), (ex) -> {
			logger.error("agent_failed step={} error={}", step, LogValues.quoted(ex.getMessage(), 200), ex);
			return new AgentFailedException(String.valueOf(ex.getMessage()), ex);
		});
	}

	private ToolCall toolCall(String answer) {
		// models like to wrap JSON in prose or code fences
		int start = answer.indexOf('{');
		int end = answer.lastIndexOf('}');
		if (start >= 0 && end > start) {
			try {
				ToolCall call = this.jsonMapper.readValue(answer.substring(start, end + 1), ToolCall.class);
				if (call.tool() != null && call.input() != null) {
					return call;
				}
			}
			catch (JacksonException ex) {
				// reported below
			}
		}
		throw new IllegalStateException("LLM answered no tool call: " + LogValues.quoted(answer, 80));
	}

	/**
	 * The tool the LLM picked.
	 *
	 * @param tool the tool's name
	 * @param input the tool's input
	 */
	record ToolCall(String tool, String input) {
	}

}
