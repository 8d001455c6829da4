package dev.runid.spring.kafka;

import java.nio.charset.StandardCharsets;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdKafkaProducerInterceptorTests {

	private final RunIdKafkaProducerInterceptor<String, String> interceptor = new RunIdKafkaProducerInterceptor<>(
			"X-Run-Id", "X-Parent-Run-Id");

	private final RunId child = RunId.fromString("child-1").withParent(RunId.fromString("parent-1"));

	@Test
	void addsTheRunAndItsParent() {
		ProducerRecord<String, String> record = new ProducerRecord<>("orders", "order");
		RunContext.run(this.child, () -> this.interceptor.onSend(record));
		assertThat(value(record, "X-Run-Id")).isEqualTo("child-1");
		assertThat(value(record, "X-Parent-Run-Id")).isEqualTo("parent-1");
	}

	@Test
	void aRunTheSenderNamesWinsAndGetsNoParent() {
		ProducerRecord<String, String> record = new ProducerRecord<>("orders", "order");
		record.headers().add("X-Run-Id", "named-1".getBytes(StandardCharsets.UTF_8));
		RunContext.run(this.child, () -> this.interceptor.onSend(record));
		assertThat(value(record, "X-Run-Id")).isEqualTo("named-1");
		assertThat(record.headers().lastHeader("X-Parent-Run-Id")).isNull();
	}

	@Test
	void nothingOutsideARun() {
		ProducerRecord<String, String> record = new ProducerRecord<>("orders", "order");
		this.interceptor.onSend(record);
		assertThat(record.headers().toArray()).isEmpty();
	}

	private static String value(ProducerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return new String(header.value(), StandardCharsets.UTF_8);
	}

}
