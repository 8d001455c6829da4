package dev.runid.samples.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring AI agent service: {@code POST /agent/runs} lets a {@code ChatClient}
 * call the agent's tools and has a sub-agent summarise the answer, all under one run ID.
 */
@SpringBootApplication
public class AgentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AgentServiceApplication.class, args);
	}

}
