package dev.runid.aot.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A listener per broker, each logging the payload it receives and recording the run it
 * runs in.
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
