package dev.runid.samples.reactiveagent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small reactive agent service: {@code POST /agent/runs} plans with an LLM, calls a
 * tool over HTTP and has a sub-agent summarise the result, in one Reactor pipeline that
 * hops threads, all under one run ID.
 */
@SpringBootApplication
@EnableConfigurationProperties(AgentProperties.class)
public class ReactiveAgentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReactiveAgentServiceApplication.class, args);
	}

}
