package dev.runid.it.mcp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.it.mcp.server.McpToolServerApplication;
import dev.runid.spring.ai.mcp.RunIdMcpMeta;
import dev.runid.spring.registry.RunRegistry;
import dev.runid.spring.registry.RunStatus;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent (Spring AI's MCP client starter, ChatClient against a stub LLM) calls the tool
 * of an MCP server (Spring AI's MCP server starter, WebMVC) over Streamable HTTP on
 * 127.0.0.1: the tool runs in the agent's run.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpStreamableHttpTests {

	static final String LOG_PATTERN = "%d{HH:mm:ss.SSS} %5p [%X{runId:--}] [%X{parentRunId:--}] %-17logger{0} %m%n";

	private static final Pattern SEEN = Pattern
		.compile("run=(\\S+) parent=(\\S+) mdc=(\\S+) scoped=(\\S+) thread=([^\"\\\\]+)");

	/** Run headers of the requests the server received, as the client sent them. */
	private static final List<String[]> received = new CopyOnWriteArrayList<>();

	private static StubLlm llm;

	private static ConfigurableApplicationContext server;

	private static ConfigurableApplicationContext agent;

	@BeforeAll
	static void start() throws Exception {
		llm = new StubLlm();
		server = new SpringApplicationBuilder(McpToolServerApplication.class)
			.initializers((context) -> ((GenericApplicationContext) context).registerBean("runHeaderRecorder",
					WebServerFactoryCustomizer.class, McpStreamableHttpTests::runHeaderRecorder))
			.properties("server.port=0", "server.address=127.0.0.1", "spring.ai.mcp.client.enabled=false",
					"spring.ai.openai.api-key=unused", "logging.pattern.console=" + LOG_PATTERN)
			.run();
		String port = server.getEnvironment().getProperty("local.server.port");
		agent = new SpringApplicationBuilder(Agent.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=agent", "spring.ai.mcp.server.enabled=false",
					"spring.ai.mcp.client.streamable-http.connections.tools.url=http://127.0.0.1:" + port,
					"spring.ai.mcp.client.request-timeout=2m", "spring.ai.openai.base-url=" + llm.baseUrl(),
					"spring.ai.openai.api-key=test", "spring.ai.openai.chat.options.model=gpt-4o-mini",
					"logging.pattern.console=" + LOG_PATTERN)
			.run();
	}

	/**
	 * Records the run headers as the client sent them: a Tomcat valve runs before every
	 * filter, so it sees the request before run-id's filter makes it carry its run.
	 */
	private static WebServerFactoryCustomizer<TomcatServletWebServerFactory> runHeaderRecorder() {
		return (factory) -> factory.addContextValves(new ValveBase(true) {

			@Override
			public void invoke(Request request, Response response) throws IOException, ServletException {
				received.add(new String[] { request.getMethod(), request.getHeader("X-Run-Id"),
						request.getHeader("X-Parent-Run-Id") });
				getNext().invoke(request, response);
			}

		});
	}

	@AfterAll
	static void stop() {
		if (agent != null) {
			agent.close();
		}
		if (server != null) {
			server.close();
		}
		if (llm != null) {
			llm.close();
		}
	}

	@BeforeEach
	void clear() {
		received.clear();
	}

	@Test
	void toolCalledByTheModelRunsInTheAgentsRun(CapturedOutput output) {
		RunId parent = RunId.generate();
		RunId run = RunId.generate(parent);
		String answer;
		try (RunContext scope = RunContext.enter(run)) {
			answer = chatClient().prompt("Which run is this?").call().content();
		}
		Matcher seen = seen(answer);
		assertThat(seen.group(1)).as("RunContext in the tool").isEqualTo(run.value());
		assertThat(seen.group(2)).as("parent in the tool").isEqualTo(parent.value());
		assertThat(seen.group(3)).as("MDC in the tool").isEqualTo(run.value());
		assertThat(seen.group(4)).as("@RunScoped bean in the tool").isEqualTo(run.value());
		assertThat(received).anySatisfy((headers) -> {
			assertThat(headers[0]).isEqualTo("POST");
			assertThat(headers[1]).isEqualTo(run.value());
			assertThat(headers[2]).isEqualTo(parent.value());
		});
		assertThat(output.getOut())
			.contains("[" + run.value() + "] [" + parent.value() + "] RunTools          tool whoami called");
		assertThat(RunContext.current()).isEmpty();
	}

	@Test
	void toolCalledByTheModelDuringAStreamedChatRunsInTheAgentsRun(CapturedOutput output) {
		RunId parent = RunId.generate();
		RunId run = RunId.generate(parent);
		List<String> parts;
		try (RunContext scope = RunContext.enter(run)) {
			parts = chatClient().prompt("Which run is this?")
				.stream()
				.content()
				.collectList()
				.block(Duration.ofMinutes(2));
		}
		assertThat(parts).isNotNull();
		Matcher seen = seen(String.join("", parts));
		assertThat(seen.group(1)).as("RunContext in the tool").isEqualTo(run.value());
		assertThat(seen.group(2)).as("parent in the tool").isEqualTo(parent.value());
		assertThat(seen.group(3)).as("MDC in the tool").isEqualTo(run.value());
		assertThat(seen.group(4)).as("@RunScoped bean in the tool").isEqualTo(run.value());
		assertThat(received).as("the tools/call request of the streamed chat").anySatisfy((headers) -> {
			assertThat(headers[0]).isEqualTo("POST");
			assertThat(headers[1]).isEqualTo(run.value());
			assertThat(headers[2]).isEqualTo(parent.value());
		});
		assertThat(output.getOut())
			.contains("[" + run.value() + "] [" + parent.value() + "] RunTools          tool whoami called");
		assertThat(RunContext.current()).isEmpty();
	}

	@Test
	void everyMcpRequestInARunCarriesItAsHeaders() {
		RunId run = RunId.generate();
		try (RunContext scope = RunContext.enter(run)) {
			mcpClient().listTools();
		}
		assertThat(received).isNotEmpty().allSatisfy((headers) -> assertThat(headers[1]).isEqualTo(run.value()));
	}

	@Test
	void toolCallIsASegmentOfKindMcpInTheCallersRunInTheServersRegistry() {
		// the caller's run by _meta alone: a run entered here would be active in the
		// server's registry too (one JVM), before the request arrives
		RunId run = RunId.generate();
		seen(text(mcpClient().callTool(McpSchema.CallToolRequest.builder("whoami")
			.arguments(Map.of())
			.meta(Map.of(RunIdMcpMeta.RUN_ID_KEY, run.value()))
			.build())));
		RunRegistry registry = server.getBean(RunRegistry.class);
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(registry.find(run.value())).hasValueSatisfying(
					(record) -> assertThat(record.segments()).filteredOn((segment) -> "mcp".equals(segment.kind()))
						.singleElement()
						.satisfies((segment) -> {
							assertThat(segment.name()).isEqualTo("whoami");
							assertThat(segment.status()).isEqualTo(RunStatus.SUCCEEDED);
						})));
	}

	@Test
	void resourcesAndPromptsRunInTheCallersRun() {
		RunId run = RunId.generate();
		McpSchema.ReadResourceResult resource;
		McpSchema.GetPromptResult prompt;
		try (RunContext scope = RunContext.enter(run)) {
			resource = mcpClient().readResource(new McpSchema.ReadResourceRequest("run://current"));
			prompt = mcpClient().getPrompt(new McpSchema.GetPromptRequest("run-prompt", Map.of()));
		}
		String resourceText = ((McpSchema.TextResourceContents) resource.contents().get(0)).text();
		String promptText = ((McpSchema.TextContent) prompt.messages().get(0).content()).text();
		assertThat(seen(resourceText).group(1)).isEqualTo(run.value());
		assertThat(seen(promptText).group(1)).isEqualTo(run.value());
		assertThat(seen(promptText).group(4)).isEqualTo(run.value());
	}

	@Test
	void metaTheApplicationSetsWinsOverTheCurrentRun() {
		// a child run: its parent must not be added to a request that names its own run
		RunId current = RunId.generate(RunId.generate());
		String chosen = "app-chosen-run-" + System.nanoTime();
		McpSchema.CallToolResult result;
		try (RunContext scope = RunContext.enter(current)) {
			result = mcpClient().callTool(McpSchema.CallToolRequest.builder("whoami")
				.arguments(Map.of())
				.meta(Map.of(RunIdMcpMeta.RUN_ID_KEY, chosen))
				.build());
		}
		Matcher seen = seen(text(result));
		assertThat(seen.group(1)).isEqualTo(chosen);
		assertThat(seen.group(2)).as("the parent is not taken from another run").isEqualTo("none");
		assertThat(received).anySatisfy((headers) -> assertThat(headers[1]).isEqualTo(current.value()));
	}

	@Test
	void invalidRunInMetaIsReplacedAndLoggedEscaped(CapturedOutput output) {
		McpSchema.CallToolResult result = mcpClient().callTool(McpSchema.CallToolRequest.builder("whoami")
			.arguments(Map.of())
			.meta(Map.of(RunIdMcpMeta.RUN_ID_KEY, "forged\nINFO run=admin"))
			.build());
		String run = seen(text(result)).group(1);
		assertThat(RunId.isValid(run)).isTrue();
		assertThat(run).doesNotContain("forged");
		assertThat(output.getOut()).contains("Invalid dev.runid/run-id header \"forged\\u000aINFO\\u0020run")
			.contains("replaced it with new run " + run)
			.doesNotContain("forged\nINFO");
	}

	@Test
	void requestOutsideARunGetsAFreshRunOnTheServer() {
		assertThat(RunContext.current()).isEmpty();
		String first = seen(text(mcpClient().callTool(new McpSchema.CallToolRequest("whoami", Map.of())))).group(1);
		String second = seen(text(mcpClient().callTool(new McpSchema.CallToolRequest("whoami", Map.of())))).group(1);
		assertThat(RunId.isValid(first)).isTrue();
		assertThat(first).isNotEqualTo(second);
		assertThat(received).allSatisfy((headers) -> assertThat(headers[1]).isNull());
	}

	@Test
	void concurrentRunsNeverCross() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<String[]>> calls = new ArrayList<>();
			for (int i = 0; i < 18; i++) {
				calls.add(pool.submit(() -> {
					RunId run = RunId.generate();
					try (RunContext scope = RunContext.enter(run)) {
						String answer = chatClient().prompt("Which run is this?").call().content();
						return new String[] { run.value(), answer };
					}
				}));
			}
			for (Future<String[]> call : calls) {
				String[] result = call.get(3, TimeUnit.MINUTES);
				Matcher seen = seen(result[1]);
				assertThat(seen.group(1)).isEqualTo(result[0]);
				assertThat(seen.group(3)).isEqualTo(result[0]);
				assertThat(seen.group(4)).isEqualTo(result[0]);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Matcher seen(String text) {
		Matcher matcher = SEEN.matcher(text);
		assertThat(matcher.find()).as("the tool's answer in %s", text).isTrue();
		return matcher;
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	private static ChatClient chatClient() {
		return agent.getBean(ChatClient.class);
	}

	@SuppressWarnings("unchecked")
	private static McpSyncClient mcpClient() {
		return ((List<McpSyncClient>) agent.getBean("mcpSyncClients")).get(0);
	}

}
