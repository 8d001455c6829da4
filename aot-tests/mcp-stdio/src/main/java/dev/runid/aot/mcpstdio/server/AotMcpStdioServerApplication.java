package dev.runid.aot.mcpstdio.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An MCP server over STDIO, started in AOT mode (profile {@code server}) as the child
 * process of the MCP client in {@code AotMcpStdioClientApplication}.
 */
@SpringBootApplication
public class AotMcpStdioServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotMcpStdioServerApplication.class, args);
	}

}
