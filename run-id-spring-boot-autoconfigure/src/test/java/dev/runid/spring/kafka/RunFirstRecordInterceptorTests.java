package dev.runid.spring.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdGenerator;
import dev.runid.spring.messaging.RunIdMessageListening;
import dev.runid.spring.web.RunIdInboundResolver;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.RecordInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

/**
 * Run-id's record interceptor around the application's: every hook of the application's
 * runs in the record's run, and nothing is left on the thread after the record.
 */
class RunFirstRecordInterceptorTests {

	@SuppressWarnings("unchecked")
	private final Consumer<String, String> consumer = mock(Consumer.class);

	private final RunIdKafkaRecordInterceptor<String, String> runId = new RunIdKafkaRecordInterceptor<>(
			new RunIdMessageListening(
					() -> new RunIdInboundResolver(RunIdGenerator.uuid7(), "X-Run-Id", "X-Parent-Run-Id", true, false),
					() -> null));

	@AfterEach
	void nothingLeft() {
		assertThat(RunContext.current()).isEmpty();
	}

	@Test
	void everyHookOfTheApplicationRunsInTheRecordsRun() {
		Recording application = new Recording();
		RunFirstRecordInterceptor<String, String> interceptor = new RunFirstRecordInterceptor<>(this.runId,
				application);
		ConsumerRecord<String, String> record = record("run-7");
		assertThat(interceptor.intercept(record, this.consumer)).isSameAs(record);
		interceptor.failure(record, new IllegalStateException("boom"), this.consumer);
		interceptor.afterRecord(record, this.consumer);
		assertThat(application.seen).containsExactly("intercept run-7", "failure run-7", "afterRecord run-7");
		interceptor.intercept(record("run-8"), this.consumer);
		interceptor.success(record("run-8"), this.consumer);
		interceptor.afterRecord(record("run-8"), this.consumer);
		assertThat(application.seen).endsWith("success run-8", "afterRecord run-8");
	}

	@Test
	void aRunTheApplicationEntersForTheRecordIsNestedInTheRecordsRun() {
		RecordInterceptor<String, String> application = new RecordInterceptor<>() {

			private @Nullable RunContext own;

			@Override
			public ConsumerRecord<String, String> intercept(ConsumerRecord<String, String> record,
					Consumer<String, String> consumer) {
				this.own = RunContext.enter(RunId.fromString("own"));
				return record;
			}

			@Override
			public void afterRecord(ConsumerRecord<String, String> record, Consumer<String, String> consumer) {
				this.own.close();
			}

		};
		RunFirstRecordInterceptor<String, String> interceptor = new RunFirstRecordInterceptor<>(this.runId,
				application);
		interceptor.intercept(record("run-9"), this.consumer);
		assertThat(RunContext.current()).map(RunId::value).hasValue("own");
		interceptor.afterRecord(record("run-9"), this.consumer);
	}

	@Test
	void aRecordTheApplicationSkipsLeavesNoRun() {
		RecordInterceptor<String, String> skipping = (record, consumer) -> null;
		RunFirstRecordInterceptor<String, String> interceptor = new RunFirstRecordInterceptor<>(this.runId, skipping);
		assertThat(interceptor.intercept(record("run-10"), this.consumer)).isNull();
	}

	@Test
	void anApplicationInterceptThatThrowsLeavesNoRun() {
		RecordInterceptor<String, String> throwing = (record, consumer) -> {
			throw new IllegalStateException("boom");
		};
		RunFirstRecordInterceptor<String, String> interceptor = new RunFirstRecordInterceptor<>(this.runId, throwing);
		assertThatIllegalStateException().isThrownBy(() -> interceptor.intercept(record("run-11"), this.consumer))
			.withMessage("boom");
	}

	private static ConsumerRecord<String, String> record(String run) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("orders", 0, 0, "key", "value");
		record.headers().add("X-Run-Id", run.getBytes(StandardCharsets.UTF_8));
		return record;
	}

	static final class Recording implements RecordInterceptor<String, String> {

		final List<String> seen = new ArrayList<>();

		@Override
		public ConsumerRecord<String, String> intercept(ConsumerRecord<String, String> record,
				Consumer<String, String> consumer) {
			this.seen.add("intercept " + current());
			return record;
		}

		@Override
		public void success(ConsumerRecord<String, String> record, Consumer<String, String> consumer) {
			this.seen.add("success " + current());
		}

		@Override
		public void failure(ConsumerRecord<String, String> record, Exception exception,
				Consumer<String, String> consumer) {
			this.seen.add("failure " + current());
		}

		@Override
		public void afterRecord(ConsumerRecord<String, String> record, Consumer<String, String> consumer) {
			this.seen.add("afterRecord " + current());
		}

		private static String current() {
			return RunContext.current().map(RunId::value).orElse("-");
		}

	}

}
