package dev.runid.aot.mcpstdio;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.runid.RunId;
import dev.runid.aot.AotApplication;
import dev.runid.aot.mcpstdio.client.AotMcpStdioClientApplication;
import dev.runid.aot.mcpstdio.server.AotMcpStdioServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MCP client application and the MCP server over STDIO, both processed ahead of time
 * by the build and started in AOT mode: the client as its own process, the server by the
 * client's STDIO connection as the client's child process. As in
 * {@code integration-tests/mcp}'s {@code McpStdioTests} without AOT: only the request's
 * {@code _meta} carries the run, and the tool runs in it; a call outside any run gets a
 * run of its own on the server.
 */
class AotMcpStdioApplicationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static Path serverLog;

	private static AotApplication client;

	@BeforeAll
	static void start() throws IOException {
		// standard output carries the protocol: the server logs to a file, kept after the
		// build for a look at the server's side of a failed test
		serverLog = Path.of("target", "aot-mcp-stdio-server.log").toAbsolutePath();
		Files.deleteIfExists(serverLog);
		List<String> server = AotApplication.command(AotMcpStdioServerApplication.class,
				"--spring.profiles.active=server", "--logging.file.name=" + serverLog);
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=client",
				"--spring.ai.mcp.client.stdio.connections.tools.command=" + server.get(0)));
		for (int i = 1; i < server.size(); i++) {
			arguments.add("--spring.ai.mcp.client.stdio.connections.tools.args[" + (i - 1) + "]=" + server.get(i));
		}
		client = AotApplication.start(AotMcpStdioClientApplication.class, arguments.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		if (client != null) {
			client.close();
		}
	}

	@Test
	void bothStartFromTheCodeThatAotProcessingGenerated() {
		assertThat(client.output()).contains("Starting AOT-processed AotMcpStdioClientApplication");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Files.readString(serverLog))
				.contains("Starting AOT-processed AotMcpStdioServerApplication"));
	}

	@Test
	void toolCallRunsInTheRunOfTheRequestThatMadeIt() throws Exception {
		HttpResponse<String> answer = get("/whoami", "aot-mcp-stdio", "aot-mcp-stdio-parent");
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body())
			.isEqualTo("run=aot-mcp-stdio parent=aot-mcp-stdio-parent mdc=aot-mcp-stdio scoped=aot-mcp-stdio");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Files.readString(serverLog).lines())
				.anySatisfy((line) -> assertThat(line).contains("[aot-mcp-stdio] [aot-mcp-stdio-parent]")
					.endsWith("tool whoami called")));
	}

	@Test
	void eachCallOutsideAnyRunGetsARunOfItsOwn() throws Exception {
		List<String> runs = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> answer = get("/whoami/without-run", null, null);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			String seen = answer.body();
			String run = seen.substring("run=".length(), seen.indexOf(' '));
			assertThat(run).as(seen).isNotEqualTo("none");
			assertThat(RunId.isValid(run)).as(seen).isTrue();
			assertThat(seen).isEqualTo("run=" + run + " parent=none mdc=" + run + " scoped=" + run);
			runs.add(run);
		}
		assertThat(runs).doesNotHaveDuplicates();
	}

	private static HttpResponse<String> get(String path, String runId, String parentRunId)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(path)).timeout(Duration.ofSeconds(60));
		if (runId != null) {
			request.header("X-Run-Id", runId).header("X-Parent-Run-Id", parentRunId);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
