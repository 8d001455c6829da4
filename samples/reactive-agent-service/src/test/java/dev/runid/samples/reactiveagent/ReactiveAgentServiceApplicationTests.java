package dev.runid.samples.reactiveagent;

import java.time.Duration;
import java.util.ArrayList;
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
 * streams its Spring AI conversations from the stub LLM over real HTTP, and the console
 * lines the application logs with its own log pattern, thread names included, read as the
 * README's {@code grep} reads them.
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
	void grepOfOneRunShowsItsStreamedLlmRequestsToolCallSubAgentAndUsage(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "alice", "What is the weather in Paris today?");

		assertThat(answer.status()).isEqualTo(200);
		String runId = answer.json("$.runId");
		assertThat(RunId.isValid(runId)).isTrue();
		assertThat(answer.runIdHeader()).isEqualTo(runId);
		assertThat(answer.<String>json("$.result")).isEqualTo("Weather in Paris: 13 C and light rain, wind 12 km/h.");
		List<LogLine> grep = awaitRunEnded(output, runId);
		String childRunId = only(grep, "subagent_started").runId();
		assertThat(childRunId).isNotEqualTo(runId);
		assertThat(grep).extracting(LogLine::event)
			.as("the agent's and the sub-agent's ends run on two threads, in either order")
			.containsExactlyInAnyOrder("agent_started", "llm_stub_request", "tool_call", "llm_stub_request",
					"subagent_started", "llm_stub_request", "subagent_completed", "run_usage", "agent_completed",
					"run_usage")
			.startsWith("agent_started", "llm_stub_request", "tool_call", "llm_stub_request", "subagent_started",
					"llm_stub_request", "subagent_completed");
		assertThat(LogLine.of(output, runId)).extracting(LogLine::message)
			.as("the agent's own lines")
			.satisfiesExactly(
					(message) -> assertThat(message)
						.isEqualTo("agent_started user=\"alice\" task=\"What is the weather in Paris today?\""),
					(message) -> assertThat(message).isEqualTo("tool_call tool=weather city=\"Paris\""),
					(message) -> assertThat(message).isEqualTo("agent_completed result_chars=52"),
					(message) -> assertThat(message).as("the tool call and the answer")
						.matches("run_usage llm_calls=2 input_tokens=[1-9]\\d* output_tokens=[1-9]\\d*"));
		assertThat(LogLine.of(output, childRunId)).as("the sub-agent's own lines")
			.allSatisfy((line) -> assertThat(line.parentRunId()).isEqualTo(runId))
			.extracting(LogLine::message)
			.satisfiesExactly((message) -> assertThat(message).isEqualTo("subagent_started role=summariser"),
					(message) -> assertThat(message).isEqualTo("subagent_completed summary_chars=52"),
					(message) -> assertThat(message)
						.matches("run_usage llm_calls=1 input_tokens=[1-9]\\d* output_tokens=[1-9]\\d*"));
		List<LogLine> llmRequests = grep.stream().filter((line) -> line.event().equals("llm_stub_request")).toList();
		assertThat(llmRequests).extracting(LogLine::message)
			.allSatisfy((message) -> assertThat(message).contains("stream=true"));
		assertThat(llmRequests.get(0).message()).contains("answer=tool_call:weather");
		assertThat(llmRequests).extracting(ReactiveAgentServiceApplicationTests::receivedHeaders)
			.as("the agent's request, its follow-up with the tool's result, the sub-agent's request")
			.containsExactly(List.of(quoted(runId), "-"), List.of(quoted(runId), "-"),
					List.of(quoted(childRunId), quoted(runId)));
	}

	@Test
	void runFollowsThePipelineAcrossThreadHops(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "alice", "What is the weather in Lima?");

		String runId = answer.json("$.runId");
		List<LogLine> grep = awaitRunEnded(output, runId);
		assertThat(only(grep, "agent_started").thread()).as("the server's event loop").matches(EVENT_LOOP);
		assertThat(only(grep, "tool_call").thread()).as("Spring AI runs streaming tool calls on boundedElastic")
			.matches(BOUNDED_ELASTIC);
		assertThat(only(grep, "agent_completed").thread()).as("after publishOn(parallel)").startsWith(PARALLEL);
		assertThat(only(grep, "subagent_started").thread()).as("under subscribeOn(boundedElastic)")
			.matches(BOUNDED_ELASTIC);
		assertThat(only(grep, "subagent_completed").thread()).as("after publishOn(parallel)").startsWith(PARALLEL);
		assertThat(grep).filteredOn((line) -> line.event().equals("llm_stub_request"))
			.hasSize(3)
			.allSatisfy((line) -> assertThat(line.thread()).as("the stub LLM's own threads").startsWith("stub-llm-"));
	}

	@Test
	void runIsRecordedWithUserToolUsageAndSubAgent(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "alice", "What is the weather in Oslo?");

		String runId = answer.json("$.runId");
		String childRunId = only(awaitRunEnded(output, runId), "subagent_started").runId();
		// the run's end is logged by one thread while another may still be saving its
		// record: wait for the record with its usage, then check it
		Http.Response run = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> Http.get(this.port, "/actuator/runs/" + runId),
					(response) -> response.status() == 200 && response.body().contains("\"llmCalls\""));
		assertThat(run.<String>json("$.status")).isEqualTo("SUCCEEDED");
		assertThat(run.<String>json("$.attributes.user")).isEqualTo("alice");
		assertThat(run.<String>json("$.attributes.tool")).as("the tool records itself on boundedElastic")
			.isEqualTo("weather");
		assertThat(run.<Integer>json("$.usage.llmCalls")).isEqualTo(2);
		assertThat(run.<List<String>>json("$.children[*].id")).containsExactly(childRunId);
		Http.Response child = Http.get(this.port, "/actuator/runs/" + childRunId);
		assertThat(child.<String>json("$.parentId")).isEqualTo(runId);
		assertThat(child.<Integer>json("$.usage.llmCalls")).isEqualTo(1);
		assertThat(Http.get(this.port, "/run-id/runs/" + runId).status()).as("the dashboard's run page").isEqualTo(200);
	}

	@Test
	void inboundRunIdBecomesTheRun(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "bob", "Find the run-id README", "X-Run-Id",
				"support-ticket-4711");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.<String>json("$.runId")).isEqualTo("support-ticket-4711");
		assertThat(answer.runIdHeader()).isEqualTo("support-ticket-4711");
		assertThat(answer.<String>json("$.result")).startsWith("Top result for 'Find the run-id README': ");
		List<LogLine> grep = awaitRunEnded(output, "support-ticket-4711");
		assertThat(only(grep, "tool_call").message())
			.isEqualTo("tool_call tool=search query=\"Find the run-id README\"");
		String childRunId = only(grep, "subagent_started").runId();
		assertThat(grep).filteredOn((line) -> line.event().equals("llm_stub_request"))
			.extracting(ReactiveAgentServiceApplicationTests::receivedHeaders)
			.containsExactly(List.of("\"support-ticket-4711\"", "-"), List.of("\"support-ticket-4711\"", "-"),
					List.of(quoted(childRunId), "\"support-ticket-4711\""));
	}

	@Test
	void failedToolFailsTheRunWhichAnswersWithItsRunIdAndTheError(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "carol", "What is the stock price of ACME?");

		assertThat(answer.status()).isEqualTo(502);
		String runId = answer.json("$.runId");
		assertThat(answer.runIdHeader()).isEqualTo(runId);
		assertThat(answer.<String>json("$.error")).isEqualTo("stock_price: market data provider unavailable");
		List<LogLine> grep = awaitRunEnded(output, runId);
		assertThat(grep).extracting(LogLine::event)
			.containsSubsequence("agent_started", "llm_stub_request", "tool_call", "tool_failed", "agent_failed",
					"run_usage")
			.doesNotContain("subagent_started", "agent_completed");
		assertThat(only(grep, "tool_failed").level()).isEqualTo("WARN");
		LogLine failed = only(grep, "agent_failed");
		assertThat(failed.level()).isEqualTo("ERROR");
		assertThat(failed.message())
			.isEqualTo("agent_failed step=answer error=\"stock_price: market data provider unavailable\"");
		assertThat(Http.get(this.port, "/actuator/runs/" + runId).<String>json("$.status")).isEqualTo("FAILED");
	}

	@Test
	void blankTaskIsRejectedWithTheRunId() {
		AgentCall.Answer answer = AgentCall.post(this.port, "dave", " ", "X-Run-Id", "blank-task-1");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.runIdHeader()).isEqualTo("blank-task-1");
		assertThat(answer.<String>json("$.runId")).isEqualTo("blank-task-1");
	}

	@Test
	void concurrentStreamedRunsOnSharedThreadsKeepTheirOwnLines(CapturedOutput output) throws Exception {
		int runs = 12;
		ExecutorService callers = Executors.newFixedThreadPool(runs);
		try {
			List<CompletableFuture<AgentCall.Answer>> answers = IntStream.range(0, runs)
				.mapToObj((i) -> CompletableFuture.supplyAsync(
						() -> AgentCall.post(this.port, "user-" + i, "What is the weather in " + town(i) + "?"),
						callers))
				.toList();
			List<String> runIds = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				AgentCall.Answer answer = answers.get(i).get();
				assertThat(answer.status()).isEqualTo(200);
				assertThat(answer.<String>json("$.result")).startsWith("Weather in " + town(i) + ": ");
				runIds.add(answer.json("$.runId"));
			}
			for (int i = 0; i < runs; i++) {
				String runId = runIds.get(i);
				List<LogLine> grep = awaitRunEnded(output, runId);
				assertThat(grep).hasSize(10);
				assertThat(only(grep, "agent_started").message()).contains("user=\"user-" + i + "\"");
				assertThat(only(grep, "tool_call").message())
					.isEqualTo("tool_call tool=weather city=\"" + town(i) + "\"");
				String childRunId = only(grep, "subagent_started").runId();
				for (String other : runIds) {
					if (!other.equals(runId)) {
						assertThat(grep).as("lines of run %d", i)
							.noneSatisfy((line) -> assertThat(line.message()).contains(other));
					}
				}
				assertThat(grep).filteredOn((line) -> line.event().equals("llm_stub_request"))
					.extracting(ReactiveAgentServiceApplicationTests::receivedHeaders)
					.containsExactly(List.of(quoted(runId), "-"), List.of(quoted(runId), "-"),
							List.of(quoted(childRunId), quoted(runId)));
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	/**
	 * The lines that mention a run, once it and its sub-agent's child run (if it started
	 * one) have logged their {@code run_usage} line, which run-id logs when a run ends:
	 * after the response has been written for the request's run.
	 */
	private static List<LogLine> awaitRunEnded(CapturedOutput output, String runId) {
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			List<LogLine> grep = LogLine.grep(output, runId);
			return grep.stream()
				.filter((line) -> line.event().equals("run_usage") || line.event().equals("subagent_started"))
				.map(LogLine::runId)
				.distinct()
				.allMatch((run) -> grep.stream()
					.anyMatch((line) -> line.runId().equals(run) && line.event().equals("run_usage")))
					&& grep.stream().anyMatch((line) -> line.runId().equals(runId) && line.event().equals("run_usage"));
		});
		return LogLine.grep(output, runId);
	}

	/**
	 * A town name for the stub LLM's planner, which reads a capitalised word after "in".
	 */
	private static String town(int i) {
		return "Town" + (char) ('A' + i);
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
