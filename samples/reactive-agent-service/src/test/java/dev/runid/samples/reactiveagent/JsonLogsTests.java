package dev.runid.samples.reactiveagent;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code json} profile: Boot's structured (ECS) console logs, where the run
 * and its parent are fields of every line of the run, whichever thread logged it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("json")
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTests {

	@LocalServerPort
	int port;

	@Test
	void runAndParentRunAreFieldsOfEveryJsonLine(CapturedOutput output) {
		AgentCall.Answer answer = AgentCall.post(this.port, "erin", "What is the weather in Rome?");
		String runId = answer.json("$.runId");

		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> events(output, runId).contains("run_usage"));
		List<Map<String, Object>> run = lines(output, runId);
		assertThat(run).extracting((line) -> line.get("message"))
			.anySatisfy((message) -> assertThat((String) message).startsWith("agent_started user=\"erin\""));
		assertThat(run).allSatisfy((line) -> assertThat(line).doesNotContainKey("parentRunId"));
		assertThat(run).extracting(JsonLogsTests::thread)
			.as("the tool, which Spring AI calls on boundedElastic during stream()")
			.anySatisfy((thread) -> assertThat(thread).matches("(loomBoundedElastic|boundedElastic)-\\d+"));
		String childRunId = output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{"))
			.map((line) -> JsonPath.<Map<String, Object>>read(line, "$"))
			.filter((line) -> runId.equals(line.get("parentRunId")))
			.map((line) -> (String) line.get("runId"))
			.findFirst()
			.orElseThrow();
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> events(output, childRunId).contains("run_usage"));
		List<Map<String, Object>> child = lines(output, childRunId);
		assertThat(child).extracting((line) -> ((String) line.get("message")).split(" ")[0])
			.containsExactly("subagent_started", "subagent_completed", "run_usage");
		assertThat(child).allSatisfy((line) -> assertThat(line).containsEntry("parentRunId", runId));
		assertThat(child).extracting(JsonLogsTests::thread)
			.anySatisfy((thread) -> assertThat(thread).matches("(loomBoundedElastic|boundedElastic)-\\d+"))
			.anySatisfy((thread) -> assertThat(thread).startsWith("parallel-"));
	}

	private static String thread(Map<String, Object> line) {
		return JsonPath.read(line, "$.process.thread.name");
	}

	private static List<String> events(CapturedOutput output, String runId) {
		return lines(output, runId).stream().map((line) -> ((String) line.get("message")).split(" ")[0]).toList();
	}

	private static List<Map<String, Object>> lines(CapturedOutput output, String runId) {
		return output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{"))
			.map((line) -> JsonPath.<Map<String, Object>>read(line, "$"))
			.filter((line) -> runId.equals(line.get("runId")))
			.toList();
	}

}
