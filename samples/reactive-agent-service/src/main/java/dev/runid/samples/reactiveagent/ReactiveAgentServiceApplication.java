package dev.runid.samples.reactiveagent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small reactive Spring AI agent service: {@code POST /agent/runs} streams a
 * {@code ChatClient} conversation that calls the agent's tools, then has a sub-agent
 * summarise the answer, all under one run ID while the pipeline hops threads.
 */
@SpringBootApplication
public class ReactiveAgentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReactiveAgentServiceApplication.class, args);
	}

}
