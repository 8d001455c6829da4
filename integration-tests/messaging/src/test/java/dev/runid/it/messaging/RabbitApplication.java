package dev.runid.it.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An application that publishes to a RabbitMQ server from an HTTP endpoint and listens: a
 * listener that calls a real downstream server, and a failing one that Boot's retry
 * interceptor calls again before its message goes to a dead-letter queue. Queue names are
 * unique per test run ({@code queues.*} properties), and the queues go when the
 * application stops.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ RabbitApplication.SendController.class, RabbitApplication.Listeners.class })
class RabbitApplication {

	@Bean
	Seen seen() {
		return new Seen();
	}

	@Bean
	Declarables queues(Environment environment) {
		String orders = environment.getRequiredProperty("queues.orders");
		String failing = environment.getRequiredProperty("queues.failing");
		String dead = environment.getRequiredProperty("queues.dead");
		Queue failingQueue = QueueBuilder.nonDurable(failing)
			.autoDelete()
			.deadLetterExchange("")
			.deadLetterRoutingKey(dead)
			.build();
		return new Declarables(QueueBuilder.nonDurable(orders).autoDelete().build(), failingQueue,
				QueueBuilder.nonDurable(dead).autoDelete().build());
	}

	@RestController
	static class SendController {

		private final RabbitTemplate template;

		SendController(RabbitTemplate template) {
			this.template = template;
		}

		@PostMapping("/send/{queue}")
		String send(@PathVariable String queue, @RequestBody String payload) {
			this.template.convertAndSend(queue, payload);
			return RunContext.current().map(RunId::value).orElse("-");
		}

	}

	static class Listeners {

		private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

		private final Seen seen;

		private final RestClient downstream;

		private final Tracer tracer;

		final Map<String, String> traceIds = new ConcurrentHashMap<>();

		Listeners(Seen seen, RestClient.Builder builder, Environment environment, Tracer tracer) {
			this.seen = seen;
			this.downstream = builder.baseUrl(environment.getRequiredProperty("downstream.url")).build();
			this.tracer = tracer;
		}

		@RabbitListener(queues = "${queues.orders}", concurrency = "3")
		void order(String payload) {
			logger.info("handled order {}", payload);
			Span span = this.tracer.currentSpan();
			if (span != null) {
				this.traceIds.put(payload, span.context().traceId());
			}
			String received = this.downstream.get().uri("/orders").retrieve().body(String.class);
			this.seen.record(payload, received);
		}

		@RabbitListener(queues = "${queues.failing}")
		void fail(String payload) {
			this.seen.record(payload, null);
			throw new IllegalStateException("no stock for " + payload);
		}

		@RabbitListener(queues = "${queues.dead}")
		void deadLetter(String payload) {
			this.seen.record("dead:" + payload, null);
		}

	}

}
