package dev.runid.aot.messaging;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A Spring MVC application that sends to Kafka, JMS and RabbitMQ from HTTP requests and
 * listens on each (for Kafka also with a failing listener, retries and dead letters, and
 * a batch listener), with Micrometer Tracing on Brave, started in AOT mode by
 * {@code AotMessagingApplicationTests}.
 */
@SpringBootApplication
public class AotMessagingApplication {

	/**
	 * The Kafka topic and the JMS queue that the application sends to and listens on (the
	 * RabbitMQ queue is named by {@code aot.rabbit.queue}).
	 */
	static final String ORDERS = "aot-orders";

	/**
	 * The Kafka topic of the failing listener; its dead letters go to
	 * {@code aot-failing-dlt}.
	 */
	static final String FAILING = "aot-failing";

	/**
	 * The Kafka topic of the batch listener.
	 */
	static final String BATCH = "aot-batch";

	public static void main(String[] args) {
		SpringApplication.run(AotMessagingApplication.class, args);
	}

	/**
	 * The error handler of the Kafka listeners, which Boot sets on its container factory:
	 * two retries, then the record goes to the dead-letter topic ({@code <topic>-dlt}).
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {
		return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template), new FixedBackOff(0, 2));
	}

	/**
	 * The application's own container factory, for batch listeners: run-id adds its batch
	 * interceptor to it as to Boot's.
	 */
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

	/**
	 * The RabbitMQ queue, named per test run ({@code aot.rabbit.queue}), which goes when
	 * the application stops; declared when the first connection opens.
	 */
	@Bean
	Queue rabbitOrders(Environment environment) {
		return QueueBuilder.nonDurable(environment.getRequiredProperty("aot.rabbit.queue")).autoDelete().build();
	}

}
