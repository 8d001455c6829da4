package dev.runid.it.mcp.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An MCP server built with Spring AI's MCP server starter and the run-id starter: over
 * Streamable HTTP by default, over STDIO with {@code spring.ai.mcp.server.stdio=true}.
 */
@SpringBootApplication
public class McpToolServerApplication {

	/**
	 * Start the server.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(McpToolServerApplication.class, args);
	}

}
