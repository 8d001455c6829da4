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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts {@link AgentApplication} in a JVM of its own with the OpenTelemetry Java agent
 * and its logging exporter, and reads the exported spans from the application's output:
 * the agent's server span of a request (opened by its Tomcat instrumentation, before any
 * filter) carries the request's run.
 */
class AgentTracingTests {

	private static final Path AGENT = Path.of("target/agent/opentelemetry-javaagent.jar");

	private static final Path CLASSPATH = Path.of("target/application.classpath");

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final List<String> output = new CopyOnWriteArrayList<>();

	private static final HttpClient client = HttpClient.newHttpClient();

	private static Process application;

	private static int port;

	@BeforeAll
	static void startApplicationWithAgent() throws IOException {
		Assumptions.assumeTrue(Files.isRegularFile(AGENT) && Files.isRegularFile(CLASSPATH),
				"the agent and the class path are resolved by Maven: run mvn verify in this module");
		String javaCommand = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(javaCommand, "-javaagent:" + AGENT.toAbsolutePath(),
				"-Dotel.traces.exporter=logging", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
				"-Dotel.service.name=run-id-agent-test", "-cp",
				Path.of("target/classes").toAbsolutePath() + File.pathSeparator + Files.readString(CLASSPATH),
				AgentApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1"));
		application = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					output.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "agent-application-output");
		reader.setDaemon(true);
		reader.start();
		port = Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.until(AgentTracingTests::startedPort, Optional::isPresent)
			.orElseThrow();
	}

	@AfterAll
	static void stopApplication() throws InterruptedException, IOException {
		if (application != null) {
			// for a look at what the agent exported when a test fails
			Files.write(Path.of("target/agent-application.log"), output);
			application.destroy();
			if (!application.waitFor(30, TimeUnit.SECONDS)) {
				application.destroyForcibly();
			}
		}
	}

	@Test
	void serverSpanCarriesTheRunAndItsParent() throws Exception {
		HttpResponse<String> response = get("/hello", "X-Run-Id", "agent-run", "X-Parent-Run-Id", "agent-parent");
		assertThat(response.body()).isEqualTo("agent-run");
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
		assertThat(output).noneMatch((line) -> line.contains("run.id=bad"));
	}

	private static String awaitServerSpan(String attribute) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> output.stream()
				.filter((line) -> line.contains("'GET /hello'") && line.contains(" SERVER ")
						&& line.contains(attribute + ","))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	private static Optional<Integer> startedPort() {
		assertThat(application.isAlive()).as("application is running: %s", output).isTrue();
		return output.stream()
			.map(PORT::matcher)
			.filter(Matcher::find)
			.map((matcher) -> Integer.parseInt(matcher.group(1)))
			.findFirst();
	}

	private static HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
