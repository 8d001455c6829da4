package dev.runid.spring.registry;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * End-to-end tests of the run registry on Spring WebFlux and Reactor Netty: real requests
 * on a random port, looked up through the {@link RunRegistry} bean and the {@code runs}
 * endpoint.
 */
@SpringBootTest(classes = RegistryWebFluxApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.application.name=registry-webflux",
				"management.endpoints.web.exposure.include=runs" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class RunRegistryWebFluxTests {

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
	void requestIsOneSegmentWithRouteTemplateStatusAndAttributesAcrossThreadHops() {
		HttpResponse<String> response = Http.get(this.port, "/orders/42?secret=x", "X-Run-Id", "reg-flux-order");
		assertThat(response.body()).isEqualTo("order 42");
		RunRecord run = finished("reg-flux-order");
		assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.attributes()).containsExactly(Map.entry("order", "42"), Map.entry("delayed", "42"));
		assertThat(run.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.service()).isEqualTo("registry-webflux");
			assertThat(segment.instance()).isEqualTo(this.recorder.instance());
			assertThat(segment.kind()).isEqualTo("http");
			assertThat(segment.name()).isEqualTo("GET /orders/{id}");
			assertThat(segment.httpStatus()).isEqualTo(200);
			assertThat(segment.error()).isNull();
		});
	}

	@Test
	void segmentNamesHaveStandardMethodsAsTheyAreAndAnyOtherTokenAsUnknown() {
		Http.send(this.port, "DELETE", "/orders/42", "X-Run-Id", "reg-flux-delete");
		Http.send(this.port, "BREW", "/orders/42", "X-Run-Id", "reg-flux-brew");
		// methods are case-sensitive: "get" is not GET
		Http.send(this.port, "get", "/orders/42", "X-Run-Id", "reg-flux-lower");
		assertThat(finished("reg-flux-delete").segments()).singleElement()
			.satisfies((segment) -> assertThat(segment.name()).startsWith("DELETE "));
		for (String runId : List.of("reg-flux-brew", "reg-flux-lower")) {
			assertThat(finished(runId).segments()).singleElement().satisfies((segment) -> {
				assertThat(segment.kind()).isEqualTo("http");
				assertThat(segment.name()).startsWith("UNKNOWN ").doesNotContainIgnoringCase("brew");
				assertThat(segment.name()).doesNotStartWith("get");
			});
		}
	}

	@Test
	void lookingAtRunsMakesNoRuns() {
		assertThat(Http.get(this.port, "/actuator/runs", "X-Run-Id", "reg-flux-look").statusCode()).isEqualTo(200);
		assertThat(Http.get(this.port, "/actuator/runs/reg-flux-look", "X-Run-Id", "reg-flux-look-again").statusCode())
			.isEqualTo(404);
		assertThat(Http.get(this.port, "/actuatorish", "X-Run-Id", "reg-flux-not-actuator").statusCode())
			.isEqualTo(404);
		assertThat(finished("reg-flux-not-actuator").segments()).as("a path that only starts like the actuator's")
			.singleElement()
			.satisfies((segment) -> assertThat(segment.kind()).isEqualTo("http"));
		assertThat(this.registry.find("reg-flux-look")).isEmpty();
		assertThat(this.registry.find("reg-flux-look-again")).isEmpty();
	}

	@Test
	void endpointAnswersTheRunsRecordAsExactJson() {
		Http.get(this.port, "/orders/7", "X-Run-Id", "reg-flux-json", "X-Parent-Run-Id", "reg-flux-json-parent");
		RunRecord run = finished("reg-flux-json");
		RunSegment segment = run.segments().get(0);
		HttpResponse<String> response = Http.get(this.port, "/actuator/runs/reg-flux-json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"id\":\"reg-flux-json\",\"parentId\":\"reg-flux-json-parent\","
				+ "\"status\":\"SUCCEEDED\",\"startedAt\":\"" + run.startedAt() + "\",\"endedAt\":\"" + run.endedAt()
				+ "\",\"segments\":[{\"service\":\"registry-webflux\",\"instance\":\"" + this.recorder.instance()
				+ "\",\"kind\":\"http\",\"name\":\"GET /orders/{id}\",\"status\":\"SUCCEEDED\",\"startedAt\":\""
				+ segment.startedAt() + "\",\"endedAt\":\"" + segment.endedAt()
				+ "\",\"httpStatus\":200,\"error\":null}],\"attributes\":{\"order\":\"7\",\"delayed\":\"7\"},"
				+ "\"usage\":null,\"children\":[]}");
		assertThat(Http.get(this.port, "/actuator/runs/no-such-run").statusCode()).isEqualTo(404);
	}

	@Test
	void errorFailsTheRunWithItsMessageEscaped(CapturedOutput output) {
		HttpResponse<String> response = Http.get(this.port, "/boom", "X-Run-Id", "reg-flux-boom");
		assertThat(response.statusCode()).isEqualTo(500);
		RunRecord run = finished("reg-flux-boom");
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.name()).isEqualTo("GET /boom");
			assertThat(segment.httpStatus()).isEqualTo(500);
			assertThat(segment.error())
				.isEqualTo(new RunError("java.lang.IllegalStateException", "bad\\u000athing\\u0007 happened"));
		});
		assertThat(Http.get(this.port, "/actuator/runs/reg-flux-boom").body()).contains(
				"\"error\":{\"type\":\"java.lang.IllegalStateException\",\"message\":\"bad\\\\u000athing\\\\u0007 happened\"}");
	}

	@Test
	void serverErrorAnswerFailsTheRun() {
		assertThat(Http.get(this.port, "/unavailable", "X-Run-Id", "reg-flux-503").statusCode()).isEqualTo(503);
		RunRecord run = finished("reg-flux-503");
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.httpStatus()).isEqualTo(503);
			assertThat(segment.error()).isNull();
		});
	}

	@Test
	void unmatchedRequestIsNamedWithoutItsPath() {
		HttpResponse<String> response = Http.get(this.port, "/no/such/page?token=abc", "X-Run-Id", "reg-flux-404");
		assertThat(response.statusCode()).isEqualTo(404);
		RunRecord run = finished("reg-flux-404");
		assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.segments()).singleElement().satisfies((segment) -> {
			assertThat(segment.httpStatus()).isEqualTo(404);
			// Boot's static resources match every path
			assertThat(segment.name()).isEqualTo("GET /**");
		});
	}

	@Test
	void childRunIsListedUnderItsParent() {
		Http.get(this.port, "/orders/1", "X-Run-Id", "reg-flux-parent");
		Http.get(this.port, "/orders/2", "X-Run-Id", "reg-flux-child", "X-Parent-Run-Id", "reg-flux-parent");
		assertThat(finished("reg-flux-child").parentId()).isEqualTo("reg-flux-parent");
		assertThat(finished("reg-flux-parent").children())
			.containsExactly(new RunChild("reg-flux-child", RunStatus.SUCCEEDED));
	}

	@Test
	void concurrentRunsAreEachRecordedExactlyOnce() throws Exception {
		int runs = 200;
		ExecutorService clients = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				String runId = "reg-flux-many-" + i;
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
			RunRecord run = finished("reg-flux-many-" + i);
			assertThat(run.segments()).hasSize(1);
			assertThat(run.attributes()).containsEntry("delayed", "reg-flux-many-" + i);
		}
		List<String> listed = new ArrayList<>();
		String cursor = null;
		do {
			RunPage page = this.registry.query(new RunQuery(null, "reg-flux-many-", 37, cursor));
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
		for (int i = 0; i < 3; i++) {
			Http.get(this.port, "/boom", "X-Run-Id", "reg-flux-page-" + i);
			finished("reg-flux-page-" + i);
		}
		JsonNode first = json.readTree(Http.get(this.port, "/actuator/runs?status=FAILED&limit=2").body());
		assertThat(first.get("runs")).hasSize(2);
		assertThat(first.get("runs").get(0).get("id").asString()).isEqualTo("reg-flux-page-2");
		assertThat(first.get("runs").get(1).get("id").asString()).isEqualTo("reg-flux-page-1");
		assertThat(first.get("runs").get(0).get("parentId").isNull()).isTrue();
		String next = first.get("next").asString();
		JsonNode second = json
			.readTree(Http.get(this.port, "/actuator/runs?status=FAILED&limit=2&cursor=" + next).body());
		assertThat(second.get("runs").get(0).get("id").asString()).isEqualTo("reg-flux-page-0");
		assertThat(Http.get(this.port, "/actuator/runs?limit=501").statusCode()).isEqualTo(400);
		assertThat(Http.get(this.port, "/actuator/runs?cursor=nonsense").statusCode()).isEqualTo(400);
	}

	private RunRecord finished(String runId) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.find(runId).orElse(null),
					(run) -> run != null && run.status() != RunStatus.RUNNING);
	}

}
