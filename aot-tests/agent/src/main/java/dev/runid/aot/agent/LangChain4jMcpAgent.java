package dev.runid.aot.agent;

import java.time.Duration;

import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.runid.spring.langchain4j.RunIdMcpHeaders;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The LangChain4j agent with the tools of an MCP server: an AI service whose tool
 * provider is LangChain4j's MCP client, connected over Streamable HTTP to this
 * application's own MCP server, with {@link RunIdMcpHeaders} as its headers.
 */
@RestController
class LangChain4jMcpAgent {

	private static final Logger logger = LoggerFactory.getLogger(LangChain4jMcpAgent.class);

	private final Environment environment;

	private volatile @Nullable McpClient client;

	private volatile LangChain4jAgent.@Nullable Assistant assistant;

	LangChain4jMcpAgent(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Connects the MCP client once the application is ready, as its MCP server listens
	 * only then: at startup, outside any run. Logs when connected, for the test to wait
	 * for.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void connect() {
		String url = this.environment.getRequiredProperty("spring.ai.mcp.client.streamable-http.connections.self.url")
				+ "/mcp";
		McpClient client = DefaultMcpClient.builder()
			.key("self")
			.transport(StreamableHttpMcpTransport.builder()
				.url(url)
				.customHeaders(RunIdMcpHeaders.supplier(url))
				.timeout(Duration.ofSeconds(30))
				.build())
			.build();
		OpenAiChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.environment.getRequiredProperty("spring.ai.openai.base-url"))
			.apiKey("stub-llm-needs-no-key")
			.modelName("gpt-4o-mini")
			.build();
		this.client = client;
		this.assistant = AiServices.builder(LangChain4jAgent.Assistant.class)
			.chatModel(model)
			.toolProvider(McpToolProvider.builder().mcpClients(client).build())
			.build();
		logger.info("LangChain4j MCP client connected to {}", url);
	}

	@GetMapping("/langchain4j/mcp")
	String agent(@RequestParam String task) {
		LangChain4jAgent.Assistant assistant = this.assistant;
		if (assistant == null) {
			throw new IllegalStateException("The MCP client is not connected yet");
		}
		return assistant.chat(task);
	}

	@PreDestroy
	void close() throws Exception {
		McpClient client = this.client;
		if (client != null) {
			client.close();
		}
	}

}
