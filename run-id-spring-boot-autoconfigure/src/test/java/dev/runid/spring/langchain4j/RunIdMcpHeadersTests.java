package dev.runid.spring.langchain4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdLangChain4jAutoConfiguration;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletRegistration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LangChain4j's MCP client with {@link RunIdMcpHeaders} against a real MCP server (the
 * MCP Java SDK's Streamable HTTP transport on Tomcat) whose tool answers with the run
 * header of the {@code tools/call} request it serves.
 */
class RunIdMcpHeadersTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdLangChain4jAutoConfiguration.class));

	/**
	 * The {@code X-Run-Id} of every request the server received, "none" for none.
	 */
	private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

	/**
	 * The {@code X-Test-Run-Id} of every request the server received, "none" for none:
	 * the run header of tests that must not see the runs that other running applications
	 * forward.
	 */
	private final ConcurrentLinkedQueue<String> receivedTestRunIds = new ConcurrentLinkedQueue<>();

	private WebServer webServer;

	private McpSyncServer mcpServer;

	@BeforeEach
	void startServer() {
		HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
			.mcpEndpoint("/mcp")
			.contextExtractor((request) -> {
				String runId = request.getHeader("X-Run-Id");
				String parentRunId = request.getHeader("X-Parent-Run-Id");
				this.received.add((runId != null) ? runId : "none");
				String testRunId = request.getHeader("X-Test-Run-Id");
				this.receivedTestRunIds.add((testRunId != null) ? testRunId : "none");
				return McpTransportContext.create(Map.of("runId", (runId != null) ? runId : "none", "parentRunId",
						(parentRunId != null) ? parentRunId : "none"));
			})
			.build();
		this.mcpServer = McpServer.sync(transport)
			.serverInfo("runs", "1.0")
			.capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
			.tools(SyncToolSpecification.builder()
				.tool(McpSchema.Tool.builder()
					.name("whichRun")
					.description("Tells the run of the caller")
					.inputSchema(Map.of("type", "object"))
					.build())
				.callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
					.textContent(List.of(exchange.transportContext().get("runId") + " "
							+ exchange.transportContext().get("parentRunId")))
					.build())
				.build())
			.build();
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		this.webServer = factory.getWebServer((servletContext) -> {
			ServletRegistration.Dynamic registration = servletContext.addServlet("mcp", transport);
			registration.addMapping("/mcp", "/mcp/*");
			registration.setAsyncSupported(true);
		});
		this.webServer.start();
	}

	@AfterEach
	void stopServer() {
		this.mcpServer.closeGracefully();
		this.webServer.stop();
	}

	@Test
	void toolCallInsideRunCarriesRunAndParent() {
		this.contextRunner.run((context) -> {
			try (McpClient client = client(url("127.0.0.1"))) {
				RunId parent = RunId.generate();
				RunId run = RunId.generate(parent);
				String answer;
				try (RunContext scope = RunContext.enter(run)) {
					answer = whichRun(client);
				}
				assertThat(answer).isEqualTo(run.value() + " " + parent.value());
			}
		});
	}

	@Test
	void requestsOutsideRunCarryNone() {
		this.contextRunner.run((context) -> {
			try (McpClient client = client(url("127.0.0.1"))) {
				assertThat(whichRun(client)).isEqualTo("none none");
				assertThat(this.received).isNotEmpty().containsOnly("none");
			}
		});
	}

	@Test
	void everyRequestSentInRunCarriesIt() {
		this.contextRunner.run((context) -> {
			// the client is connected once, outside any run, and shared by the runs
			try (McpClient client = client(url("127.0.0.1"))) {
				this.received.clear();
				RunId run = RunId.generate();
				try (RunContext scope = RunContext.enter(run)) {
					assertThat(client.listTools()).extracting("name").containsExactly("whichRun");
					whichRun(client);
				}
				// tools/list and tools/call
				assertThat(this.received).containsExactly(run.value(), run.value());
			}
		});
	}

	@Test
	void hostThatIsNotAllowedGetsNoRun() {
		this.contextRunner.withPropertyValues("run-id.outbound.allowed-hosts=localhost").run((context) -> {
			RunId run = RunId.generate();
			try (RunContext scope = RunContext.enter(run)) {
				try (McpClient client = client(url("127.0.0.1"))) {
					assertThat(whichRun(client)).isEqualTo("none none");
				}
				try (McpClient client = client(url("localhost"))) {
					assertThat(whichRun(client)).startsWith(run.value() + " ");
				}
			}
		});
	}

	@Test
	void outboundSwitchedOffSendsNoRun() {
		this.contextRunner.withPropertyValues("run-id.outbound.enabled=false", "run-id.header-name=X-Test-Run-Id")
			.run((context) -> {
				try (McpClient client = client(url("127.0.0.1"));
						RunContext scope = RunContext.enter(RunId.generate())) {
					whichRun(client);
				}
				assertThat(this.receivedTestRunIds).isNotEmpty().containsOnly("none");
			});
	}

	@Test
	void concurrentRunsOnOneClientEachSendTheirOwnRun() {
		this.contextRunner.run((context) -> {
			ExecutorService callers = Executors.newFixedThreadPool(16);
			try (McpClient client = client(url("127.0.0.1"))) {
				List<Future<String[]>> results = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					results.add(callers.submit(() -> {
						RunId run = RunId.generate();
						try (RunContext scope = RunContext.enter(run)) {
							return new String[] { run.value() + " none", whichRun(client) };
						}
					}));
				}
				for (Future<String[]> result : results) {
					String[] expectedAndAnswer = result.get(30, TimeUnit.SECONDS);
					assertThat(expectedAndAnswer[1]).isEqualTo(expectedAndAnswer[0]);
				}
			}
			finally {
				callers.shutdownNow();
			}
		});
	}

	private String url(String host) {
		return "http://" + host + ":" + this.webServer.getPort() + "/mcp";
	}

	private static McpClient client(String url) {
		return DefaultMcpClient.builder()
			.transport(
					StreamableHttpMcpTransport.builder().url(url).customHeaders(RunIdMcpHeaders.supplier(url)).build())
			.build();
	}

	private static @Nullable String whichRun(McpClient client) {
		return client.executeTool(ToolExecutionRequest.builder().name("whichRun").arguments("{}").build()).resultText();
	}

}
