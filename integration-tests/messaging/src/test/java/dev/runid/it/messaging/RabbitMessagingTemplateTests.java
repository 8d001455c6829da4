package dev.runid.it.messaging;

import java.util.UUID;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.amqp.rabbit.core.RabbitMessagingTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot's {@code RabbitMessagingTemplate} sends the run as its {@code RabbitTemplate}
 * does: the listener on a RabbitMQ server on 127.0.0.1:5672 runs in the sender's run.
 * Skipped when no broker answers there.
 */
@SpringBootTest(classes = RabbitApplication.class,
		properties = { "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=5672",
				"spring.jms.listener.auto-startup=false", "spring.kafka.listener.auto-startup=false" })
@EnabledIf(value = "dev.runid.it.messaging.RabbitMessagingTests#brokerAnswers",
		disabledReason = "No RabbitMQ server answers on 127.0.0.1:5672: run .ci/setup-rabbitmq (as root, it installs"
				+ " and starts Debian's rabbitmq-server) to run these tests")
class RabbitMessagingTemplateTests {

	static final Downstream downstream = Downstream.start();

	static final String SUFFIX = UUID.randomUUID().toString();

	static final String ORDERS = "run-id.messaging-template.orders." + SUFFIX;

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		registry.add("downstream.url", () -> downstream.url("127.0.0.1"));
		registry.add("queues.orders", () -> ORDERS);
		registry.add("queues.failing", () -> "run-id.messaging-template.failing." + SUFFIX);
		registry.add("queues.dead", () -> "run-id.messaging-template.dead." + SUFFIX);
		registry.add("queues.batch", () -> "run-id.messaging-template.batch." + SUFFIX);
		registry.add("queues.probed", () -> "run-id.messaging-template.probed." + SUFFIX);
		registry.add("queues.producer-batch", () -> "run-id.messaging-template.producer-batch." + SUFFIX);
	}

	@AfterAll
	static void stopDownstream() {
		downstream.close();
	}

	@Autowired
	RabbitMessagingTemplate messagingTemplate;

	@Autowired
	Seen seen;

	@Test
	void listenerRunsInTheRunOfTheSender() {
		RunId run = RunId.generate().withParent(RunId.generate());
		RunContext.run(run, () -> this.messagingTemplate.convertAndSend(ORDERS, "messaging-1"));
		Seen.Visit visit = this.seen.take("messaging-1");
		assertThat(visit.runId()).isEqualTo(run.value());
		assertThat(visit.parentRunId()).isEqualTo(run.parent().orElseThrow().value());
		assertThat(visit.mdcRunId()).isEqualTo(run.value());
		assertThat(visit.downstream()).isEqualTo(run.value());
	}

}
