package dev.runid.it.messaging;

import dev.runid.RunId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code run-id.inbound.mode=ignore}, a listener on an embedded Artemis broker
 * ignores the run a message carries, as the inbound filters ignore the header: each
 * message gets a new run. Sending is not affected.
 */
@SpringBootTest(classes = JmsApplication.class,
		properties = { "spring.artemis.mode=embedded", "spring.artemis.embedded.persistent=false",
				"spring.kafka.listener.auto-startup=false", "run-id.inbound.mode=ignore" })
class JmsIgnoreModeTests {

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
	JmsTemplate template;

	@Autowired
	Seen seen;

	@Test
	void listenerRunsInANewRunNotTheOneTheMessageCarries() {
		RunId run = RunId.generate().withParent(RunId.generate());
		this.template.convertAndSend(JmsApplication.ORDERS, "ignored-1", (message) -> {
			message.setStringProperty("runId", run.value());
			message.setStringProperty("parentRunId", run.parent().orElseThrow().value());
			return message;
		});
		Seen.Visit visit = this.seen.take("ignored-1");
		assertThat(visit.runId()).isNotNull().isNotEqualTo(run.value());
		assertThat(RunId.isValid(visit.runId())).isTrue();
		assertThat(visit.parentRunId()).as("no parent is taken from the message either").isNull();
		assertThat(visit.mdcRunId()).isEqualTo(visit.runId());
		assertThat(visit.downstream()).isEqualTo(visit.runId());
	}

}
