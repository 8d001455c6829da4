package dev.runid.it.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An application that sends to an embedded Artemis broker from an HTTP endpoint and
 * listens: a listener that calls a real downstream server, and a failing one whose
 * messages the broker delivers again, then moves to its dead-letter queue.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ JmsApplication.SendController.class, JmsApplication.Listeners.class })
class JmsApplication {

	static final String ORDERS = "orders";

	static final String FAILING = "failing";

	@Bean
	Seen seen() {
		return new Seen();
	}

	@RestController
	static class SendController {

		private final JmsTemplate template;

		SendController(JmsTemplate template) {
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

		@JmsListener(destination = ORDERS, concurrency = "3")
		void order(String payload) {
			logger.info("handled order {}", payload);
			Span span = this.tracer.currentSpan();
			if (span != null) {
				this.traceIds.put(payload, span.context().traceId());
			}
			String received = this.downstream.get().uri("/orders").retrieve().body(String.class);
			this.seen.record(payload, received);
		}

		@JmsListener(destination = FAILING)
		void fail(String payload) {
			this.seen.record(payload, null);
			throw new IllegalStateException("no stock for " + payload);
		}

		@JmsListener(destination = "DLQ")
		void deadLetter(Message message) throws JMSException {
			this.seen.record("dlq:" + ((TextMessage) message).getText(), null);
		}

	}

}
