package dev.runid.aot.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A listener per broker, each logging the payload it receives and recording the run it
 * runs in; and for Kafka, a listener that fails (its retries and dead letters end in
 * {@code aot-failing-dlt}, heard by a listener too) and a batch listener.
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

	@RabbitListener(queues = "${aot.rabbit.queue}")
	void rabbit(String payload) {
		logger.info("rabbit listener received {}", payload);
		this.seen.record(payload);
	}

}
