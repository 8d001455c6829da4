package dev.runid.samples.reactiveagent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import dev.runid.RunId;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the sample: real HTTP to the agent, whose pipeline hops threads and
 * calls its stub LLM and its tools over real HTTP with {@code WebClient}, and the console
 * lines the application logs with its own log pattern, thread names included.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ReactiveAgentServiceApplicationTests {

	private static final Pattern X_RUN_ID = Pattern.compile("X-Run-Id=(\\S+) X-Parent-Run-Id=(\\S+)");

	/**
	 * Reactor Netty's event loops, which the server and {@code WebClient} share:
	 * {@code reactor-http-<transport>-<n>} with Reactor Netty's global resources (as when
	 * the jar runs), {@code webflux-http-...} with those of Spring's
	 * {@code ReactorResourceFactory} (as under these tests).
	 */
	private static final String EVENT_LOOP = "(reactor|webflux)-http-\\w+-\\d+";

	private static final String PARALLEL = "parallel-";

	/**
	 * Reactor's bounded-elastic workers; with {@code spring.threads.virtual.enabled=true}
	 * on Java 21+ they are virtual threads named {@code loomBoundedElastic-N}.
	 */
	private static final String BOUNDED_ELASTIC = "(loomBoundedElastic|boundedElastic)-\\d+";

	@LocalServerPort
	int port;

	@Test
	void everyStepOfARunNamesTheSameRun(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "alice", "What is the weather in Paris today?");

		assertThat(answer.status()).isEqualTo(200);
		String runId = answer.json("$.runId");
		assertThat(RunId.isValid(runId)).isTrue();
		assertThat(answer.runIdHeader()).isEqualTo(runId);
		assertThat(answer.<String>json("$.result")).startsWith("Weather in Paris: ");
		List<LogLine> run = awaitRunEnded(output, runId);
		assertThat(run).extracting(LogLine::event)
			.containsSubsequence("agent_started", "llm_stub_request", "llm_call", "agent_plan", "tool_call",
					"tool_request", "subagent_spawned", "agent_completed", "usage_summary");
		assertThat(run).allSatisfy((line) -> assertThat(line.parentRunId()).isEqualTo("-"));
		assertThat(only(run, "agent_started").message())
			.isEqualTo("agent_started user=\"alice\" task=\"What is the weather in Paris today?\"");
		assertThat(only(run, "agent_plan").message()).isEqualTo("agent_plan tool=\"weather\" input=\"Paris\"");
		assertThat(receivedHeaders(only(run, "llm_stub_request"))).as("headers the stub LLM received")
			.containsExactly(quoted(runId), "-");
		assertThat(receivedHeaders(only(run, "tool_request"))).as("headers the weather tool received")
			.containsExactly(quoted(runId), "-");
		assertThat(only(run, "tool_request").message()).contains("tool=weather city=\"Paris\"");
		assertThat(only(run, "usage_summary").message()).matches("usage_summary llm_calls=1 .* total_tokens=[1-9]\\d*");
	}

	@Test
	void runFollowsThePipelineAcrossThreadHops(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "alice", "What is the weather in Lima?");

		String runId = answer.json("$.runId");
		List<LogLine> run = awaitRunEnded(output, runId);
		assertThat(only(run, "agent_started").thread()).as("the server's event loop").matches(EVENT_LOOP);
		assertThat(only(run, "llm_call").thread()).as("the LLM's answer, on a Netty event loop").matches(EVENT_LOOP);
		assertThat(only(run, "agent_plan").thread()).as("after publishOn(parallel)").startsWith(PARALLEL);
		assertThat(only(run, "tool_call").thread()).as("under subscribeOn(boundedElastic)").matches(BOUNDED_ELASTIC);
		assertThat(only(run, "agent_completed").thread()).as("after publishOn(parallel)").startsWith(PARALLEL);
		String childRunId = childRunId(run);
		List<LogLine> child = awaitRunEnded(output, childRunId);
		assertThat(only(child, "subagent_started").thread()).as("under subscribeOn(boundedElastic)")
			.matches(BOUNDED_ELASTIC);
		assertThat(only(child, "llm_call").thread()).matches(EVENT_LOOP);
		assertThat(only(child, "subagent_completed").thread()).as("after publishOn(parallel)").startsWith(PARALLEL);
	}

	@Test
	void subAgentRunsAsChildRunOfTheAgentRun(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "alice", "What is the weather in Oslo?");

		String runId = answer.json("$.runId");
		List<LogLine> run = awaitRunEnded(output, runId);
		String childRunId = childRunId(run);
		assertThat(RunId.isValid(childRunId)).isTrue();
		assertThat(childRunId).isNotEqualTo(runId);
		List<LogLine> child = awaitRunEnded(output, childRunId);
		assertThat(child).extracting(LogLine::event)
			.containsExactly("subagent_started", "llm_stub_request", "llm_call", "subagent_completed", "usage_summary");
		assertThat(child).allSatisfy((line) -> assertThat(line.parentRunId()).isEqualTo(runId));
		assertThat(receivedHeaders(only(child, "llm_stub_request"))).as("headers the stub LLM received")
			.containsExactly(quoted(childRunId), quoted(runId));
		assertThat(only(child, "llm_call").message()).startsWith("llm_call purpose=summarise ");
		assertThat(only(child, "usage_summary").message()).startsWith("usage_summary llm_calls=1 ");
		assertThat(only(run, "llm_call").message()).as("the agent's own LLM call").startsWith("llm_call purpose=plan ");
		assertThat(run).extracting(LogLine::event)
			.as("the agent's run is current again after the sub-agent")
			.containsSubsequence("subagent_spawned", "agent_completed", "usage_summary");
		assertThat(output.getOut().lines().filter((line) -> line.contains(runId)))
			.as("grep of the agent's run finds its sub-agent's lines too")
			.hasSize(run.size() + child.size());
	}

	@Test
	void inboundRunIdBecomesTheRun(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "bob", "Find the run-id README", "X-Run-Id",
				"support-ticket-4711");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.<String>json("$.runId")).isEqualTo("support-ticket-4711");
		assertThat(answer.runIdHeader()).isEqualTo("support-ticket-4711");
		List<LogLine> run = awaitRunEnded(output, "support-ticket-4711");
		assertThat(only(run, "agent_started").message()).contains("user=\"bob\"");
		assertThat(only(run, "agent_plan").message())
			.isEqualTo("agent_plan tool=\"search\" input=\"Find the run-id README\"");
		assertThat(receivedHeaders(only(run, "llm_stub_request"))).containsExactly("\"support-ticket-4711\"", "-");
		assertThat(receivedHeaders(only(run, "tool_request"))).containsExactly("\"support-ticket-4711\"", "-");
		assertThat(run).extracting(LogLine::event).contains("agent_completed");
	}

	@Test
	void failedRunAnswersWithItsRunIdAndTheError(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "carol", "What is the stock price of ACME?");

		assertThat(answer.status()).isEqualTo(502);
		String runId = answer.json("$.runId");
		assertThat(answer.runIdHeader()).isEqualTo(runId);
		assertThat(answer.<String>json("$.error")).isEqualTo("tool stock-price answered 503 Service Unavailable");
		List<LogLine> run = awaitRunEnded(output, runId);
		assertThat(run).extracting(LogLine::event)
			.containsSubsequence("agent_started", "agent_plan", "tool_request", "tool_failed", "agent_failed",
					"usage_summary")
			.doesNotContain("subagent_spawned", "agent_completed");
		assertThat(receivedHeaders(only(run, "tool_request"))).containsExactly(quoted(runId), "-");
		assertThat(only(run, "tool_failed").level()).isEqualTo("WARN");
		LogLine failed = only(run, "agent_failed");
		assertThat(failed.level()).isEqualTo("ERROR");
		assertThat(failed.message())
			.isEqualTo("agent_failed step=tool error=\"tool stock-price answered 503 Service Unavailable\"");
	}

	@Test
	void blankTaskIsRejectedWithTheRunId() {
		AgentCall.Answer answer = AgentCall.post(this.port, "dave", " ", "X-Run-Id", "blank-task-1");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.runIdHeader()).isEqualTo("blank-task-1");
		assertThat(answer.<String>json("$.runId")).isEqualTo("blank-task-1");
	}

	@Test
	void concurrentRunsOnSharedThreadsKeepTheirOwnRun(CapturedOutput output) throws Exception {
		int runs = 12;
		ExecutorService callers = Executors.newFixedThreadPool(runs);
		try {
			List<CompletableFuture<AgentCall.Answer>> answers = IntStream.range(0, runs)
				.mapToObj((i) -> CompletableFuture.supplyAsync(
						() -> AgentCall.post(this.port, "user-" + i, "What is the weather in " + town(i) + "?"),
						callers))
				.toList();
			for (int i = 0; i < runs; i++) {
				AgentCall.Answer answer = answers.get(i).get();
				assertThat(answer.status()).isEqualTo(200);
				String runId = answer.json("$.runId");
				assertThat(answer.<String>json("$.result")).startsWith("Weather in " + town(i) + ": ");
				List<LogLine> run = awaitRunEnded(output, runId);
				assertThat(run).extracting(LogLine::event)
					.containsExactly("agent_started", "llm_stub_request", "llm_call", "agent_plan", "tool_call",
							"tool_request", "subagent_spawned", "agent_completed", "usage_summary");
				assertThat(only(run, "agent_started").message()).contains("user=\"user-" + i + "\"");
				assertThat(only(run, "tool_request").message()).contains("city=\"" + town(i) + "\"")
					.contains("X-Run-Id=" + quoted(runId));
				List<LogLine> child = awaitRunEnded(output, childRunId(run));
				assertThat(child).hasSize(5).allSatisfy((line) -> assertThat(line.parentRunId()).isEqualTo(runId));
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	/**
	 * The lines of a run, once its usage summary shows that it has ended: run-id ends the
	 * request's run when its pipeline completes, after the response has been written.
	 */
	private static List<LogLine> awaitRunEnded(CapturedOutput output, String runId) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> LogLine.of(output, runId).stream().anyMatch((line) -> line.event().equals("usage_summary")));
		return LogLine.of(output, runId);
	}

	/**
	 * A town name for the stub LLM's planner, which reads a capitalised word after "in".
	 */
	private static String town(int i) {
		return "Town" + (char) ('A' + i);
	}

	private static String childRunId(List<LogLine> run) {
		return only(run, "subagent_spawned").message().replace("subagent_spawned child_run_id=", "");
	}

	private static LogLine only(List<LogLine> lines, String event) {
		List<LogLine> matching = lines.stream().filter((line) -> line.event().equals(event)).toList();
		assertThat(matching).as(event).hasSize(1);
		return matching.get(0);
	}

	private static List<String> receivedHeaders(LogLine line) {
		Matcher matcher = X_RUN_ID.matcher(line.message());
		assertThat(matcher.find()).as(line.message()).isTrue();
		return List.of(matcher.group(1), matcher.group(2));
	}

	private static String quoted(String value) {
		return '"' + value + '"';
	}

}
