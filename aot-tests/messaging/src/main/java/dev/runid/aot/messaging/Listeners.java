package dev.runid.aot.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A listener per broker, each logging the payload it receives and recording the run it
 * runs in; per broker a listener that fails, whose messages are delivered again and then
 * end as dead letters, heard by a listener too (Kafka's {@code aot-failing-dlt}, the
 * Artemis broker's {@code DLQ}, RabbitMQ's dead-letter queue); and for Kafka and RabbitMQ
 * a batch listener. Spring JMS has no batch listeners: a JMS listener receives one
 * message at a time.
 */
@Component
class Listeners {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final Seen seen;

	Listeners(Seen seen) {
		this.seen = seen;
	}

	@KafkaListener(topics = AotMessagingApplication.ORDERS, groupId = "aot-messaging")
	void kafka(String payload) {
		logger.info("kafka listener received {}", payload);
		this.seen.record(payload);
	}

	@KafkaListener(topics = AotMessagingApplication.FAILING, groupId = "aot-failing")
	void failing(String payload) {
		this.seen.record(payload);
		throw new IllegalStateException("no stock for " + payload);
	}

	@KafkaListener(topics = AotMessagingApplication.FAILING + "-dlt", groupId = "aot-failing-dlt")
	void deadLetter(String payload) {
		this.seen.record("dlt:" + payload);
	}

	@KafkaListener(topics = AotMessagingApplication.BATCH, groupId = "aot-batch", containerFactory = "batchFactory")
	void batch(List<ConsumerRecord<String, String>> records) {
		for (ConsumerRecord<String, String> record : records) {
			Header header = record.headers().lastHeader("X-Run-Id");
			String sentIn = (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "none";
			this.seen.record("batch:" + record.value(), " header=" + sentIn);
		}
	}

	@JmsListener(destination = AotMessagingApplication.ORDERS)
	void jms(String payload) {
		logger.info("jms listener received {}", payload);
		this.seen.record(payload);
	}

	@JmsListener(destination = AotMessagingApplication.FAILING)
	void jmsFailing(String payload) {
		this.seen.record(payload);
		throw new IllegalStateException("no stock for " + payload);
	}

	@JmsListener(destination = AotMessagingApplication.JMS_DEAD_LETTERS)
	void jmsDeadLetter(String payload) {
		this.seen.record("dead:" + payload);
	}

	@RabbitListener(queues = "${aot.rabbit.queue}")
	void rabbit(String payload) {
		logger.info("rabbit listener received {}", payload);
		this.seen.record(payload);
	}

	@RabbitListener(queues = "${aot.rabbit.failing-queue}")
	void rabbitFailing(String payload) {
		this.seen.record(payload);
		throw new IllegalStateException("no stock for " + payload);
	}

	@RabbitListener(queues = "${aot.rabbit.dead-letter-queue}")
	void rabbitDeadLetter(String payload) {
		this.seen.record("dead:" + payload);
	}

	/**
	 * Receives the batches of its queue once the test starts its container.
	 */
	@RabbitListener(id = AotMessagingApplication.RABBIT_BATCH, queues = "${aot.rabbit.batch-queue}",
			containerFactory = "rabbitBatchFactory", autoStartup = "false")
	void rabbitBatch(List<Message> messages) {
		for (Message message : messages) {
			Object header = message.getMessageProperties().getHeader("X-Run-Id");
			String sentIn = (header != null) ? header.toString() : "none";
			this.seen.record("batch:" + new String(message.getBody(), StandardCharsets.UTF_8), " header=" + sentIn);
		}
	}

	/**
	 * Receives the batches that a {@code BatchingRabbitTemplate} made, taken apart.
	 */
	@RabbitListener(queues = "${aot.rabbit.producer-batch-queue}", containerFactory = "rabbitProducerBatchFactory")
	void rabbitProducerBatch(List<String> payloads) {
		for (String payload : payloads) {
			this.seen.record("producer-batch:" + payload);
		}
	}

}
