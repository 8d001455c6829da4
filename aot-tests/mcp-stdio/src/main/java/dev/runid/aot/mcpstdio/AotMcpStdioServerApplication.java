package dev.runid.aot.mcpstdio;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An MCP server over STDIO, started in AOT mode as the child process of the MCP client in
 * {@code AotMcpStdioServerApplicationTests}.
 */
@SpringBootApplication
public class AotMcpStdioServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotMcpStdioServerApplication.class, args);
	}

}
