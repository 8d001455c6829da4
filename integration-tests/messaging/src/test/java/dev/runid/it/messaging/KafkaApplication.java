package dev.runid.it.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An application that sends to Kafka from an HTTP endpoint and listens: single records
 * (which call a real downstream server), a failing listener with retries and a
 * dead-letter topic, and a batch listener.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ KafkaApplication.SendController.class, KafkaApplication.Listeners.class })
class KafkaApplication {

	static final String ORDERS = "orders";

	static final String FAILING = "failing";

	static final String BATCH = "batch";

	@Bean
	Seen seen() {
		return new Seen();
	}

	@Bean
	DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
		// two retries, then the dead-letter topic "failing-dlt"
		return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template), new FixedBackOff(0, 2));
	}

	/**
	 * The application's own record interceptor: Boot sets it on the container factory,
	 * and run-id's wraps it, so that all its hooks run in the record's run.
	 */
	@Bean
	AfterRecord afterRecord() {
		return new AfterRecord();
	}

	@Bean
	IdleThreads idleThreads() {
		return new IdleThreads();
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> batchFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConsumerFactory<Object, Object> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		factory.setBatchListener(true);
		factory.setCommonErrorHandler(null);
		return factory;
	}

	@RestController
	static class SendController {

		private final KafkaTemplate<Object, Object> template;

		SendController(KafkaTemplate<Object, Object> template) {
			this.template = template;
		}

		@PostMapping("/send/{topic}")
		String send(@PathVariable String topic, @RequestBody String payload) throws Exception {
			this.template.send(topic, payload).get(30, TimeUnit.SECONDS);
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

		Listeners(Seen seen, RestClient.Builder builder, Environment environment, Tracer tracer) {
			this.seen = seen;
			this.downstream = builder.baseUrl(environment.getRequiredProperty("downstream.url")).build();
			this.tracer = tracer;
		}

		@KafkaListener(topics = ORDERS, groupId = "orders", concurrency = "3")
		void order(ConsumerRecord<String, String> record) {
			logger.info("handled order {}", record.value());
			io.micrometer.tracing.Span span = this.tracer.currentSpan();
			if (span != null) {
				this.traceIds.put(record.value(), span.context().traceId());
			}
			String received = this.downstream.get().uri("/orders").retrieve().body(String.class);
			this.seen.record(record.value(), received);
		}

		@KafkaListener(topics = FAILING, groupId = "failing")
		void fail(ConsumerRecord<String, String> record) {
			this.seen.record(record.value(), null);
			throw new IllegalStateException("no stock for " + record.value());
		}

		@KafkaListener(topics = FAILING + "-dlt", groupId = "failing-dlt")
		void deadLetter(ConsumerRecord<String, String> record) {
			this.seen.record("dlt:" + record.value(), null);
		}

		@KafkaListener(topics = BATCH, groupId = "batch", containerFactory = "batchFactory")
		void batch(List<ConsumerRecord<String, String>> records) {
			String runId = RunContext.current().map(RunId::value).orElse("-");
			this.batches.put(runId,
					records.stream()
						.map((record) -> record.value() + "=" + header(record))
						.collect(Collectors.toList()));
			for (ConsumerRecord<String, String> record : records) {
				this.seen.record("batch:" + record.value(), header(record));
			}
		}

		private static @Nullable String header(ConsumerRecord<String, String> record) {
			org.apache.kafka.common.header.Header header = record.headers().lastHeader("X-Run-Id");
			return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
		}

	}

	/**
	 * Records, per payload, the run its interceptor saw when it intercepted the record
	 * and after it.
	 */
	static final class AfterRecord implements RecordInterceptor<Object, Object> {

		final Map<Object, String> intercepted = new ConcurrentHashMap<>();

		final Map<Object, Step> after = new ConcurrentHashMap<>();

		@Override
		public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
				Consumer<Object, Object> consumer) {
			this.intercepted.put(record.value(), RunContext.current().map(RunId::value).orElse("-"));
			return record;
		}

		@Override
		public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
			this.after.put(record.value(), Step.now());
		}

	}

	/**
	 * The run and MDC of the consumer threads while their containers are idle (Spring
	 * Kafka publishes the idle event on the consumer thread), that is, what the records
	 * before left on them.
	 */
	static final class IdleThreads {

		final List<Step> steps = new CopyOnWriteArrayList<>();

		@EventListener
		void idle(ListenerContainerIdleEvent event) {
			this.steps.add(Step.now());
		}

	}

}
