package dev.runid.it.mcp;

import java.time.Duration;

import io.modelcontextprotocol.client.McpClient;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.mcp.customizer.McpClientCustomizer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The agent of the tests: a {@link ChatClient} whose tools are the MCP tools of Spring
 * AI's MCP client starter. No component scan, so that the tool server's classes stay out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class Agent {

	@Bean
	ChatClient chatClient(ChatClient.Builder builder, SyncMcpToolCallbackProvider mcpTools) {
		return builder.defaultToolCallbacks(mcpTools).build();
	}

	@Bean
	McpClientCustomizer<McpClient.SyncSpec> slowServerStart() {
		// a tool server started as a child process on a busy machine takes a while
		return (name, spec) -> spec.initializationTimeout(Duration.ofMinutes(3));
	}

}
