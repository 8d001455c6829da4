package dev.runid.it.mcp.webflux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The agent of the tests: a {@link ChatClient} whose tools are the MCP tools of Spring
 * AI's MCP client auto-configuration on WebFlux ({@code WebClient} transports built from
 * Boot's {@code WebClient.Builder}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class Agent {

	@Bean
	ChatClient chatClient(ChatClient.Builder builder, SyncMcpToolCallbackProvider mcpTools) {
		return builder.defaultToolCallbacks(mcpTools).build();
	}

}
