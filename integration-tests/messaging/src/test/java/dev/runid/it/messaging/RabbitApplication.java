package dev.runid.it.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.ListenerContainerIdleEvent;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An application that publishes to a RabbitMQ server from an HTTP endpoint and listens: a
 * listener that calls a real downstream server, a failing one that Boot's retry
 * interceptor calls again before its message goes to a dead-letter queue, a batch
 * listener whose container gathers the batches, one that gets the batches a
 * {@code BatchingRabbitTemplate} makes, and a listener whose container's thread is
 * watched while it is idle. Queue names are unique per test run ({@code queues.*}
 * properties), and the queues go when the application stops.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ RabbitApplication.SendController.class, RabbitApplication.Listeners.class })
class RabbitApplication {

	static final String PROBED = "probed";

	/**
	 * The ID of the batch listener, whose container starts with the application unless
	 * {@code batch.auto-startup} is {@code false}.
	 */
	static final String BATCH = "batch";

	@Bean
	Seen seen() {
		return new Seen();
	}

	@Bean
	Declarables queues(Environment environment) {
		String orders = environment.getRequiredProperty("queues.orders");
		String failing = environment.getRequiredProperty("queues.failing");
		String dead = environment.getRequiredProperty("queues.dead");
		String batch = environment.getRequiredProperty("queues.batch");
		String producerBatch = environment.getRequiredProperty("queues.producer-batch");
		String probed = environment.getRequiredProperty("queues.probed");
		Queue failingQueue = QueueBuilder.nonDurable(failing)
			.autoDelete()
			.deadLetterExchange("")
			.deadLetterRoutingKey(dead)
			.build();
		return new Declarables(QueueBuilder.nonDurable(orders).autoDelete().build(), failingQueue,
				QueueBuilder.nonDurable(dead).autoDelete().build(), QueueBuilder.nonDurable(batch).autoDelete().build(),
				QueueBuilder.nonDurable(probed).autoDelete().build(),
				QueueBuilder.nonDurable(producerBatch).autoDelete().build());
	}

	/**
	 * A factory whose containers hand the listener a list of up to ten messages, as many
	 * as arrive within the receive timeout.
	 */
	@Bean
	SimpleRabbitListenerContainerFactory batchFactory(SimpleRabbitListenerContainerFactoryConfigurer configurer,
			ConnectionFactory connectionFactory) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setConsumerBatchEnabled(true);
		factory.setBatchSize(10);
		return factory;
	}

	/**
	 * A factory of batch listeners whose containers hand on a batch that a
	 * {@code BatchingRabbitTemplate} made as it arrived, one message, for the listener's
	 * adapter to take apart ({@code spring.rabbitmq.listener.simple.de-batching-enabled}
	 * off; with it on, the container takes it apart and hands on a list).
	 */
	@Bean
	SimpleRabbitListenerContainerFactory producerBatchFactory(SimpleRabbitListenerContainerFactoryConfigurer configurer,
			ConnectionFactory connectionFactory) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setBatchListener(true);
		factory.setDeBatchingEnabled(false);
		return factory;
	}

	@Bean
	IdleThreads idleThreads() {
		return new IdleThreads();
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

		final Map<String, List<String>> batches = new ConcurrentHashMap<>();

		final Map<String, Step> after = new ConcurrentHashMap<>();

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

		/**
		 * Records, per message, the run current in the listener and the run header of the
		 * message; and, per batch, its messages with their run headers. A test that needs
		 * a batch of several messages starts it once they are in the queue.
		 */
		@RabbitListener(id = BATCH, queues = "${queues.batch}", containerFactory = "batchFactory",
				autoStartup = "${batch.auto-startup:true}")
		void batch(List<Message> messages) {
			String runId = RunContext.current().map(RunId::value).orElse("-");
			this.batches.put(runId,
					messages.stream().map((message) -> payload(message) + "=" + header(message)).toList());
			for (Message message : messages) {
				this.seen.record("batch:" + payload(message), header(message));
			}
		}

		@RabbitListener(queues = "${queues.producer-batch}", containerFactory = "producerBatchFactory")
		void producerBatch(List<String> payloads) {
			for (String payload : payloads) {
				this.seen.record("producer-batch:" + payload, null);
			}
		}

		/**
		 * Records the run current in the listener, the run header of the message, and the
		 * last step of the listener on its thread (one consumer, so one thread).
		 */
		@RabbitListener(id = PROBED, queues = "${queues.probed}")
		void probed(Message message) {
			String payload = payload(message);
			this.seen.record(payload, header(message));
			this.after.put(payload, Step.now());
		}

		private static String payload(Message message) {
			return new String(message.getBody(), StandardCharsets.UTF_8);
		}

		private static @Nullable String header(Message message) {
			Object value = message.getMessageProperties().getHeader("X-Run-Id");
			return (value != null) ? value.toString() : null;
		}

	}

	/**
	 * The run and MDC of the consumer thread of the probed listener while its container
	 * is idle (Spring AMQP publishes the idle event on the consumer thread), that is,
	 * what the messages before left on it.
	 */
	static final class IdleThreads {

		final List<Step> steps = new CopyOnWriteArrayList<>();

		@EventListener
		void idle(ListenerContainerIdleEvent event) {
			if (PROBED.equals(event.getListenerId())) {
				this.steps.add(Step.now());
			}
		}

	}

}
