package dev.runid.samples.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small agent service: {@code POST /agent/runs} plans with an LLM, calls a tool over
 * HTTP and has a sub-agent summarise the result, all under one run ID.
 */
@SpringBootApplication
@EnableConfigurationProperties(AgentProperties.class)
public class AgentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AgentServiceApplication.class, args);
	}

}
