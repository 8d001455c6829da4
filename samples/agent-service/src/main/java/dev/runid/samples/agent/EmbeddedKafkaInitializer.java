package dev.runid.samples.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.utils.Exit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.StringUtils;

/**
 * Starts a single-node Kafka broker (spring-kafka-test's embedded KRaft broker) in the
 * application's JVM unless {@code spring.kafka.bootstrap-servers} is set, and points
 * Boot's Kafka support at it; stops it when the application context is closed, after the
 * beans that use it, or when the application fails to start. So the sample runs with
 * {@code java -jar} and no broker installed; with the property set, it uses that broker.
 * Registered in {@code META-INF/spring.factories}, so it runs before any bean is created.
 * <p>
 * A convenience of the sample, not a pattern for production: it puts spring-kafka-test on
 * the application's class path, uses Kafka's internal {@code Exit} class and does not
 * look at Boot's service connections. An application sets
 * {@code spring.kafka.bootstrap-servers} (or uses a service connection in its tests).
 */
public final class EmbeddedKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * The property that, when set, keeps the embedded broker from starting.
	 */
	public static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

	// set by Spring's AOT processors while they process the application at build time
	private static final String AOT_PROCESSING = "spring.aot.processing";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedKafkaInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (StringUtils.hasText(environment.getProperty(BOOTSTRAP_SERVERS)) || Boolean.getBoolean(AOT_PROCESSING)) {
			// a broker is configured; or the AOT processing refreshes the context without
			// running it (in AOT mode at run time the broker starts as usual)
			return;
		}
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		// Kafka's test kit deletes the broker's directories in JVM shutdown hooks of its
		// own, which on Ctrl+C would run while the broker still writes to them: keep
		// those hooks and run them once the broker has stopped (stopping deletes the
		// directories too; the hooks are a safety net)
		List<Runnable> deleteDirectories = new ArrayList<>();
		Exit.setShutdownHookAdder((name, hook) -> deleteDirectories.add(hook));
		try {
			broker.afterPropertiesSet();
		}
		finally {
			Exit.resetShutdownHookAdder();
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embedded-kafka", Map.of(BOOTSTRAP_SERVERS, broker.getBrokersAsString())));
		AtomicBoolean stopped = new AtomicBoolean();
		Runnable stop = () -> {
			if (stopped.compareAndSet(false, true)) {
				broker.destroy();
				deleteDirectories.forEach(Runnable::run);
			}
		};
		// stopped after every bean, the listener containers and the producers included,
		// so that none of them loses its broker while it shuts down: the first disposable
		// bean registered is the last destroyed
		if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry beans) {
			beans.registerDisposableBean("embeddedKafkaBroker", stop::run);
		}
		// a start that fails before the context is refreshed destroys no bean, so the
		// broker would run on: stop it when the start fails (once, whichever comes first)
		context.addApplicationListener((event) -> {
			if (event instanceof ApplicationFailedEvent) {
				stop.run();
			}
		});
		logger.info("embedded_kafka_started bootstrap_servers={} (set {} to use your own broker)",
				broker.getBrokersAsString(), BOOTSTRAP_SERVERS);
	}

}
