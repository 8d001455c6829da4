package dev.runid.aot.webflux;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.runid.aot.AotApplication;
import dev.runid.aot.RecordingServer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring WebFlux application, processed ahead of time by the build, started in AOT
 * mode as its own process: every main feature of the starter, over real HTTP.
 */
class AotWebFluxApplicationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static AotApplication application;

	private static RecordingServer downstream;

	@BeforeAll
	static void start() {
		downstream = RecordingServer.start();
		application = AotApplication.start(AotWebFluxApplication.class);
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
		if (downstream != null) {
			downstream.close();
		}
	}

	@Test
	void startsFromTheCodeThatAotProcessingGenerated() {
		assertThat(application.output()).contains("Starting AOT-processed AotWebFluxApplication");
	}

	@Test
	void echoesTheInboundRunIdAndKeepsItInTheMdcAcrossThreads() throws Exception {
		HttpResponse<String> response = get("/run", "aot-webflux-inbound");
		assertThat(response.headers().firstValue("X-Run-Id")).hasValue("aot-webflux-inbound");
		assertThat(response.body()).startsWith("aot-webflux-inbound ").endsWith(" current=aot-webflux-inbound");
		application.awaitLine("the handler's line with the run in the MDC",
				(line) -> line.contains("[aot-webflux-inbound]") && line.endsWith("RunController handling run"));
		String hop = application.awaitLine("the line after the thread hop with the run in the MDC",
				(line) -> line.contains("[aot-webflux-inbound]") && line.endsWith("RunController after a thread hop"));
		assertThat(hop).as("on a bounded-elastic thread").containsIgnoringCase("boundedElastic-");
	}

	@Test
	void replacesAnInvalidInboundRunIdAndNeverLogsIt() throws Exception {
		HttpResponse<String> response = get("/run", "bad<script>id");
		String replacement = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(replacement).isNotEqualTo("bad<script>id");
		assertThat(response.body()).startsWith(replacement + " ");
		assertThat(application.output()).doesNotContain("bad<script>id");
	}

	@Test
	void runScopedBeansBehindClassAndInterfaceProxiesLiveForOneRun() throws Exception {
		assertThat(get("/run", "aot-webflux-scoped-1").body())
			.startsWith("aot-webflux-scoped-1 ledger=2 notes=[first, second]");
		assertThat(get("/run", "aot-webflux-scoped-2").body())
			.startsWith("aot-webflux-scoped-2 ledger=2 notes=[first, second]");
		application.awaitLine("the class-based run-scoped bean destroyed at the end of its run",
				(line) -> line.endsWith("ledger of run aot-webflux-scoped-1 closed after 2 calls"));
	}

	@Test
	void newRunStartsAChildRunOfTheRequest() throws Exception {
		String body = get("/child", "aot-webflux-parent").body();
		assertThat(body).endsWith(" parent=aot-webflux-parent").doesNotStartWith("aot-webflux-parent ");
	}

	@Test
	void serverAndClientSpansCarryTheRunAndItsParentAcrossAThreadHop() throws Exception {
		String to = URLEncoder.encode(downstream.uri() + "/traced-downstream", StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(application.uri("/traced?to=" + to))
			.header("X-Run-Id", "aot-webflux-traced")
			.header("X-Parent-Run-Id", "aot-webflux-traced-parent")
			.build();
		assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("traced");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String spans = get("/spans", null).body();
			List<Map<String, Object>> server = JsonPath.read(spans,
					"$[?(@.kind == 'SERVER' && @.tags.uri == '/traced')]");
			List<Map<String, Object>> client = JsonPath.read(spans,
					"$[?(@.kind == 'CLIENT' && @.tags['http.url'] =~ /.*traced-downstream/)]");
			assertThat(server).singleElement()
				.extracting("tags")
				.asInstanceOf(InstanceOfAssertFactories.map(String.class, String.class))
				.containsEntry("run.id", "aot-webflux-traced")
				.containsEntry("run.parent.id", "aot-webflux-traced-parent");
			assertThat(client).singleElement()
				.extracting("tags")
				.asInstanceOf(InstanceOfAssertFactories.map(String.class, String.class))
				.containsEntry("run.id", "aot-webflux-traced")
				.containsEntry("run.parent.id", "aot-webflux-traced-parent");
			String traceId = (String) server.get(0).get("traceId");
			assertThat(client.get(0)).containsEntry("traceId", traceId);
			assertThat(downstream.header("traceparent")).anyMatch((header) -> header.contains(traceId));
		});
	}

	@Test
	void webClientForwardsTheRun() throws Exception {
		String to = URLEncoder.encode(downstream.uri() + "/tool", StandardCharsets.UTF_8);
		HttpResponse<String> response = get("/forward?to=" + to, "aot-webflux-forward");
		assertThat(response.body()).isEqualTo("ok");
		assertThat(downstream.header("X-Run-Id")).contains("aot-webflux-forward");
	}

	@Test
	void registryEndpointAnswersWithTheRecordedRun() throws Exception {
		get("/run", "aot-webflux-recorded");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> run = get("/actuator/runs/aot-webflux-recorded", null);
			assertThat(run.statusCode()).isEqualTo(200);
			assertThat(run.body()).contains("\"id\":\"aot-webflux-recorded\"")
				.contains("\"status\":\"SUCCEEDED\"")
				.contains("GET /run");
		});
		assertThat(get("/actuator/runs/aot-webflux-unknown", null).statusCode()).isEqualTo(404);
	}

	@Test
	void dashboardServesItsPageAndRuns() throws Exception {
		get("/run", "aot-webflux-dashboard");
		HttpResponse<String> page = get("/run-id/", null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<html");
		assertThat(get("/run-id/dashboard.js", null).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/run-id/api/runs/aot-webflux-dashboard", null).body())
				.contains("\"id\":\"aot-webflux-dashboard\""));
	}

	private static HttpResponse<String> get(String path, String runId) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(application.uri(path)).timeout(Duration.ofSeconds(30));
		if (runId != null) {
			request.header("X-Run-Id", runId);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
