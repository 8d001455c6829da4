package dev.runid.aot.mvc;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The Spring MVC application, processed ahead of time by the build, started in AOT mode
 * as its own process: every main feature of the starter, over real HTTP.
 */
class AotMvcApplicationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static AotApplication application;

	private static RecordingServer downstream;

	@BeforeAll
	static void start() {
		downstream = RecordingServer.start();
		application = AotApplication.start(AotMvcApplication.class);
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
		assertThat(application.output()).contains("Starting AOT-processed AotMvcApplication");
	}

	@Test
	void echoesTheInboundRunIdAndLogsItInTheMdc() throws Exception {
		HttpResponse<String> response = get("/run", "aot-mvc-inbound");
		assertThat(response.headers().firstValue("X-Run-Id")).hasValue("aot-mvc-inbound");
		assertThat(response.body()).startsWith("aot-mvc-inbound ");
		application.awaitLine("the controller's line with the run in the MDC",
				(line) -> line.contains("[aot-mvc-inbound]") && line.endsWith("RunController handling run"));
	}

	@Test
	void replacesAnInvalidInboundRunIdAndNeverLogsIt() throws Exception {
		HttpResponse<String> response = get("/run", "bad<script>id");
		String replacement = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(replacement).isNotEqualTo("bad<script>id");
		assertThat(response.body()).startsWith(replacement + " ");
		application.awaitLine("the replacement run in the MDC",
				(line) -> line.contains("[" + replacement + "]") && line.endsWith("handling run"));
		assertThat(application.output()).doesNotContain("bad<script>id");
	}

	@Test
	void runScopedBeansBehindClassAndInterfaceProxiesLiveForOneRun() throws Exception {
		assertThat(get("/run", "aot-mvc-scoped-1").body()).isEqualTo("aot-mvc-scoped-1 ledger=2 notes=[first, second]");
		assertThat(get("/run", "aot-mvc-scoped-2").body()).isEqualTo("aot-mvc-scoped-2 ledger=2 notes=[first, second]");
		application.awaitLine("the class-based run-scoped bean destroyed at the end of its run",
				(line) -> line.endsWith("ledger of run aot-mvc-scoped-1 closed after 2 calls"));
		application.awaitLine("the bean of the second run destroyed too",
				(line) -> line.endsWith("ledger of run aot-mvc-scoped-2 closed after 2 calls"));
	}

	@Test
	void asyncTaskRunsInTheRunOfTheRequest() throws Exception {
		String body = get("/async", "aot-mvc-async").body();
		assertThat(body).startsWith("aot-mvc-async on ").doesNotContain("http-nio");
		application.awaitLine("the task's line with the run in the MDC",
				(line) -> line.contains("[aot-mvc-async]") && line.endsWith("RunTasks async task"));
	}

	@Test
	void newRunStartsAChildRunOfTheRequest() throws Exception {
		String body = get("/child", "aot-mvc-parent").body();
		assertThat(body).endsWith(" parent=aot-mvc-parent").doesNotStartWith("aot-mvc-parent ");
	}

	@Test
	void scheduledJobRunsAsARunOfItsOwn() {
		String line = application.awaitLine("the scheduled job's line", (l) -> l.endsWith("RunTasks scheduled tick"));
		// the pattern: time, level, [run], [parent run], [thread], logger, message
		Matcher fields = Pattern.compile(" INFO \\[([^\\]]+)] \\[([^\\]]+)] ").matcher(line);
		assertThat(fields.find()).as(line).isTrue();
		assertThat(fields.group(1)).as("the run of the execution").isNotEqualTo("-");
		assertThat(fields.group(2)).as("no parent").isEqualTo("-");
	}

	@Test
	void restClientForwardsTheRun() throws Exception {
		String to = URLEncoder.encode(downstream.uri() + "/tool", StandardCharsets.UTF_8);
		HttpResponse<String> response = get("/forward?to=" + to, "aot-mvc-forward");
		assertThat(response.body()).isEqualTo("ok");
		assertThat(downstream.header("X-Run-Id")).contains("aot-mvc-forward");
	}

	@Test
	void serverAndClientSpansCarryTheRunAndItsParent() throws Exception {
		String to = URLEncoder.encode(downstream.uri() + "/traced-downstream", StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(application.uri("/traced?to=" + to))
			.header("X-Run-Id", "aot-mvc-traced")
			.header("X-Parent-Run-Id", "aot-mvc-traced-parent")
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
				.containsEntry("run.id", "aot-mvc-traced")
				.containsEntry("run.parent.id", "aot-mvc-traced-parent");
			assertThat(client).singleElement()
				.extracting("tags")
				.asInstanceOf(InstanceOfAssertFactories.map(String.class, String.class))
				.containsEntry("run.id", "aot-mvc-traced")
				.containsEntry("run.parent.id", "aot-mvc-traced-parent");
			String traceId = (String) server.get(0).get("traceId");
			assertThat(client.get(0)).containsEntry("traceId", traceId);
			assertThat(downstream.header("traceparent")).anyMatch((header) -> header.contains(traceId));
		});
	}

	@Test
	void registryEndpointAnswersWithTheRecordedRun() throws Exception {
		get("/run", "aot-mvc-recorded");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> run = get("/actuator/runs/aot-mvc-recorded", null);
			assertThat(run.statusCode()).isEqualTo(200);
			assertThat(run.body()).contains("\"id\":\"aot-mvc-recorded\"")
				.contains("\"status\":\"SUCCEEDED\"")
				.contains("GET /run");
		});
		assertThat(get("/actuator/runs/aot-mvc-unknown", null).statusCode()).isEqualTo(404);
	}

	@Test
	void dashboardServesItsPageAndRuns() throws Exception {
		get("/run", "aot-mvc-dashboard");
		HttpResponse<String> page = get("/run-id/", null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<html");
		assertThat(get("/run-id/dashboard.js", null).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/run-id/api/runs/aot-mvc-dashboard", null).body())
				.contains("\"id\":\"aot-mvc-dashboard\""));
	}

	@Test
	void nativeImageMetadataHoldsTheHintsOfTheStarter() throws IOException {
		Path metadata = Path.of(System.getProperty(AotApplication.CLASSES_PROPERTY),
				"META-INF/native-image/dev.runid/run-id-aot-mvc/reachability-metadata.json");
		String json = Files.readString(metadata);
		List<String> resources = JsonPath.read(json, "$.resources[*].glob");
		assertThat(resources).contains("dev/runid/spring/dashboard/static/*",
				"META-INF/services/io.micrometer.context.ThreadLocalAccessor");
		List<List<String>> proxies = JsonPath.read(json, "$.reflection[*].type.proxy");
		assertThat(proxies).anySatisfy((proxy) -> assertThat(proxy).startsWith(RunNotes.class.getName())
			.contains("org.springframework.aop.scope.ScopedObject", "org.springframework.aop.SpringProxy"));
		List<String> types = JsonPath.read(json, "$.reflection[*].type");
		assertThat(types)
			.anySatisfy((type) -> assertThat(type).startsWith(RunLedger.class.getName() + "$$SpringCGLIB$$"))
			.contains("dev.runid.RunIdThreadLocalAccessor");
	}

	private static HttpResponse<String> get(String path, String runId) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(application.uri(path)).timeout(Duration.ofSeconds(30));
		if (runId != null) {
			request.header("X-Run-Id", runId);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
