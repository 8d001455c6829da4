package dev.runid.aot.mcpstdio.client;

import java.time.Duration;

import io.modelcontextprotocol.client.McpClient;

import org.springframework.ai.mcp.customizer.McpClientCustomizer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring MVC application whose MCP client (Spring AI's MCP client starter) starts the
 * STDIO server as its child process and calls its tool from HTTP requests, started in AOT
 * mode by {@code AotMcpStdioApplicationTests} (profile {@code client}).
 */
@SpringBootApplication
public class AotMcpStdioClientApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotMcpStdioClientApplication.class, args);
	}

	@Bean
	McpClientCustomizer<McpClient.SyncSpec> slowServerStart() {
		// a server started as a child process on a busy machine takes a while
		return (name, spec) -> spec.initializationTimeout(Duration.ofMinutes(2));
	}

}
