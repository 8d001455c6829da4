package dev.runid.spring.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import dev.runid.RunId;
import dev.runid.RunIdGenerator;
import dev.runid.spring.messaging.RunIdMessageListening;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.registry.RunRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listening side of the brokers looks the run recorder up once, not with every
 * message.
 */
class RunIdMessagingSupportTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class));

	@Test
	void looksTheRecorderUpOnceAndRecordsEveryMessage() {
		this.contextRunner.run((context) -> {
			Counting<RunRecorder> recorder = new Counting<>(context.getBeanProvider(RunRecorder.class));
			RunIdMessageListening listening = RunIdMessagingSupport.listening(context.getBean(RunIdProperties.class),
					"X-Run-Id", "X-Parent-Run-Id", context.getBeanProvider(RunIdGenerator.class), recorder);
			RunId first = RunId.generate();
			RunId second = RunId.generate();
			receive(listening, first);
			receive(listening, second);
			receive(listening, first);
			assertThat(recorder.lookups).hasValue(1);
			RunRegistry registry = context.getBean(RunRegistry.class);
			assertThat(registry.find(first.value())).isPresent();
			assertThat(registry.find(second.value())).isPresent();
		});
	}

	@Test
	void looksUpOnceThatThereIsNoRecorder() {
		this.contextRunner.withPropertyValues("run-id.registry.enabled=false").run((context) -> {
			Counting<RunRecorder> recorder = new Counting<>(context.getBeanProvider(RunRecorder.class));
			RunIdMessageListening listening = RunIdMessagingSupport.listening(context.getBean(RunIdProperties.class),
					"X-Run-Id", "X-Parent-Run-Id", context.getBeanProvider(RunIdGenerator.class), recorder);
			receive(listening, RunId.generate());
			receive(listening, RunId.generate());
			assertThat(recorder.lookups).hasValue(1);
		});
	}

	private static void receive(RunIdMessageListening listening, RunId run) {
		try (RunIdMessageListening.Entry entry = listening.enter(run.value(), false, null, false, "orders")) {
			assertThat(entry.runId()).isEqualTo(run);
		}
	}

	/**
	 * An object provider that counts how often it is asked.
	 */
	private static final class Counting<T> implements ObjectProvider<T> {

		private final ObjectProvider<T> delegate;

		final AtomicInteger lookups = new AtomicInteger();

		Counting(ObjectProvider<T> delegate) {
			this.delegate = delegate;
		}

		@Override
		public T getObject(Object... args) {
			this.lookups.incrementAndGet();
			return this.delegate.getObject(args);
		}

		@Override
		public @Nullable T getIfAvailable() {
			this.lookups.incrementAndGet();
			return this.delegate.getIfAvailable();
		}

		@Override
		public @Nullable T getIfUnique() {
			this.lookups.incrementAndGet();
			return this.delegate.getIfUnique();
		}

		@Override
		public T getObject() {
			this.lookups.incrementAndGet();
			return this.delegate.getObject();
		}

	}

}
