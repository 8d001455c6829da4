package dev.runid.samples.agent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * End-to-end tests of the sample: real HTTP to the agent, whose Spring AI
 * {@code ChatClient} calls the stub LLM over real HTTP, and the console lines the
 * application logs with its own log pattern, read as the README's {@code grep} reads
 * them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "agent.report.writing-time=100ms", "spring.kafka.listener.idle-event-interval=100ms" })
@ExtendWith(OutputCaptureExtension.class)
class AgentServiceApplicationTests {

	private static final Pattern X_RUN_ID = Pattern.compile("X-Run-Id=(\\S+) X-Parent-Run-Id=(\\S+)");

	@LocalServerPort
	int port;

	@Autowired
	IdleReportWriter idleReportWriter;

	@Test
	void grepOfOneRunShowsItsLlmRequestsToolCallSubAgentAndUsage(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "alice", "What is the weather in Paris today?");

		assertThat(answer.status()).isEqualTo(200);
		String runId = answer.json("$.runId");
		assertThat(RunId.isValid(runId)).isTrue();
		assertThat(answer.runIdHeader()).isEqualTo(runId);
		assertThat(answer.<String>json("$.result")).isEqualTo("Weather in Paris: 13 C and light rain, wind 12 km/h.");
		List<LogLine> grep = awaitRunEnded(output, runId);
		assertThat(grep).extracting(LogLine::event)
			.containsExactly("agent_started", "llm_stub_request", "tool_call", "llm_stub_request", "subagent_started",
					"llm_stub_request", "subagent_completed", "run_usage", "agent_completed", "run_usage");
		String childRunId = grep.get(4).runId();
		assertThat(RunId.isValid(childRunId)).isTrue();
		assertThat(childRunId).isNotEqualTo(runId);
		assertThat(grep).extracting(LogLine::runId)
			.as("the run in the MDC: the agent's, the stub LLM's own (none), the sub-agent's")
			.containsExactly(runId, "-", runId, "-", childRunId, "-", childRunId, childRunId, runId, runId);
		assertThat(grep).extracting(LogLine::parentRunId)
			.containsExactly("-", "-", "-", "-", runId, "-", runId, runId, "-", "-");
		assertThat(grep.get(0).message())
			.isEqualTo("agent_started user=\"alice\" task=\"What is the weather in Paris today?\"");
		assertThat(grep.get(1).message()).contains("tools=4 stream=false answer=tool_call:weather");
		assertThat(receivedHeaders(grep.get(1))).as("the LLM request that asks for a tool")
			.containsExactly(quoted(runId), "-");
		assertThat(grep.get(2).message()).isEqualTo("tool_call tool=weather city=\"Paris\"");
		assertThat(receivedHeaders(grep.get(3))).as("the follow-up LLM request with the tool's result")
			.containsExactly(quoted(runId), "-");
		assertThat(grep.get(5).message()).contains("tools=0 stream=false answer=text");
		assertThat(receivedHeaders(grep.get(5))).as("the sub-agent's LLM request")
			.containsExactly(quoted(childRunId), quoted(runId));
		assertThat(grep.get(7).message()).as("the sub-agent's usage")
			.matches("run_usage llm_calls=1 input_tokens=[1-9]\\d* output_tokens=[1-9]\\d*");
		assertThat(grep.get(9).message()).as("the agent's usage: the tool call and the answer")
			.matches("run_usage llm_calls=2 input_tokens=[1-9]\\d* output_tokens=[1-9]\\d*");
	}

	@Test
	void grepOfARunWhoseToolQueuesItsWorkOnKafkaShowsTheListenersLinesInTheRun(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "dana", "Write a report on Kafka consumer lag");

		assertThat(answer.status()).isEqualTo(200);
		String runId = answer.json("$.runId");
		assertThat(answer.<String>json("$.result"))
			.isEqualTo("The report on Kafka consumer lag is being written and will be delivered when it is ready.");
		// the agent answers while the listener writes the report; the run ends with both
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> LogLine.of(output, runId)
				.stream()
				.map(LogLine::event)
				.filter((event) -> event.equals("report_completed") || event.equals("run_usage"))
				.distinct()
				.count() == 2);
		int idleBefore = this.idleReportWriter.runs.size();
		List<LogLine> grep = LogLine.grep(output, runId);
		List<LogLine> listener = grep.stream().filter((line) -> line.logger().equals("ReportWriter")).toList();
		assertThat(listener).as("the listener's lines, on its consumer thread, in the run of the record")
			.extracting(LogLine::runId, LogLine::parentRunId, LogLine::message)
			.containsExactly(tuple(runId, "-", "report_started subject=\"Kafka consumer lag\""),
					tuple(runId, "-", "report_completed subject=\"Kafka consumer lag\" took_ms=100"));
		assertThat(grep.indexOf(listener.get(0))).as("the record is taken after the tool sent it")
			.isGreaterThan(grep.indexOf(only(grep, "tool_call")));
		assertThat(grep).filteredOn((line) -> !line.logger().equals("ReportWriter"))
			.extracting(LogLine::event)
			.containsExactly("agent_started", "llm_stub_request", "tool_call", "report_queued", "llm_stub_request",
					"subagent_started", "llm_stub_request", "subagent_completed", "run_usage", "agent_completed",
					"run_usage");
		assertThat(only(grep, "tool_call").message()).isEqualTo("tool_call tool=report subject=\"Kafka consumer lag\"");
		assertThat(only(grep, "report_queued").message()).startsWith("report_queued topic=agent-reports partition=0 ");
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.idleReportWriter.runs).hasSizeGreaterThan(idleBefore));
		assertThat(this.idleReportWriter.runs.subList(idleBefore, this.idleReportWriter.runs.size()))
			.as("run and MDC on the consumer thread once the record is done")
			.containsOnly("-/-");
		// one segment per run and process: the request's, which lasts until the listener
		// is done if it took the record while the request still held the run, else a
		// second one, of the listener
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Http.Response run = Http.get(this.port, "/actuator/runs/" + runId);
			assertThat(run.<String>json("$.status")).isEqualTo("SUCCEEDED");
			assertThat(run.<String>json("$.attributes.tool")).isEqualTo("report");
			assertThat(run.<List<String>>json("$.segments[*].kind")).isIn(List.of("http"), List.of("http", "message"));
		});
	}

	@Test
	void runIsRecordedWithUsageUserAndSubAgent(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "alice", "What is the weather in Oslo?");

		String runId = answer.json("$.runId");
		List<LogLine> grep = awaitRunEnded(output, runId);
		String childRunId = only(grep, "subagent_started").runId();
		Http.Response run = Http.get(this.port, "/actuator/runs/" + runId);
		assertThat(run.status()).isEqualTo(200);
		assertThat(run.<String>json("$.status")).isEqualTo("SUCCEEDED");
		assertThat(run.<String>json("$.attributes.user")).isEqualTo("alice");
		assertThat(run.<String>json("$.attributes.tool")).as("the tool records itself").isEqualTo("weather");
		assertThat(run.<Integer>json("$.usage.llmCalls")).isEqualTo(2);
		assertThat(run.<List<String>>json("$.children[*].id")).containsExactly(childRunId);
		Http.Response child = Http.get(this.port, "/actuator/runs/" + childRunId);
		assertThat(child.<String>json("$.parentId")).isEqualTo(runId);
		assertThat(child.<String>json("$.segments[0].name")).isEqualTo("Summariser.summarise");
		assertThat(child.<Integer>json("$.usage.llmCalls")).isEqualTo(1);
		Http.Response page = Http.get(this.port, "/run-id/runs/" + runId);
		assertThat(page.status()).as("the dashboard's run page").isEqualTo(200);
		assertThat(page.body()).contains("<!DOCTYPE html>");
	}

	@Test
	void concurrentRunsKeepTheirOwnLines(CapturedOutput output) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier together = new CyclicBarrier(2);
			CompletableFuture<AgentCall.Answer> paris = CompletableFuture
				.supplyAsync(() -> post(together, "alice", "What is the weather in Paris?"), clients);
			CompletableFuture<AgentCall.Answer> lima = CompletableFuture
				.supplyAsync(() -> post(together, "bob", "What is the weather in Lima?"), clients);
			String parisRun = paris.get().json("$.runId");
			String limaRun = lima.get().json("$.runId");

			List<LogLine> parisLines = awaitRunEnded(output, parisRun);
			List<LogLine> limaLines = awaitRunEnded(output, limaRun);
			assertThat(parisLines).hasSize(10)
				.noneSatisfy((line) -> assertThat(line.message()).contains(limaRun))
				.anySatisfy((line) -> assertThat(line.message()).isEqualTo("tool_call tool=weather city=\"Paris\""))
				.noneSatisfy((line) -> assertThat(line.message()).contains("Lima"));
			assertThat(limaLines).hasSize(10)
				.noneSatisfy((line) -> assertThat(line.message()).contains(parisRun))
				.anySatisfy((line) -> assertThat(line.message()).isEqualTo("tool_call tool=weather city=\"Lima\""))
				.noneSatisfy((line) -> assertThat(line.message()).contains("Paris"));
		}
		finally {
			clients.shutdownNow();
		}
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
			.extracting(AgentServiceApplicationTests::receivedHeaders)
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
			.containsExactly("agent_started", "llm_stub_request", "tool_call", "tool_failed", "agent_failed",
					"run_usage");
		assertThat(only(grep, "tool_failed").level()).isEqualTo("WARN");
		LogLine failed = only(grep, "agent_failed");
		assertThat(failed.level()).isEqualTo("ERROR");
		assertThat(failed.message())
			.isEqualTo("agent_failed step=answer error=\"stock_price: market data provider unavailable\"");
		Http.Response run = Http.get(this.port, "/actuator/runs/" + runId);
		assertThat(run.<String>json("$.status")).isEqualTo("FAILED");
		assertThat(run.<Integer>json("$.segments[0].httpStatus")).isEqualTo(502);
	}

	@Test
	void blankTaskIsRejectedWithTheRunId() {
		AgentCall.Answer answer = AgentCall.post(this.port, "dave", " ", "X-Run-Id", "blank-task-1");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<String>json("$.runId")).isEqualTo("blank-task-1");
	}

	private AgentCall.Answer post(CyclicBarrier together, String user, String task) {
		try {
			together.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return AgentCall.post(this.port, user, task);
	}

	/**
	 * The lines that mention a run, once its own {@code run_usage} line shows that it has
	 * ended: run-id closes the request's run after the response has been sent.
	 */
	private static List<LogLine> awaitRunEnded(CapturedOutput output, String runId) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> LogLine.of(output, runId).stream().anyMatch((line) -> line.event().equals("run_usage")));
		return LogLine.grep(output, runId);
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

	/**
	 * Records the run and the MDC run ({@code run/mdc}, {@code -} for none) on the report
	 * writer's consumer thread each time its container is idle: Spring Kafka publishes
	 * the idle event on that thread, so it shows what the records before left there.
	 */
	static final class IdleReportWriter {

		final List<String> runs = new CopyOnWriteArrayList<>();

		@EventListener
		void idle(ListenerContainerIdleEvent event) {
			if (event.getListenerId().startsWith(ReportWriter.LISTENER_ID)) {
				this.runs.add(RunContext.current().map(RunId::value).orElse("-") + "/"
						+ Objects.requireNonNullElse(MDC.get("runId"), "-"));
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class IdleReportWriterConfiguration {

		@Bean
		IdleReportWriter idleReportWriter() {
			return new IdleReportWriter();
		}

	}

}
