package dev.runid.it.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An agent (Spring AI's MCP client starter, ChatClient against a stub LLM) calls the tool
 * of an MCP server started from its executable jar as a child process over STDIO: only
 * the request's {@code _meta} carries the run, and the tool runs in it.
 */
class McpStdioTests {

	private static final Log logger = LogFactory.getLog(McpStdioTests.class);

	private static final Pattern SEEN = Pattern
		.compile("run=(\\S+) parent=(\\S+) mdc=(\\S+) scoped=(\\S+) thread=([^\"\\\\]+)");

	private static Path serverLog;

	private static StubLlm llm;

	private static ConfigurableApplicationContext agent;

	@BeforeAll
	static void start() throws Exception {
		String jar = System.getProperty("mcp.server.jar", "");
		assumeTrue(!jar.isEmpty() && Files.isRegularFile(Paths.get(jar)),
				"The MCP server's executable jar " + jar + " is missing: build it with "
						+ "mvn -pl integration-tests/mcp -am verify (run-id-it-mcp-server packages it)");
		// kept after the build, for a look at the server's side of a failed test
		serverLog = Paths.get("target", "mcp-stdio-tool-server.log").toAbsolutePath();
		Files.deleteIfExists(serverLog);
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		String[] args = { "-XX:TieredStopAtLevel=1", "-jar", jar, "--spring.ai.mcp.server.stdio=true",
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--logging.threshold.console=OFF", "--logging.file.name=" + serverLog };
		List<String> properties = new ArrayList<>(List.of("spring.application.name=agent",
				"spring.ai.mcp.server.enabled=false", "spring.ai.mcp.client.stdio.connections.tools.command=" + java,
				"spring.ai.mcp.client.request-timeout=90s", "spring.ai.openai.api-key=test",
				"spring.ai.openai.chat.options.model=gpt-4o-mini",
				"logging.pattern.console=" + McpStreamableHttpTests.LOG_PATTERN));
		for (int i = 0; i < args.length; i++) {
			properties.add("spring.ai.mcp.client.stdio.connections.tools.args[" + i + "]=" + args[i]);
		}
		llm = new StubLlm();
		properties.add("spring.ai.openai.base-url=" + llm.baseUrl());
		agent = new SpringApplicationBuilder(Agent.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	@AfterAll
	static void stop() {
		if (agent != null) {
			agent.close();
		}
		if (llm != null) {
			llm.close();
		}
	}

	@Test
	void toolCalledByTheModelRunsInTheAgentsRun() {
		RunId parent = RunId.generate();
		RunId run = RunId.generate(parent);
		String answer;
		try (RunContext scope = RunContext.enter(run)) {
			logger.info("agent asks the model which run this is");
			answer = chatClient().prompt("Which run is this?").call().content();
			logger.info("agent got: " + answer);
		}
		Matcher seen = seen(answer);
		assertThat(seen.group(1)).as("RunContext in the tool").isEqualTo(run.value());
		assertThat(seen.group(2)).as("parent in the tool").isEqualTo(parent.value());
		assertThat(seen.group(3)).as("MDC in the tool").isEqualTo(run.value());
		assertThat(seen.group(4)).as("@RunScoped bean in the tool").isEqualTo(run.value());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Files.readString(serverLog))
				.contains("[" + run.value() + "] [" + parent.value() + "] RunTools          tool whoami called"));
		assertThat(RunContext.current()).isEmpty();
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
		assertThat(seen(((McpSchema.TextResourceContents) resource.contents().get(0)).text()).group(1))
			.isEqualTo(run.value());
		assertThat(seen(((McpSchema.TextContent) prompt.messages().get(0).content()).text()).group(1))
			.isEqualTo(run.value());
	}

	@Test
	void requestOutsideARunGetsAFreshRunOnTheServer() {
		String first = seen(text(mcpClient().callTool(new McpSchema.CallToolRequest("whoami", Map.of())))).group(1);
		String second = seen(text(mcpClient().callTool(new McpSchema.CallToolRequest("whoami", Map.of())))).group(1);
		assertThat(RunId.isValid(first)).isTrue();
		assertThat(first).isNotEqualTo(second);
	}

	/**
	 * Runs one after another, each from another thread: the SDK's STDIO server transport
	 * fails concurrent responses ("Failed to enqueue message",
	 * modelcontextprotocol/java-sdk#686), so concurrent runs are proven over Streamable
	 * HTTP ({@link McpStreamableHttpTests#concurrentRunsNeverCross()}).
	 */
	@Test
	void runsFromDifferentThreadsNeverCross() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			for (int i = 0; i < 6; i++) {
				Future<String[]> call = pool.submit(() -> {
					RunId run = RunId.generate();
					try (RunContext scope = RunContext.enter(run)) {
						return new String[] { run.value(), chatClient().prompt("Which run is this?").call().content() };
					}
				});
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
