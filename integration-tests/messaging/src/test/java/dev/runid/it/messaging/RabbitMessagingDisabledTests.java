package dev.runid.it.messaging;

import java.util.UUID;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code run-id.messaging.enabled=false} a message published in a run to a RabbitMQ
 * server on 127.0.0.1:5672 carries no run, and the listener runs in none. Skipped when no
 * broker answers there.
 */
@SpringBootTest(classes = RabbitApplication.class,
		properties = { "run-id.messaging.enabled=false", "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=5672",
				"spring.jms.listener.auto-startup=false", "spring.kafka.listener.auto-startup=false" })
@EnabledIf(value = "dev.runid.it.messaging.RabbitMessagingTests#brokerAnswers",
		disabledReason = "No RabbitMQ server answers on 127.0.0.1:5672: run .ci/setup-rabbitmq (as root, it installs"
				+ " and starts Debian's rabbitmq-server) to run these tests")
class RabbitMessagingDisabledTests {

	static final Downstream downstream = Downstream.start();

	static final String SUFFIX = UUID.randomUUID().toString();

	static final String ORDERS = "run-id.orders." + SUFFIX;

	static final String PROBED = "run-id.probed." + SUFFIX;

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		registry.add("downstream.url", () -> downstream.url("127.0.0.1"));
		registry.add("queues.orders", () -> ORDERS);
		registry.add("queues.failing", () -> "run-id.failing." + SUFFIX);
		registry.add("queues.dead", () -> "run-id.dead." + SUFFIX);
		registry.add("queues.batch", () -> "run-id.batch." + SUFFIX);
		registry.add("queues.probed", () -> PROBED);
		registry.add("queues.producer-batch", () -> "run-id.producer-batch." + SUFFIX);
	}

	@AfterAll
	static void stopDownstream() {
		downstream.close();
	}

	@Autowired
	RabbitTemplate template;

	@Autowired
	Seen seen;

	@Test
	void neitherSendsNorReceivesTheRun() {
		RunId run = RunId.generate();
		RunContext.run(run, () -> {
			this.template.convertAndSend(ORDERS, "off-1");
			this.template.convertAndSend(PROBED, "off-2");
		});
		Seen.Visit visit = this.seen.take("off-1");
		assertThat(visit.runId()).isNull();
		assertThat(visit.mdcRunId()).isNull();
		assertThat(visit.downstream()).isNullOrEmpty();
		// the probed listener records the message's run header
		Seen.Visit probed = this.seen.take("off-2");
		assertThat(probed.runId()).isNull();
		assertThat(probed.mdcRunId()).isNull();
		assertThat(probed.downstream()).isNull();
	}

}
