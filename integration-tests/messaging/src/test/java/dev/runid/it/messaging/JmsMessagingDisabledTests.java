package dev.runid.it.messaging;

import dev.runid.RunContext;
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
 * With {@code run-id.messaging.enabled=false} a message sent in a run through an embedded
 * Artemis broker carries no run, and the listeners run in none.
 */
@SpringBootTest(classes = JmsApplication.class,
		properties = { "run-id.messaging.enabled=false", "spring.artemis.mode=embedded",
				"spring.artemis.embedded.persistent=false", "spring.kafka.listener.auto-startup=false",
				"spring.rabbitmq.listener.simple.auto-startup=false" })
class JmsMessagingDisabledTests {

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
	void neitherSendsNorReceivesTheRun() {
		RunId run = RunId.generate();
		RunContext.run(run, () -> {
			this.template.convertAndSend(JmsApplication.ORDERS, "off-1");
			this.template.convertAndSend(JmsApplication.PROBED, "off-2");
			this.template.convertAndSend(JmsApplication.PLAIN, "off-3");
		});
		Seen.Visit visit = this.seen.take("off-1");
		assertThat(visit.runId()).isNull();
		assertThat(visit.mdcRunId()).isNull();
		assertThat(visit.downstream()).isNullOrEmpty();
		// these listeners record the message's run property
		for (String payload : new String[] { "off-2", "off-3" }) {
			Seen.Visit probed = this.seen.take(payload);
			assertThat(probed.runId()).isNull();
			assertThat(probed.mdcRunId()).isNull();
			assertThat(probed.downstream()).isNull();
		}
	}

}
