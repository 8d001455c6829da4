package dev.runid.aot.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC agent: a Spring AI chat client with a tool, and an MCP server with a tool
 * of its own, started in AOT mode by {@code AotAgentApplicationTests}.
 */
@SpringBootApplication
public class AotAgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotAgentApplication.class, args);
	}

}
