package dev.runid.aot.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.runid.aot.AotApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent, processed ahead of time by the build, started in AOT mode as its own
 * process: a Spring AI chat call whose tool runs in the request's run, with the run on
 * every request to the (stub) LLM and the call's token usage on the run's record; a
 * LangChain4j AI service whose tool runs in the run, with the run on every request to the
 * LLM; a call of its MCP server's tool over Streamable HTTP that runs in the caller's
 * run; and a Spring AI chat call and a LangChain4j AI service whose tool is that MCP
 * tool, reached through Spring AI's MCP client and LangChain4j's, which runs in the run
 * of the chat or the AI service.
 */
class AotAgentApplicationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static AotApplication application;

	@BeforeAll
	static void start() throws IOException {
		// the MCP client connects to the application's own MCP server: the port is chosen
		// here, before the application starts
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		application = AotApplication.start(AotAgentApplication.class, "--server.port=" + port,
				"--spring.ai.mcp.client.streamable-http.connections.self.url=http://127.0.0.1:" + port);
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
	}

	@Test
	void startsFromTheCodeThatAotProcessingGenerated() {
		assertThat(application.output()).contains("Starting AOT-processed AotAgentApplication");
	}

	@Test
	void chatCallsTheToolInTheRunAndEveryLlmRequestCarriesIt() throws Exception {
		String task = URLEncoder.encode("Search for run IDs", StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(application.uri("/agent?task=" + task))
			.timeout(Duration.ofSeconds(60))
			.header("X-Run-Id", "aot-agent-chat")
			.header("X-Parent-Run-Id", "aot-agent-parent")
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		// the stub answers with the tool's result: the run as the tool saw it
		assertThat(response.body())
			.contains("run=aot-agent-chat parent=aot-agent-parent mdc=aot-agent-chat scoped=aot-agent-chat");
		application.awaitLine("the tool's line with the run in the MDC",
				(line) -> line.contains("[aot-agent-chat] [aot-agent-parent]") && line.endsWith("tool search called"));
		// the tool call and the answer: two requests to the LLM, each with the run
		assertLlmRequestsWithRun(2, "aot-agent-chat", "aot-agent-parent");

		DocumentContext run = await().atMost(Duration.ofSeconds(10)).until(() -> {
			HttpResponse<String> answer = get("/actuator/runs/aot-agent-chat");
			return (answer.statusCode() == 200) ? JsonPath.parse(answer.body()) : null;
		}, (document) -> document != null && "SUCCEEDED".equals(document.read("$.status")));
		assertThat(run.<String>read("$.parentId")).isEqualTo("aot-agent-parent");
		assertThat(run.<String>read("$.attributes.tool")).isEqualTo("search");
		assertThat(run.<Integer>read("$.usage.llmCalls")).isEqualTo(2);
		assertThat(run.<Integer>read("$.usage.inputTokens")).isPositive();
		assertThat(run.<Integer>read("$.usage.outputTokens")).isPositive();
	}

	@Test
	void langChain4jAiServiceCallsItsToolInTheRunAndEveryLlmRequestCarriesIt() throws Exception {
		String task = URLEncoder.encode("Search for run IDs", StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(application.uri("/langchain4j?task=" + task))
			.timeout(Duration.ofSeconds(60))
			.header("X-Run-Id", "aot-agent-lc4j")
			.header("X-Parent-Run-Id", "aot-agent-lc4j-parent")
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body())
			.contains("run=aot-agent-lc4j parent=aot-agent-lc4j-parent mdc=aot-agent-lc4j scoped=aot-agent-lc4j");
		assertLlmRequestsWithRun(2, "aot-agent-lc4j", "aot-agent-lc4j-parent");
	}

	@Test
	void mcpToolCallRunsInTheCallersRun() throws Exception {
		HttpResponse<String> initialized = mcp(null, """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
				"capabilities":{},"clientInfo":{"name":"aot-test","version":"1.0.0"}}}""");
		assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
		String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
		mcp(session, """
				{"jsonrpc":"2.0","method":"notifications/initialized"}""");
		HttpResponse<String> call = mcp(session, """
				{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"whoami","arguments":{}}}""");
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		assertThat(call.body())
			.contains("run=aot-agent-mcp parent=aot-agent-mcp-parent mdc=aot-agent-mcp scoped=aot-agent-mcp");
		application.awaitLine("the MCP tool's line with the run in the MDC",
				(line) -> line.contains("[aot-agent-mcp] [aot-agent-mcp-parent]")
						&& line.endsWith("tool whoami called"));
	}

	@Test
	void mcpClientCallsTheToolInTheRunOfTheChat() throws Exception {
		String task = URLEncoder.encode("Which run is this?", StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(application.uri("/agent/mcp?task=" + task))
			.timeout(Duration.ofSeconds(60))
			.header("X-Run-Id", "aot-agent-mcp-client")
			.header("X-Parent-Run-Id", "aot-agent-mcp-client-parent")
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		// the MCP request is a request of its own: the tool runs in the chat's run only
		// because the MCP client sent it along
		assertThat(response.body()).contains("run=aot-agent-mcp-client parent=aot-agent-mcp-client-parent "
				+ "mdc=aot-agent-mcp-client scoped=aot-agent-mcp-client");
		application.awaitLine("the MCP tool's line with the chat's run in the MDC",
				(line) -> line.contains("[aot-agent-mcp-client] [aot-agent-mcp-client-parent]")
						&& line.endsWith("tool whoami called"));
	}

	@Test
	void langChain4jMcpClientCallsTheToolInTheRunOfTheAiService() throws Exception {
		// the client connects when the application is ready, after it listens
		application.awaitLine("LangChain4j's MCP client connected",
				(line) -> line.contains("LangChain4j MCP client connected to"));
		String task = URLEncoder.encode("Which run is this?", StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(application.uri("/langchain4j/mcp?task=" + task))
			.timeout(Duration.ofSeconds(60))
			.header("X-Run-Id", "aot-agent-lc4j-mcp")
			.header("X-Parent-Run-Id", "aot-agent-lc4j-mcp-parent")
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		// LangChain4j's MCP request is a request of its own: the tool runs in the AI
		// service's run only because RunIdMcpHeaders gave the transport its headers
		assertThat(response.body()).contains("run=aot-agent-lc4j-mcp parent=aot-agent-lc4j-mcp-parent "
				+ "mdc=aot-agent-lc4j-mcp scoped=aot-agent-lc4j-mcp");
		application.awaitLine("the MCP tool's line with the AI service's run in the MDC",
				(line) -> line.contains("[aot-agent-lc4j-mcp] [aot-agent-lc4j-mcp-parent]")
						&& line.endsWith("tool whoami called"));
		assertLlmRequestsWithRun(2, "aot-agent-lc4j-mcp", "aot-agent-lc4j-mcp-parent");
	}

	/**
	 * Wait until the output shows the given number of requests to the stub LLM that carry
	 * the run: the application's output reaches the test through a pipe read on another
	 * thread, so a line logged before the response may be read after it.
	 */
	private static void assertLlmRequestsWithRun(int count, String runId, String parentRunId) {
		String headers = "X-Run-Id=\"" + runId + "\" X-Parent-Run-Id=\"" + parentRunId + "\"";
		await("the stub LLM's log of " + count + " requests in run " + runId).atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(application.lines()
				.stream()
				.filter((line) -> line.contains("llm_stub_request"))
				.filter((line) -> line.contains(headers))
				.toList()).as(application::output).hasSize(count));
	}

	private static HttpResponse<String> mcp(String session, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(application.uri("/mcp"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("X-Run-Id", "aot-agent-mcp")
			.header("X-Parent-Run-Id", "aot-agent-mcp-parent")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (session != null) {
			request.header("Mcp-Session-Id", session);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(application.uri(path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
