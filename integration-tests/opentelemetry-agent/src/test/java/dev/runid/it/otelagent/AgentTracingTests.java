package dev.runid.it.otelagent;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts {@link AgentApplication} in a JVM of its own with the OpenTelemetry Java agent
 * and its logging exporter, on one web stack, and reads the exported spans from the
 * application's output: the agent's server span of a request (opened by its server
 * instrumentation, before any filter) carries the request's run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgentTracingTests {

	private static final Path AGENT = Path.of("target/agent/opentelemetry-javaagent.jar");

	private static final Pattern PORT = Pattern.compile("(?:Tomcat|Netty) started on port (\\d+)");

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final HttpClient client = HttpClient.newHttpClient();

	private @Nullable Process application;

	private int port;

	/**
	 * The application's class path of one web stack, written by Maven.
	 */
	abstract Path classpath();

	@BeforeAll
	void startApplicationWithAgent() throws IOException {
		Path classpath = classpath();
		Assumptions.assumeTrue(Files.isRegularFile(AGENT) && Files.isRegularFile(classpath),
				"the agent and the class path are resolved by Maven: run mvn verify in this module");
		String javaCommand = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(javaCommand, "-javaagent:" + AGENT.toAbsolutePath(),
				"-Dotel.traces.exporter=logging", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
				"-Dotel.service.name=run-id-agent-test", "-cp",
				Path.of("target/classes").toAbsolutePath() + File.pathSeparator + Files.readString(classpath),
				AgentApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1"));
		Process application = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.application = application;
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					this.output.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "agent-application-output");
		reader.setDaemon(true);
		reader.start();
		this.port = Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.until(() -> startedPort(application), Optional::isPresent)
			.orElseThrow();
	}

	@AfterAll
	void stopApplication() throws InterruptedException, IOException {
		Process application = this.application;
		if (application != null) {
			// for a look at what the agent exported when a test fails
			Files.write(Path.of("target/" + getClass().getSimpleName() + "-application.log"), this.output);
			application.destroy();
			if (!application.waitFor(30, TimeUnit.SECONDS)) {
				application.destroyForcibly();
			}
		}
	}

	@Test
	void serverSpanCarriesTheRunAndItsParent() throws Exception {
		HttpResponse<String> response = get("/hello", "X-Run-Id", "agent-run", "X-Parent-Run-Id", "agent-parent");
		assertThat(response.headers().firstValue("X-Run-Id")).hasValue("agent-run");
		String span = awaitServerSpan("run.id=agent-run");
		assertThat(span).contains("run.parent.id=agent-parent");
	}

	@Test
	void serverSpanCarriesAMintedRun() throws Exception {
		HttpResponse<String> response = get("/hello");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		String span = awaitServerSpan("run.id=" + runId);
		assertThat(span).doesNotContain("run.parent.id");
	}

	@Test
	void serverSpanOfAnInvalidInboundRunCarriesTheReplacement() throws Exception {
		HttpResponse<String> response = get("/hello", "X-Run-Id", "bad<run>");
		String runId = response.headers().firstValue("X-Run-Id").orElseThrow();
		assertThat(runId).isNotEqualTo("bad<run>");
		awaitServerSpan("run.id=" + runId);
		assertThat(this.output).noneMatch((line) -> line.contains("run.id=bad"));
	}

	private String awaitServerSpan(String attribute) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.output.stream()
				.filter((line) -> line.contains("'GET /hello'") && line.contains(" SERVER ")
						&& (line.contains(attribute + ",") || line.contains(attribute + "}")))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	private Optional<Integer> startedPort(Process application) {
		assertThat(application.isAlive()).as("application is running: %s", this.output).isTrue();
		return this.output.stream()
			.map(PORT::matcher)
			.filter(Matcher::find)
			.map((matcher) -> Integer.parseInt(matcher.group(1)))
			.findFirst();
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
