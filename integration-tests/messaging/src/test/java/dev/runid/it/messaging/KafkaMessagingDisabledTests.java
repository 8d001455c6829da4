package dev.runid.it.messaging;

import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code run-id.messaging.enabled=false} a record sent in a run carries no run, and
 * the listener runs in none.
 */
@SpringBootTest(classes = KafkaApplication.class,
		properties = { "run-id.messaging.enabled=false",
				"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.kafka.consumer.auto-offset-reset=earliest",
				"spring.kafka.consumer.key-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
				"spring.kafka.consumer.value-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
				"spring.jms.listener.auto-startup=false", "spring.rabbitmq.listener.simple.auto-startup=false" })
@EmbeddedKafka(partitions = 1, topics = { KafkaApplication.ORDERS, KafkaApplication.FAILING,
		KafkaApplication.FAILING + "-dlt", KafkaApplication.BATCH })
class KafkaMessagingDisabledTests {

	static final Downstream downstream = Downstream.start();

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		registry.add("downstream.url", () -> downstream.url("127.0.0.1"));
	}

	@AfterAll
	static void stopDownstream() {
		downstream.close();
	}

	@Autowired
	KafkaTemplate<Object, Object> template;

	@Autowired
	Seen seen;

	@Autowired
	KafkaApplication.AfterRecord afterRecord;

	@Test
	void neitherSendsNorReceivesTheRun() throws Exception {
		RunId run = RunId.generate();
		try (RunContext scope = RunContext.enter(run)) {
			this.template.send(KafkaApplication.ORDERS, "off-1").get(30, TimeUnit.SECONDS);
		}
		Seen.Visit visit = this.seen.take("off-1");
		assertThat(visit.runId()).isNull();
		assertThat(visit.mdcRunId()).isNull();
		assertThat(visit.downstream()).isNullOrEmpty();
		assertThat(this.afterRecord.intercepted.get("off-1")).isEqualTo("-");
	}

}
