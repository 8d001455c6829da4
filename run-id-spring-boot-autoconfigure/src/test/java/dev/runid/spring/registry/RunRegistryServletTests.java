package dev.runid.spring.registry;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.runid.spring.scope.RunScope;
import dev.runid.spring.registry.RunRecord.RunChild;
import dev.runid.spring.test.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the run registry on Spring MVC: real requests on a random port,
 * looked up through the {@link RunRegistry} bean and the {@code runs} endpoint.
 */
@SpringBootTest(classes = RegistryServletApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=registry-servlet",
				"management.endpoints.web.exposure.include=runs,metrics", "spring.web.resources.add-mappings=false" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class RunRegistryServletTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	RunRegistry registry;

	@Autowired
	RunRecorder recorder;

	@Autowired
	RunScope runScope;

	@Test
	void requestIsRecordedWithRouteTemplateStatusAndAttributes() {
		HttpResponse<String> response = Http.get(this.port, "/orders/42?secret=x", "X-Run-Id", "reg-mvc-order");
		assertThat(response.statusCode()).isEqualTo(200);
		RunRecord run = finished("reg-mvc-order");
		assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.parentId()).isNull();
		assertThat(run.attributes()).containsExactly(java.util.Map.entry("order", "42"));
		assertThat(run.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.service()).isEqualTo("registry-servlet");
			assertThat(segment.instance()).isEqualTo(this.recorder.instance());
			assertThat(segment.kind()).isEqualTo("http");
			assertThat(segment.name()).isEqualTo("GET /orders/{id}");
			assertThat(segment.httpStatus()).isEqualTo(200);
			assertThat(segment.error()).isNull();
			assertThat(segment.endedAt()).isAfterOrEqualTo(segment.startedAt());
		});
	}

	@Test
	void segmentNamesHaveStandardMethodsAsTheyAreAndAnyOtherTokenAsUnknown() {
		Http.send(this.port, "DELETE", "/orders/42", "X-Run-Id", "reg-mvc-delete");
		Http.send(this.port, "BREW", "/orders/42", "X-Run-Id", "reg-mvc-brew");
		// methods are case-sensitive: "get" is not GET
		Http.send(this.port, "get", "/orders/42", "X-Run-Id", "reg-mvc-lower");
		assertThat(finished("reg-mvc-delete").segments()).singleElement()
			.satisfies((segment) -> assertThat(segment.name()).startsWith("DELETE "));
		for (String runId : List.of("reg-mvc-brew", "reg-mvc-lower")) {
			assertThat(finished(runId).segments()).singleElement().satisfies((segment) -> {
				assertThat(segment.kind()).isEqualTo("http");
				assertThat(segment.name()).startsWith("UNKNOWN ").doesNotContainIgnoringCase("brew");
				assertThat(segment.name()).doesNotStartWith("get");
			});
		}
	}

	@Test
	void lookingAtRunsMakesNoRuns() {
		assertThat(Http.get(this.port, "/actuator/runs", "X-Run-Id", "reg-mvc-look").statusCode()).isEqualTo(200);
		assertThat(Http.get(this.port, "/actuator/runs/reg-mvc-look", "X-Run-Id", "reg-mvc-look-again").statusCode())
			.isEqualTo(404);
		assertThat(Http.get(this.port, "/actuatorish", "X-Run-Id", "reg-mvc-not-actuator").statusCode()).isEqualTo(404);
		assertThat(finished("reg-mvc-not-actuator").segments()).as("a path that only starts like the actuator's")
			.singleElement()
			.satisfies((segment) -> assertThat(segment.kind()).isEqualTo("http"));
		assertThat(this.registry.find("reg-mvc-look")).isEmpty();
		assertThat(this.registry.find("reg-mvc-look-again")).isEmpty();
	}

	@Test
	void endpointAnswersTheRunsRecordAsExactJson() {
		Http.get(this.port, "/orders/7", "X-Run-Id", "reg-mvc-json");
		RunRecord run = finished("reg-mvc-json");
		RunSegment segment = run.segments().get(0);
		HttpResponse<String> response = Http.get(this.port, "/actuator/runs/reg-mvc-json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"id\":\"reg-mvc-json\",\"parentId\":null,\"status\":\"SUCCEEDED\","
				+ "\"startedAt\":\"" + run.startedAt() + "\",\"endedAt\":\"" + run.endedAt() + "\",\"segments\":["
				+ "{\"service\":\"registry-servlet\",\"instance\":\"" + this.recorder.instance()
				+ "\",\"kind\":\"http\",\"name\":\"GET /orders/{id}\",\"status\":\"SUCCEEDED\",\"startedAt\":\""
				+ segment.startedAt() + "\",\"endedAt\":\"" + segment.endedAt()
				+ "\",\"httpStatus\":200,\"error\":null}],\"attributes\":{\"order\":\"7\"},\"usage\":null,"
				+ "\"children\":[]}");
		assertThat(Http.get(this.port, "/actuator/runs/no-such-run").statusCode()).isEqualTo(404);
	}

	@Test
	void unhandledExceptionFailsTheRunWithItsErrorEscaped(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/boom", "X-Run-Id", "reg-mvc-boom");
		assertThat(response.statusCode()).isEqualTo(500);
		RunRecord run = finished("reg-mvc-boom");
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.name()).isEqualTo("GET /boom");
			assertThat(segment.httpStatus()).isEqualTo(500);
			assertThat(segment.error())
				.isEqualTo(new RunError("java.lang.IllegalStateException", "bad\\u000athing\\u0007 happened"));
		});
		String body = Http.get(this.port, "/actuator/runs/reg-mvc-boom").body();
		assertThat(body).contains(
				"\"error\":{\"type\":\"java.lang.IllegalStateException\",\"message\":\"bad\\\\u000athing\\\\u0007 happened\"}");
		assertThat(output).doesNotContain("bad\\u000athing");
	}

	@Test
	void serverErrorAnswerFailsTheRun() {
		HttpResponse<String> response = Http.get(this.port, "/unavailable", "X-Run-Id", "reg-mvc-503");
		assertThat(response.statusCode()).isEqualTo(503);
		RunRecord run = finished("reg-mvc-503");
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.httpStatus()).isEqualTo(503);
			assertThat(segment.error()).isNull();
		});
	}

	@Test
	void serverErrorAnsweredByAnExceptionHandlerFailsTheRunWithThatException() {
		assertThat(Http.get(this.port, "/handled", "X-Run-Id", "reg-mvc-502").statusCode()).isEqualTo(502);
		RunRecord run = finished("reg-mvc-502");
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.httpStatus()).isEqualTo(502);
			assertThat(segment.error()).isEqualTo(new RunError(
					RegistryServletApplication.OrderFailedException.class.getName(), "downstream refused order 17"));
		});
	}

	@Test
	void unmatchedRequestIsNamedWithoutItsPath() {
		HttpResponse<String> response = Http.get(this.port, "/no/such/page?token=abc", "X-Run-Id", "reg-mvc-404");
		assertThat(response.statusCode()).isEqualTo(404);
		RunRecord run = finished("reg-mvc-404");
		assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.httpStatus()).isEqualTo(404);
			// no static resources here (the WebFlux test has them: GET /**)
			assertThat(segment.name()).isEqualTo("GET unmatched");
		});
	}

	@Test
	void childRunIsListedUnderItsParent() {
		Http.get(this.port, "/orders/1", "X-Run-Id", "reg-mvc-parent");
		Http.get(this.port, "/orders/2", "X-Run-Id", "reg-mvc-child", "X-Parent-Run-Id", "reg-mvc-parent");
		assertThat(finished("reg-mvc-child").parentId()).isEqualTo("reg-mvc-parent");
		assertThat(finished("reg-mvc-parent").children())
			.containsExactly(new RunChild("reg-mvc-child", RunStatus.SUCCEEDED));
	}

	@Test
	void newRunMethodRecordsAChildRunOfKindMethod() {
		Http.get(this.port, "/orders/5?audit=true", "X-Run-Id", "reg-mvc-audit");
		RunRecord parent = finished("reg-mvc-audit");
		assertThat(parent.children()).singleElement().satisfies((child) -> {
			RunRecord audit = finished(child.id());
			assertThat(audit.parentId()).isEqualTo("reg-mvc-audit");
			assertThat(audit.attributes()).containsEntry("audited", "5");
			assertThat(audit.segments()).singleElement().satisfies((segment) -> {
				assertThat(segment.kind()).isEqualTo("method");
				assertThat(segment.name()).isEqualTo("AuditService.audit");
				assertThat(segment.httpStatus()).isNull();
			});
		});
		assertThat(parent.attributes()).doesNotContainKey("audited");
	}

	@Test
	void attributesAreLimitedPerRunAndLongValuesCut() {
		long droppedBefore = this.recorder.droppedAttributes();
		Http.get(this.port, "/attributes?count=40", "X-Run-Id", "reg-mvc-attrs");
		RunRecord run = finished("reg-mvc-attrs");
		assertThat(run.attributes()).hasSize(RunRecorder.MAX_ATTRIBUTES).containsKeys("a0", "a31");
		assertThat(run.attributes()).doesNotContainKey("a32");
		assertThat(run.attributes().get("a0")).hasSize(1024);
		assertThat(this.recorder.droppedAttributes() - droppedBefore).isEqualTo(8);
		// and through the actuator, as a monitoring system scrapes it
		HttpResponse<String> meter = Http.get(this.port, "/actuator/metrics/run_id.registry.attributes.dropped");
		assertThat(meter.statusCode()).isEqualTo(200);
		JsonNode measurement = json.readTree(meter.body()).get("measurements").get(0);
		assertThat(measurement.get("statistic").asString()).isEqualTo("COUNT");
		assertThat(measurement.get("value").asDouble()).isEqualTo(this.recorder.droppedAttributes());
	}

	@Test
	void asyncRequestIsOneSegmentThatEndsWithTheRequest() {
		HttpResponse<String> response = Http.get(this.port, "/async/9", "X-Run-Id", "reg-mvc-async");
		assertThat(response.body()).isEqualTo("async 9");
		RunRecord run = finished("reg-mvc-async");
		assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.attributes()).containsEntry("async", "9");
		assertThat(run.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.name()).isEqualTo("GET /async/{id}");
			assertThat(segment.httpStatus()).isEqualTo(200);
		});
	}

	@Test
	void concurrentRunsAreEachRecordedExactlyOnce() throws Exception {
		int runs = 200;
		ExecutorService clients = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				String runId = "reg-mvc-many-" + i;
				statuses.add(clients.submit(() -> {
					start.await();
					return Http.get(this.port, "/orders/" + runId, "X-Run-Id", runId).statusCode();
				}));
			}
			start.countDown();
			for (Future<Integer> status : statuses) {
				assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			clients.shutdownNow();
		}
		for (int i = 0; i < runs; i++) {
			RunRecord run = finished("reg-mvc-many-" + i);
			assertThat(run.segments()).hasSize(1);
			assertThat(run.attributes()).containsEntry("order", "reg-mvc-many-" + i);
		}
		List<String> listed = new ArrayList<>();
		String cursor = null;
		do {
			RunPage page = this.registry.query(new RunQuery(null, "reg-mvc-many-", 37, cursor));
			page.runs().forEach((summary) -> listed.add(summary.id()));
			cursor = page.next();
		}
		while (cursor != null);
		assertThat(listed).hasSize(runs).doesNotHaveDuplicates();
		// every segment ended: no run is left active in this process
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.runScope.activeRuns()).isZero());
	}

	@Test
	void endpointListsRunsNewestFirstInPages() throws Exception {
		// the endpoint's own requests are runs too: page through failed runs only
		for (int i = 0; i < 3; i++) {
			Http.get(this.port, "/boom", "X-Run-Id", "reg-mvc-page-" + i);
			finished("reg-mvc-page-" + i);
		}
		JsonNode first = json.readTree(Http.get(this.port, "/actuator/runs?status=FAILED&limit=2").body());
		assertThat(first.get("runs")).hasSize(2);
		assertThat(first.get("runs").get(0).get("id").asString()).isEqualTo("reg-mvc-page-2");
		assertThat(first.get("runs").get(1).get("id").asString()).isEqualTo("reg-mvc-page-1");
		JsonNode listed = first.get("runs").get(0);
		assertThat(listed.get("parentId").isNull()).isTrue();
		assertThat(listed.get("status").asString()).isEqualTo("FAILED");
		assertThat(listed.get("name").asString()).isEqualTo("GET /boom");
		assertThat(listed.get("services").get(0).asString()).isEqualTo("registry-servlet");
		assertThat(listed.get("user").isNull()).isTrue();
		RunRecord run = this.registry.find("reg-mvc-page-2").orElseThrow();
		assertThat(listed.get("startedAt").asString()).isEqualTo(run.startedAt().toString());
		assertThat(listed.get("endedAt").asString()).isEqualTo(String.valueOf(run.endedAt()));
		String next = first.get("next").asString();
		JsonNode second = json
			.readTree(Http.get(this.port, "/actuator/runs?status=FAILED&limit=2&cursor=" + next).body());
		assertThat(second.get("runs").get(0).get("id").asString()).isEqualTo("reg-mvc-page-0");
		JsonNode all = json.readTree(Http.get(this.port, "/actuator/runs").body());
		assertThat(all.get("runs").size()).isLessThanOrEqualTo(RunQuery.DEFAULT_LIMIT);
		assertThat(all.has("next")).isTrue();
		assertThat(Http.get(this.port, "/actuator/runs?limit=501").statusCode()).isEqualTo(400);
		assertThat(Http.get(this.port, "/actuator/runs?limit=0").statusCode()).isEqualTo(400);
		assertThat(Http.get(this.port, "/actuator/runs?cursor=nonsense").statusCode()).isEqualTo(400);
		assertThat(Http.get(this.port, "/actuator/runs?status=BOGUS").statusCode()).isEqualTo(400);
	}

	@Test
	void lastPageHasNoCursor() throws Exception {
		JsonNode page = json.readTree(Http.get(this.port, "/actuator/runs?status=SUCCEEDED&limit=500").body());
		assertThat(page.get("next").isNull()).isTrue();
	}

	private RunRecord finished(String runId) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.find(runId).orElse(null),
					(run) -> run != null && run.status() != RunStatus.RUNNING);
	}

}
