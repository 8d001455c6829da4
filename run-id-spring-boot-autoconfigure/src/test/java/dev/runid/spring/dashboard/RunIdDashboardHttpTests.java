package dev.runid.spring.dashboard;

import java.net.http.HttpResponse;
import java.util.List;

import dev.runid.spring.test.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's page, files and JSON resources over real HTTP, on an embedded server of
 * the stack a subclass starts.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class RunIdDashboardHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	TestRunStore store;

	@BeforeEach
	void saveRuns() {
		this.store.clear();
		DashboardRuns.saveTo(this.store);
	}

	@AfterEach
	void storeUp() {
		this.store.failWith(null);
	}

	@Test
	void servesThePageAtItsPathWithBaseAndStrictHeaders() {
		for (String path : List.of("/run-id", "/run-id/")) {
			HttpResponse<String> page = Http.get(this.port, path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html").containsIgnoringCase("charset=UTF-8"));
			assertThat(page.headers().firstValue("Content-Security-Policy"))
				.hasValue(RunIdDashboard.CONTENT_SECURITY_POLICY);
			assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(page.body()).contains("<base href=\"/run-id/\">")
				.contains("<script src=\"dashboard.js\" defer></script>")
				.contains("<link rel=\"stylesheet\" href=\"dashboard.css\">");
		}
	}

	@Test
	void servesThePageAtTheUrlOfEachRun() {
		HttpResponse<String> page = Http.get(this.port, "/run-id/runs/" + DashboardRuns.AGENT);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<base href=\"/run-id/\">");
	}

	@Test
	void servesItsFilesFromTheJarAndLoadsNothingFromElsewhere() {
		HttpResponse<String> script = Http.get(this.port, "/run-id/dashboard.js");
		HttpResponse<String> stylesheet = Http.get(this.port, "/run-id/dashboard.css");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
		assertThat(stylesheet.statusCode()).isEqualTo(200);
		assertThat(stylesheet.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/css"));
		for (String body : List.of(script.body(), stylesheet.body(), Http.get(this.port, "/run-id/").body())) {
			assertThat(body).doesNotContain("http:").doesNotContain("https:").doesNotContain("@import");
		}
		assertThat(script.body()).doesNotContain("innerHTML")
			.doesNotContain("outerHTML")
			.doesNotContain("insertAdjacentHTML")
			.doesNotContain("document.write")
			.doesNotContain("eval(");
	}

	@Test
	void listsRunsNewestFirstWithEveryMemberWrittenAndNullsKept() {
		HttpResponse<String> response = Http.get(this.port, "/run-id/api/runs");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		JsonNode page = json.readTree(response.body());
		assertThat(ids(page)).containsExactly(DashboardRuns.MARKUP, DashboardRuns.RUNNING, DashboardRuns.FAILED,
				DashboardRuns.SUB_SUB_AGENT, DashboardRuns.SUB_AGENT, DashboardRuns.AGENT);
		assertThat(page.get("next").isNull()).isTrue();
		JsonNode agent = page.get("runs").get(5);
		assertThat(names(agent)).containsExactly("id", "parentId", "status", "startedAt", "endedAt", "services", "name",
				"user");
		assertThat(agent.get("parentId").isNull()).isTrue();
		assertThat(agent.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(agent.get("startedAt").asString()).isEqualTo("2026-12-01T03:00:00Z");
		assertThat(agent.get("endedAt").asString()).isEqualTo("2026-12-01T03:00:01.840Z");
		assertThat(agent.get("services").values()).extracting(JsonNode::asString)
			.containsExactly("gateway", "agent-service", "tool-service");
		assertThat(agent.get("name").asString()).isEqualTo("POST /agent/runs");
		assertThat(agent.get("user").asString()).isEqualTo("alice");
		JsonNode running = page.get("runs").get(1);
		assertThat(running.get("endedAt").isNull()).isTrue();
		assertThat(running.get("user").isNull()).isTrue();
		assertThat(page.get("runs").get(4).get("parentId").asString()).isEqualTo(DashboardRuns.AGENT);
	}

	@Test
	void filtersByStatusAndFindsRunsByIdOrIdPrefix() {
		assertThat(ids(get("/run-id/api/runs?status=FAILED"))).containsExactly(DashboardRuns.MARKUP,
				DashboardRuns.FAILED);
		assertThat(ids(get("/run-id/api/runs?status=running"))).containsExactly(DashboardRuns.RUNNING);
		assertThat(ids(get("/run-id/api/runs?q=agent-7f3a-"))).containsExactly(DashboardRuns.SUB_SUB_AGENT,
				DashboardRuns.SUB_AGENT);
		assertThat(ids(get("/run-id/api/runs?q=%20order-9c1d%20"))).containsExactly(DashboardRuns.FAILED);
		assertThat(ids(get("/run-id/api/runs?q=agent&status=SUCCEEDED&limit=500"))).hasSize(3);
	}

	@Test
	void pagesThroughRunsWithTheCursorOfEachPage() {
		JsonNode first = get("/run-id/api/runs?limit=4");
		assertThat(ids(first)).containsExactly(DashboardRuns.MARKUP, DashboardRuns.RUNNING, DashboardRuns.FAILED,
				DashboardRuns.SUB_SUB_AGENT);
		String next = first.get("next").asString();
		JsonNode second = get("/run-id/api/runs?limit=4&cursor=" + next);
		assertThat(ids(second)).containsExactly(DashboardRuns.SUB_AGENT, DashboardRuns.AGENT);
		assertThat(second.get("next").isNull()).isTrue();
	}

	@Test
	void answersTheRecordOfOneRunWithSegmentsAttributesUsageAndChildren() {
		HttpResponse<String> response = Http.get(this.port, "/run-id/api/runs/" + DashboardRuns.AGENT);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode run = json.readTree(response.body());
		assertThat(names(run)).containsExactly("id", "parentId", "status", "startedAt", "endedAt", "segments",
				"attributes", "usage", "children");
		assertThat(run.get("id").asString()).isEqualTo(DashboardRuns.AGENT);
		assertThat(run.get("segments").values()).extracting((segment) -> segment.get("service").asString())
			.containsExactly("gateway", "agent-service", "tool-service");
		JsonNode tool = run.get("segments").get(2);
		assertThat(names(tool)).containsExactly("service", "instance", "kind", "name", "status", "startedAt", "endedAt",
				"httpStatus", "error");
		assertThat(tool.get("name").asString()).isEqualTo("GET /tools/weather");
		assertThat(tool.get("httpStatus").asInt()).isEqualTo(200);
		assertThat(tool.get("error").isNull()).isTrue();
		assertThat(run.get("attributes").get("user").asString()).isEqualTo("alice");
		assertThat(run.get("usage").get("llmCalls").asLong()).isEqualTo(3);
		assertThat(run.get("usage").get("inputTokens").asLong()).isEqualTo(1234);
		assertThat(run.get("usage").get("outputTokens").asLong()).isEqualTo(210);
		assertThat(run.get("children").values()).extracting((child) -> child.get("id").asString())
			.containsExactly(DashboardRuns.SUB_AGENT);
		JsonNode failed = get("/run-id/api/runs/" + DashboardRuns.MARKUP);
		assertThat(failed.get("usage").isNull()).isTrue();
		assertThat(failed.get("segments").get(0).get("error").get("message").asString())
			.isEqualTo("<b>not bold</b> & \"quoted\"\nsecond line");
		assertThat(failed.get("attributes").get("note").asString()).isEqualTo(DashboardRuns.SCRIPT_VALUE);
	}

	@Test
	void answersTheSameJsonAsTheRunsActuatorEndpoint() {
		for (String id : List.of(DashboardRuns.AGENT, DashboardRuns.MARKUP, DashboardRuns.RUNNING)) {
			assertThat(get("/run-id/api/runs/" + id)).as(id).isEqualTo(get("/actuator/runs/" + id));
		}
		assertThat(get("/run-id/api/runs?status=FAILED&limit=1"))
			.isEqualTo(get("/actuator/runs?status=FAILED&limit=1"));
		assertThat(get("/run-id/api/runs")).isEqualTo(get("/actuator/runs"));
		assertThat(Http.get(this.port, "/actuator/runs/no-such-run").statusCode()).isEqualTo(404);
	}

	@Test
	void writesMarkupInJsonStringsAsEscapes() {
		String body = Http.get(this.port, "/run-id/api/runs/" + DashboardRuns.MARKUP).body();
		assertThat(body).doesNotContain("<").doesNotContain(">").contains("\\u003cscript\\u003e");
	}

	@Test
	void answersNotFoundForAnUnknownOrInvalidRunWithoutEchoingIt() {
		HttpResponse<String> unknown = Http.get(this.port, "/run-id/api/runs/no-such-run");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).isEqualTo("{\"error\":\"no such run\"}");
		HttpResponse<String> invalid = Http.get(this.port, "/run-id/api/runs/%3Cscript%3Ealert(1)");
		assertThat(invalid.statusCode()).isEqualTo(404);
		assertThat(invalid.body()).doesNotContainIgnoringCase("script").doesNotContain("alert");
	}

	@Test
	void rejectsBadParametersWithoutEchoingThem() {
		for (String query : List.of("status=%3Cscript%3E", "status=DONE", "limit=0", "limit=501", "limit=ten",
				"cursor=%3Cscript%3E")) {
			HttpResponse<String> response = Http.get(this.port, "/run-id/api/runs?" + query);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.body()).as(query)
				.startsWith("{\"error\":")
				.doesNotContainIgnoringCase("<script")
				.doesNotContain("DONE")
				.doesNotContain("ten");
		}
	}

	@Test
	void findsNothingForASearchNoRunIdCanStartWith() {
		HttpResponse<String> response = Http.get(this.port, "/run-id/api/runs?q=%3Cscript%3E");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"runs\":[],\"next\":null}");
	}

	@Test
	void answersServiceUnavailableWhenTheRegistryCannotBeRead(CapturedOutput output) {
		this.store.failWith(new IllegalStateException("connection refused"));
		HttpResponse<String> runs = Http.get(this.port, "/run-id/api/runs");
		HttpResponse<String> run = Http.get(this.port, "/run-id/api/runs/" + DashboardRuns.AGENT);
		assertThat(runs.statusCode()).isEqualTo(503);
		assertThat(run.statusCode()).isEqualTo(503);
		assertThat(runs.body()).isEqualTo("{\"error\":\"the run registry could not be read\"}");
		assertThat(output).contains("The run dashboard could not read the run registry: "
				+ "java.lang.IllegalStateException: connection refused");
		assertThat(Http.get(this.port, "/orders/1").statusCode()).isEqualTo(200);
	}

	@Test
	void leavesOtherPathsToTheApplication() {
		assertThat(Http.get(this.port, "/orders/42").body()).isEqualTo("order 42");
		assertThat(Http.get(this.port, "/run-idx").statusCode()).isEqualTo(404);
		assertThat(Http.get(this.port, "/run-id/nothing-here").statusCode()).isEqualTo(404);
	}

	private JsonNode get(String path) {
		HttpResponse<String> response = Http.get(this.port, path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<String> ids(JsonNode page) {
		return page.get("runs").values().stream().map((run) -> run.get("id").asString()).toList();
	}

	private static List<String> names(JsonNode node) {
		return node.propertyNames().stream().toList();
	}

}
