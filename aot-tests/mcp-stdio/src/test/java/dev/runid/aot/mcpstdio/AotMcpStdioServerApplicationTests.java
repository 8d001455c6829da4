package dev.runid.aot.mcpstdio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.aot.AotApplication;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.mcp.customizer.McpClientCustomizer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MCP server, processed ahead of time by the build, started in AOT mode as the child
 * process of Spring AI's MCP client starter with the run-id starter (a context in this
 * test's JVM, not AOT-processed) over STDIO, as {@code integration-tests/mcp}'s
 * {@code McpStdioTests} does without AOT: only the request's {@code _meta} carries the
 * run, and the tool runs in it; a call outside any run gets a run of its own.
 */
class AotMcpStdioServerApplicationTests {

	private static Path serverLog;

	private static ConfigurableApplicationContext client;

	@BeforeAll
	static void start() throws Exception {
		// standard output carries the protocol: the server logs to a file, kept after the
		// build for a look at the server's side of a failed test
		serverLog = Path.of("target", "aot-mcp-stdio-server.log").toAbsolutePath();
		Files.deleteIfExists(serverLog);
		List<String> command = AotApplication.command(AotMcpStdioServerApplication.class,
				"--logging.file.name=" + serverLog);
		List<String> properties = new ArrayList<>(List.of("spring.application.name=aot-mcp-stdio-client",
				"spring.ai.mcp.server.enabled=false", "spring.ai.mcp.client.request-timeout=60s",
				"spring.ai.mcp.client.stdio.connections.tools.command=" + command.get(0)));
		for (int i = 1; i < command.size(); i++) {
			properties.add("spring.ai.mcp.client.stdio.connections.tools.args[" + (i - 1) + "]=" + command.get(i));
		}
		client = new SpringApplicationBuilder(Client.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	@AfterAll
	static void stop() {
		if (client != null) {
			client.close();
		}
	}

	@Test
	void startsFromTheCodeThatAotProcessingGenerated() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Files.readString(serverLog))
				.contains("Starting AOT-processed AotMcpStdioServerApplication"));
	}

	@Test
	void toolCallRunsInTheCallersRun() {
		RunId parent = RunId.generate();
		RunId run = RunId.generate(parent);
		McpSchema.CallToolResult result;
		try (RunContext scope = RunContext.enter(run)) {
			result = mcpClient().callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
		}
		assertThat(text(result)).isEqualTo(
				"run=" + run.value() + " parent=" + parent.value() + " mdc=" + run.value() + " scoped=" + run.value());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Files.readString(serverLog).lines())
				.anySatisfy((line) -> assertThat(line).contains("[" + run.value() + "] [" + parent.value() + "]")
					.endsWith("tool whoami called")));
	}

	@Test
	void eachCallOutsideAnyRunGetsARunOfItsOwn() {
		List<String> runs = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			String seen = text(mcpClient().callTool(new McpSchema.CallToolRequest("whoami", Map.of())));
			String run = seen.substring("run=".length(), seen.indexOf(' '));
			assertThat(run).as(seen).isNotEqualTo("none");
			assertThat(RunId.isValid(run)).as(seen).isTrue();
			assertThat(seen).isEqualTo("run=" + run + " parent=none mdc=" + run + " scoped=" + run);
			runs.add(run);
		}
		assertThat(runs).doesNotHaveDuplicates();
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	@SuppressWarnings("unchecked")
	private static McpSyncClient mcpClient() {
		return ((List<McpSyncClient>) client.getBean("mcpSyncClients")).get(0);
	}

	/**
	 * The client: Spring AI's MCP client starter and the run-id starter. No component
	 * scan, so that the server's classes stay out.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Client {

		@Bean
		McpClientCustomizer<McpClient.SyncSpec> slowServerStart() {
			// a server started as a child process on a busy machine takes a while
			return (name, spec) -> spec.initializationTimeout(Duration.ofMinutes(2));
		}

	}

}
