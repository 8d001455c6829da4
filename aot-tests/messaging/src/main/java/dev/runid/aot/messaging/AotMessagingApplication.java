package dev.runid.aot.messaging;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A Spring MVC application that sends to Kafka, JMS and RabbitMQ from HTTP requests and
 * listens on each, started in AOT mode by {@code AotMessagingApplicationTests}.
 */
@SpringBootApplication
public class AotMessagingApplication {

	/**
	 * The Kafka topic and the JMS queue that the application sends to and listens on (the
	 * RabbitMQ queue is named by {@code aot.rabbit.queue}).
	 */
	static final String ORDERS = "aot-orders";

	public static void main(String[] args) {
		SpringApplication.run(AotMessagingApplication.class, args);
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
