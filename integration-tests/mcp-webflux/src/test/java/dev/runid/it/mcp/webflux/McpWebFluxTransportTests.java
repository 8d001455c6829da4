package dev.runid.it.mcp.webflux;

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
import dev.runid.spring.ai.mcp.RunIdMcpMeta;
import dev.runid.spring.registry.RunRegistry;
import dev.runid.spring.registry.RunStatus;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent (Spring AI's MCP client on {@code WebClient}, ChatClient against a stub LLM)
 * calls the tool of an MCP server (Spring AI's MCP server on WebFlux) on 127.0.0.1 over
 * one transport: the MCP requests carry the run as headers, and the tool runs in the
 * agent's run, also when the run reaches the server by the header alone.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class McpWebFluxTransportTests {

	static final String LOG_PATTERN = "%d{HH:mm:ss.SSS} %5p [%X{runId:--}] [%X{parentRunId:--}] %-17logger{0} %m%n";

	private static final Pattern SEEN = Pattern
		.compile("run=(\\S+) parent=(\\S+) mdc=(\\S+) scoped=(\\S+) thread=([^\"\\\\]+)");

	/** Run headers of the requests the server received, as the client sent them. */
	private final List<String[]> received = new CopyOnWriteArrayList<>();

	private StubLlm llm;

	private ConfigurableApplicationContext server;

	private ConfigurableApplicationContext agent;

	private ConfigurableApplicationContext headersOnlyAgent;

	/**
	 * The server's {@code spring.ai.mcp.server.protocol}.
	 */
	abstract String serverProtocol();

	/**
	 * The agent's property that names the server's URL (a connection named
	 * {@code tools}).
	 */
	abstract String clientConnectionUrlProperty();

	@BeforeAll
	void start() throws Exception {
		this.llm = new StubLlm();
		this.server = new SpringApplicationBuilder(ToolServer.class)
			.initializers((context) -> ((GenericApplicationContext) context).registerBean("runHeaderRecorder",
					// around the whole handler, before every WebFilter: the headers as
					// the
					// client sent them, before run-id's filter makes the request carry
					// its run
					HttpHandlerDecoratorFactory.class, () -> (handler) -> (request, response) -> {
						this.received
							.add(new String[] { request.getMethod().name(), request.getHeaders().getFirst("X-Run-Id"),
									request.getHeaders().getFirst("X-Parent-Run-Id") });
						return handler.handle(request, response);
					}))
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=tool-server",
					"spring.ai.mcp.server.name=run-tools", "spring.ai.mcp.server.protocol=" + serverProtocol(),
					"spring.ai.mcp.client.enabled=false", "spring.ai.openai.api-key=unused",
					"logging.pattern.console=" + LOG_PATTERN)
			.run();
		String url = "http://127.0.0.1:" + this.server.getEnvironment().getProperty("local.server.port");
		this.agent = agent(url);
		// without run-id's MCP support, the run reaches the server by Boot's WebClient
		// filter alone: the X-Run-Id header, no _meta
		this.headersOnlyAgent = agent(url, "run-id.mcp.enabled=false");
	}

	private ConfigurableApplicationContext agent(String url, String... properties) {
		return new SpringApplicationBuilder(Agent.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=agent", "spring.ai.mcp.server.enabled=false",
					clientConnectionUrlProperty() + "=" + url, "spring.ai.mcp.client.request-timeout=2m",
					"spring.ai.openai.base-url=" + this.llm.baseUrl(), "spring.ai.openai.api-key=test",
					"spring.ai.openai.chat.options.model=gpt-4o-mini", "logging.pattern.console=" + LOG_PATTERN)
			.properties(properties)
			.run();
	}

	@AfterAll
	void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { this.headersOnlyAgent, this.agent, this.server,
				this.llm }) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	@BeforeEach
	void clear() {
		this.received.clear();
	}

	@Test
	void toolCalledByTheModelRunsInTheAgentsRun(CapturedOutput output) {
		RunId parent = RunId.generate();
		RunId run = RunId.generate(parent);
		String answer;
		try (RunContext scope = RunContext.enter(run)) {
			answer = chatClient(this.agent).prompt("Which run is this?").call().content();
		}
		assertToolRanIn(run, parent, answer, output);
	}

	@Test
	void toolCalledByTheModelDuringAStreamedChatRunsInTheAgentsRun(CapturedOutput output) {
		RunId parent = RunId.generate();
		RunId run = RunId.generate(parent);
		List<String> parts;
		try (RunContext scope = RunContext.enter(run)) {
			parts = chatClient(this.agent).prompt("Which run is this?")
				.stream()
				.content()
				.collectList()
				.block(Duration.ofMinutes(2));
		}
		assertThat(parts).isNotNull();
		assertToolRanIn(run, parent, String.join("", parts), output);
	}

	@Test
	void runReachesTheToolByTheHeaderAlone(CapturedOutput output) {
		RunId parent = RunId.generate();
		RunId run = RunId.generate(parent);
		String answer;
		try (RunContext scope = RunContext.enter(run)) {
			answer = chatClient(this.headersOnlyAgent).prompt("Which run is this?").call().content();
		}
		assertToolRanIn(run, parent, answer, output);
	}

	@Test
	void requestOutsideARunGetsAFreshRunOnTheServer() {
		assertThat(RunContext.current()).isEmpty();
		String first = seen(text(mcpClient().callTool(new McpSchema.CallToolRequest("whoami", Map.of())))).group(1);
		String second = seen(text(mcpClient().callTool(new McpSchema.CallToolRequest("whoami", Map.of())))).group(1);
		assertThat(RunId.isValid(first)).isTrue();
		assertThat(first).isNotEqualTo(second);
		assertThat(this.received).isNotEmpty().allSatisfy((headers) -> assertThat(headers[1]).isNull());
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
		RunRegistry registry = this.server.getBean(RunRegistry.class);
		// the segment ends when the tool's answer has been handed back, after the client
		// has it
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
	void concurrentRunsNeverCross() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<String[]>> calls = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				boolean stream = (i % 2 == 0);
				calls.add(pool.submit(() -> {
					RunId run = RunId.generate();
					try (RunContext scope = RunContext.enter(run)) {
						ChatClient.ChatClientRequestSpec prompt = chatClient(this.agent).prompt("Which run is this?");
						String answer = stream
								? String.join("", prompt.stream().content().collectList().block(Duration.ofMinutes(2)))
								: prompt.call().content();
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

	private void assertToolRanIn(RunId run, RunId parent, String answer, CapturedOutput output) {
		Matcher seen = seen(answer);
		assertThat(seen.group(1)).as("RunContext in the tool").isEqualTo(run.value());
		assertThat(seen.group(2)).as("parent in the tool").isEqualTo(parent.value());
		assertThat(seen.group(3)).as("MDC in the tool").isEqualTo(run.value());
		assertThat(seen.group(4)).as("@RunScoped bean in the tool").isEqualTo(run.value());
		assertThat(this.received).as("the MCP requests the server received").anySatisfy((headers) -> {
			assertThat(headers[0]).isEqualTo("POST");
			assertThat(headers[1]).isEqualTo(run.value());
			assertThat(headers[2]).isEqualTo(parent.value());
		});
		assertThat(output.getOut())
			.contains("[" + run.value() + "] [" + parent.value() + "] RunTools          tool whoami called");
		assertThat(RunContext.current()).isEmpty();
	}

	private static Matcher seen(String text) {
		Matcher matcher = SEEN.matcher(text);
		assertThat(matcher.find()).as("the tool's answer in %s", text).isTrue();
		return matcher;
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	private static ChatClient chatClient(ConfigurableApplicationContext agent) {
		return agent.getBean(ChatClient.class);
	}

	@SuppressWarnings("unchecked")
	private McpSyncClient mcpClient() {
		return ((List<McpSyncClient>) this.agent.getBean("mcpSyncClients")).get(0);
	}

}
