package dev.runid.samples.agent;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * A small Spring AI agent service: {@code POST /agent/runs} lets a {@code ChatClient}
 * call the agent's tools and has a sub-agent summarise the answer, all under one run ID.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class AgentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AgentServiceApplication.class, args);
	}

	/**
	 * The topic of the {@code report} tool, which Boot's {@code KafkaAdmin} creates at
	 * startup if the broker does not have it yet.
	 * @return the topic
	 */
	@Bean
	NewTopic reportTopic() {
		return TopicBuilder.name(ReportWriter.TOPIC).partitions(1).replicas(1).build();
	}

}
