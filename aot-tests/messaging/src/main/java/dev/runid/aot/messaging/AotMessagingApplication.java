package dev.runid.aot.messaging;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
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
 * listens on each, also with a failing listener whose messages are delivered again and
 * then go to a dead letter destination, and (for Kafka and RabbitMQ) a batch listener,
 * with Micrometer Tracing on Brave, started in AOT mode by
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
	 * The Kafka topic and the JMS queue of the failing listeners; the Kafka dead letters
	 * go to {@code aot-failing-dlt}, the JMS ones to {@link #JMS_DEAD_LETTERS} (the
	 * RabbitMQ queue is named by {@code aot.rabbit.failing-queue}).
	 */
	static final String FAILING = "aot-failing";

	/**
	 * The queue of the embedded Artemis broker that its dead letters go to (Boot's
	 * default).
	 */
	static final String JMS_DEAD_LETTERS = "DLQ";

	/**
	 * The ID of the RabbitMQ batch listener, whose container the test starts once its
	 * queue holds the messages of one batch.
	 */
	static final String RABBIT_BATCH = "aot-rabbit-batch";

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
	 * The embedded Artemis broker delivers a message three times (the first delivery and
	 * two after a rollback), then moves it to {@link #JMS_DEAD_LETTERS}, where Boot sends
	 * the dead letters of every address ({@code #}).
	 */
	@Bean
	ArtemisConfigurationCustomizer threeDeliveries() {
		return (configuration) -> configuration.getAddressSettings().get("#").setMaxDeliveryAttempts(3);
	}

	/**
	 * The RabbitMQ queues, named per test run ({@code aot.rabbit.*}), which go when the
	 * application stops; declared when the first connection opens. What the failing
	 * listener rejects goes to the dead-letter queue.
	 */
	@Bean
	Declarables rabbitQueues(Environment environment) {
		String deadLetters = environment.getRequiredProperty("aot.rabbit.dead-letter-queue");
		return new Declarables(
				QueueBuilder.nonDurable(environment.getRequiredProperty("aot.rabbit.queue")).autoDelete().build(),
				QueueBuilder.nonDurable(environment.getRequiredProperty("aot.rabbit.failing-queue"))
					.autoDelete()
					.deadLetterExchange("")
					.deadLetterRoutingKey(deadLetters)
					.build(),
				QueueBuilder.nonDurable(deadLetters).autoDelete().build(),
				QueueBuilder.nonDurable(environment.getRequiredProperty("aot.rabbit.batch-queue")).autoDelete().build(),
				QueueBuilder.nonDurable(environment.getRequiredProperty("aot.rabbit.producer-batch-queue"))
					.autoDelete()
					.build());
	}

	/**
	 * The application's own RabbitMQ container factory, for batch listeners: its
	 * containers hand the listener up to ten messages at once, as many as arrive within
	 * the receive timeout. run-id adds its advice to it as to Boot's.
	 */
	@Bean
	SimpleRabbitListenerContainerFactory rabbitBatchFactory(SimpleRabbitListenerContainerFactoryConfigurer configurer,
			ConnectionFactory connectionFactory) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setConsumerBatchEnabled(true);
		factory.setBatchSize(10);
		return factory;
	}

	/**
	 * The application's own RabbitMQ container factory for batch listeners of the batches
	 * that a {@code BatchingRabbitTemplate} makes: its containers hand on such a batch as
	 * it arrives, one message, for the listener's adapter to take apart.
	 */
	@Bean
	SimpleRabbitListenerContainerFactory rabbitProducerBatchFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setBatchListener(true);
		factory.setDeBatchingEnabled(false);
		return factory;
	}

}
