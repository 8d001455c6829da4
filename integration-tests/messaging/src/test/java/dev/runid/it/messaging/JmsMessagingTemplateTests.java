package dev.runid.it.messaging;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsMessagingTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot's {@code JmsMessagingTemplate} sends the run as its {@code JmsTemplate} does: the
 * listener on an embedded Artemis broker runs in the sender's run.
 */
@SpringBootTest(classes = JmsApplication.class, properties = { "spring.artemis.mode=embedded",
		"spring.artemis.embedded.persistent=false", "spring.kafka.listener.auto-startup=false" })
class JmsMessagingTemplateTests {

	static final Downstream downstream = Downstream.start();

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		registry.add("downstream.url", () -> downstream.url("127.0.0.1"));
	}

	@AfterAll
	static void stopDownstream() {
		downstream.close();
	}

	@Autowired
	JmsMessagingTemplate messagingTemplate;

	@Autowired
	Seen seen;

	@Test
	void listenerRunsInTheRunOfTheSender() {
		RunId run = RunId.generate().withParent(RunId.generate());
		RunContext.run(run, () -> this.messagingTemplate.convertAndSend(JmsApplication.ORDERS, "messaging-1"));
		Seen.Visit visit = this.seen.take("messaging-1");
		assertThat(visit.runId()).isEqualTo(run.value());
		assertThat(visit.parentRunId()).isEqualTo(run.parent().orElseThrow().value());
		assertThat(visit.mdcRunId()).isEqualTo(run.value());
		assertThat(visit.downstream()).isEqualTo(run.value());
	}

}
