package dev.runid.spring.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdGenerator;
import dev.runid.spring.messaging.RunIdMessageListening;
import dev.runid.spring.web.RunIdInboundResolver;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.BatchInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

/**
 * Run-id's batch interceptor around the application's: every hook of the application runs
 * in the batch's run, and nothing is left on the thread after the batch.
 */
class RunFirstBatchInterceptorTests {

	@SuppressWarnings("unchecked")
	private final Consumer<String, String> consumer = mock(Consumer.class);

	private final RunIdKafkaBatchInterceptor<String, String> runId = new RunIdKafkaBatchInterceptor<>(
			new RunIdMessageListening(
					() -> new RunIdInboundResolver(RunIdGenerator.uuid7(), "X-Run-Id", "X-Parent-Run-Id", true, false),
					() -> null));

	@AfterEach
	void nothingLeft() {
		assertThat(RunContext.current()).isEmpty();
	}

	@Test
	void everyHookOfTheApplicationRunsInTheBatchsRun() {
		Recording application = new Recording();
		RunFirstBatchInterceptor<String, String> interceptor = new RunFirstBatchInterceptor<>(this.runId, application);
		ConsumerRecords<String, String> records = records();
		assertThat(interceptor.intercept(records, this.consumer)).isSameAs(records);
		interceptor.failure(records, new IllegalStateException("boom"), this.consumer);
		assertThat(application.seen).hasSize(2);
		assertThat(application.seen.get(0)).startsWith("intercept ").isNotEqualTo("intercept -");
		assertThat(application.seen.get(1)).isEqualTo(application.seen.get(0).replace("intercept", "failure"));
		interceptor.intercept(records, this.consumer);
		interceptor.success(records, this.consumer);
		assertThat(application.seen.get(3)).startsWith("success ")
			.isEqualTo(application.seen.get(2).replace("intercept", "success"))
			.isNotEqualTo("success -");
	}

	@Test
	void aBatchTheApplicationSkipsLeavesNoRun() {
		BatchInterceptor<String, String> skipping = (records, consumer) -> null;
		RunFirstBatchInterceptor<String, String> interceptor = new RunFirstBatchInterceptor<>(this.runId, skipping);
		assertThat(interceptor.intercept(records(), this.consumer)).isNull();
	}

	@Test
	void anApplicationInterceptThatThrowsLeavesNoRun() {
		BatchInterceptor<String, String> throwing = (records, consumer) -> {
			throw new IllegalStateException("boom");
		};
		RunFirstBatchInterceptor<String, String> interceptor = new RunFirstBatchInterceptor<>(this.runId, throwing);
		assertThatIllegalStateException().isThrownBy(() -> interceptor.intercept(records(), this.consumer))
			.withMessage("boom");
	}

	private static ConsumerRecords<String, String> records() {
		TopicPartition partition = new TopicPartition("orders", 0);
		return new ConsumerRecords<>(Map.of(partition, List.of(new ConsumerRecord<>("orders", 0, 0, "key", "value"))),
				Map.of());
	}

	static final class Recording implements BatchInterceptor<String, String> {

		final List<String> seen = new ArrayList<>();

		@Override
		public ConsumerRecords<String, String> intercept(ConsumerRecords<String, String> records,
				Consumer<String, String> consumer) {
			this.seen.add("intercept " + current());
			return records;
		}

		@Override
		public void success(ConsumerRecords<String, String> records, Consumer<String, String> consumer) {
			this.seen.add("success " + current());
		}

		@Override
		public void failure(ConsumerRecords<String, String> records, Exception exception,
				Consumer<String, String> consumer) {
			this.seen.add("failure " + current());
		}

		private static String current() {
			return RunContext.current().map(RunId::value).orElse("-");
		}

	}

}
