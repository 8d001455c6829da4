package dev.runid.it.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jms.autoconfigure.DefaultJmsListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An application that sends to an embedded Artemis broker from an HTTP endpoint and
 * listens: a listener that calls a real downstream server, a failing one whose messages
 * the broker delivers again, then moves to its dead-letter queue, and two listeners whose
 * container threads are watched while they are idle: a {@code @JmsListener} method and a
 * plain {@code MessageListener} of a container bean that does not expose its session.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ JmsApplication.SendController.class, JmsApplication.Listeners.class })
class JmsApplication {

	static final String ORDERS = "orders";

	static final String FAILING = "failing";

	static final String PROBED = "probed";

	static final String PLAIN = "plain";

	@Bean
	Seen seen() {
		return new Seen();
	}

	@Bean
	IdleThreads idleThreads() {
		return new IdleThreads();
	}

	/**
	 * A factory of containers whose threads are watched while idle.
	 */
	@Bean
	DefaultJmsListenerContainerFactory probedFactory(DefaultJmsListenerContainerFactoryConfigurer configurer,
			ConnectionFactory connectionFactory, IdleThreads idleThreads) {
		DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory() {

			@Override
			protected DefaultMessageListenerContainer createContainerInstance() {
				return new ProbedContainer(idleThreads);
			}

		};
		configurer.configure(factory, connectionFactory);
		factory.setConcurrency("1");
		return factory;
	}

	/**
	 * A container bean of a plain {@code MessageListener} that does not expose its
	 * session to the listener: the container would open a connection for each message to
	 * call a session-aware listener with, and the listener counts the connections.
	 */
	@Bean
	DefaultMessageListenerContainer plainContainer(ConnectionFactory connectionFactory, IdleThreads idleThreads,
			Seen seen) {
		CountingConnectionFactory counting = new CountingConnectionFactory(connectionFactory);
		DefaultMessageListenerContainer container = new ProbedContainer(idleThreads);
		container.setConnectionFactory(counting);
		container.setDestinationName(PLAIN);
		container.setExposeListenerSession(false);
		container.setMessageListener((MessageListener) (message) -> {
			String payload = text(message);
			seen.record(payload, property(message));
			idleThreads.connections.put(payload, counting.connections.get());
			idleThreads.after.put(payload, Step.now());
		});
		return container;
	}

	private static String text(Message message) {
		try {
			return ((TextMessage) message).getText();
		}
		catch (JMSException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable String property(Message message) {
		try {
			return message.getStringProperty("runId");
		}
		catch (JMSException ex) {
			throw new IllegalStateException(ex);
		}
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

		private final IdleThreads idleThreads;

		final Map<String, String> traceIds = new ConcurrentHashMap<>();

		Listeners(Seen seen, RestClient.Builder builder, Environment environment, Tracer tracer,
				IdleThreads idleThreads) {
			this.seen = seen;
			this.idleThreads = idleThreads;
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

		/**
		 * Records the run current in the listener, the run property of the message, and
		 * the last step of the listener on its thread (one consumer, so one thread).
		 */
		@JmsListener(destination = PROBED, containerFactory = "probedFactory")
		void probed(Message message) {
			String payload = text(message);
			this.seen.record(payload, property(message));
			this.idleThreads.after.put(payload, Step.now());
		}

	}

	/**
	 * The last step of the watched listeners, per payload, and the run and MDC of their
	 * containers' threads each time they wait for a message in vain (on the thread that
	 * waited), that is, what the messages before left on them.
	 */
	static final class IdleThreads {

		final Map<String, Step> after = new ConcurrentHashMap<>();

		final Map<String, Integer> connections = new ConcurrentHashMap<>();

		final List<Step> steps = new CopyOnWriteArrayList<>();

	}

	/**
	 * A container that tells when it waited for a message in vain.
	 */
	static final class ProbedContainer extends DefaultMessageListenerContainer {

		private final IdleThreads idleThreads;

		ProbedContainer(IdleThreads idleThreads) {
			this.idleThreads = idleThreads;
			setReceiveTimeout(100);
		}

		@Override
		protected void noMessageReceived(Object invoker, Session session) {
			super.noMessageReceived(invoker, session);
			this.idleThreads.steps.add(Step.now());
		}

	}

	/**
	 * Counts the connections a container opens.
	 */
	static final class CountingConnectionFactory implements ConnectionFactory {

		private final ConnectionFactory delegate;

		final AtomicInteger connections = new AtomicInteger();

		CountingConnectionFactory(ConnectionFactory delegate) {
			this.delegate = delegate;
		}

		@Override
		public Connection createConnection() throws JMSException {
			this.connections.incrementAndGet();
			return this.delegate.createConnection();
		}

		@Override
		public Connection createConnection(String userName, String password) throws JMSException {
			this.connections.incrementAndGet();
			return this.delegate.createConnection(userName, password);
		}

		@Override
		public JMSContext createContext() {
			return this.delegate.createContext();
		}

		@Override
		public JMSContext createContext(String userName, String password) {
			return this.delegate.createContext(userName, password);
		}

		@Override
		public JMSContext createContext(String userName, String password, int sessionMode) {
			return this.delegate.createContext(userName, password, sessionMode);
		}

		@Override
		public JMSContext createContext(int sessionMode) {
			return this.delegate.createContext(sessionMode);
		}

	}

}
