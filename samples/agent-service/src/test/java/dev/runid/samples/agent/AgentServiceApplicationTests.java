package dev.runid.samples.agent;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * End-to-end tests of the sample: real HTTP to the agent, which calls its stub LLM and
 * its tools over real HTTP, and the console lines the application logs with its own log
 * pattern.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AgentServiceApplicationTests {

	private static final Pattern X_RUN_ID = Pattern.compile("X-Run-Id=(\\S+) X-Parent-Run-Id=(\\S+)");

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
	void subAgentRunsAsChildRunOfTheAgentRun(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "alice", "What is the weather in Oslo?");

		String runId = answer.json("$.runId");
		List<LogLine> run = awaitRunEnded(output, runId);
		String childRunId = only(run, "subagent_spawned").message().replace("subagent_spawned child_run_id=", "");
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
		assertThat(answer.<String>json("$.runId")).isEqualTo("blank-task-1");
	}

	/**
	 * The lines of a run, once its usage summary shows that it has ended: run-id closes
	 * the request's run after the response has been sent.
	 */
	private static List<LogLine> awaitRunEnded(CapturedOutput output, String runId) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> LogLine.of(output, runId).stream().anyMatch((line) -> line.event().equals("usage_summary")));
		return LogLine.of(output, runId);
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
