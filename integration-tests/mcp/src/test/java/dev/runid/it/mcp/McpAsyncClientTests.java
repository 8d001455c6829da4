package dev.runid.it.mcp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.it.mcp.server.McpToolServerApplication;
import dev.runid.spring.reactor.RunIdReactor;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An asynchronous MCP client of Spring AI's client starter
 * ({@code spring.ai.mcp.client.type=ASYNC}) over Streamable HTTP: the run of the Reactor
 * pipeline that sends a request reaches the tool, also when the pipeline subscribes on
 * another thread.
 */
class McpAsyncClientTests {

	private static final List<String> received = new CopyOnWriteArrayList<>();

	private static ConfigurableApplicationContext server;

	private static ConfigurableApplicationContext client;

	@BeforeAll
	static void start() {
		server = new SpringApplicationBuilder(McpToolServerApplication.class)
			.initializers((context) -> ((GenericApplicationContext) context).registerBean("runHeaderRecorder",
					Filter.class, () -> (request, response, chain) -> {
						String run = ((HttpServletRequest) request).getHeader("X-Run-Id");
						if (run != null) {
							received.add(run);
						}
						chain.doFilter(request, response);
					}))
			.properties("server.port=0", "server.address=127.0.0.1", "spring.ai.mcp.client.enabled=false",
					"spring.ai.openai.api-key=unused")
			.run();
		String port = server.getEnvironment().getProperty("local.server.port");
		client = new SpringApplicationBuilder(AsyncClientApplication.class).web(WebApplicationType.NONE)
			.properties("spring.ai.mcp.server.enabled=false", "spring.ai.mcp.client.type=ASYNC",
					"spring.ai.mcp.client.streamable-http.connections.tools.url=http://127.0.0.1:" + port,
					"spring.ai.mcp.client.request-timeout=2m", "spring.ai.openai.api-key=unused")
			.run();
	}

	@AfterAll
	static void stop() {
		if (client != null) {
			client.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void runOfThePipelineReachesTheToolAcrossThreads() {
		RunId run = RunId.generate();
		McpSchema.CallToolResult result = RunIdReactor
			.run(run, () -> Mono.defer(
					() -> mcpClient().callTool(McpSchema.CallToolRequest.builder("whoami").arguments(Map.of()).build()))
				.subscribeOn(Schedulers.boundedElastic()))
			.block();
		assertThat(((McpSchema.TextContent) result.content().get(0)).text()).startsWith("run=" + run.value() + " ");
		assertThat(received).contains(run.value());
	}

	@Test
	void runOfTheSubscribingThreadReachesTheTool() {
		RunId run = RunId.generate();
		McpSchema.CallToolResult result;
		try (RunContext scope = RunContext.enter(run)) {
			result = mcpClient().callTool(McpSchema.CallToolRequest.builder("whoami").arguments(Map.of()).build())
				.block();
		}
		assertThat(((McpSchema.TextContent) result.content().get(0)).text()).startsWith("run=" + run.value() + " ");
	}

	@SuppressWarnings("unchecked")
	private static McpAsyncClient mcpClient() {
		return ((List<McpAsyncClient>) client.getBean("mcpAsyncClients")).get(0);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class AsyncClientApplication {

	}

}
