package dev.runid.spring.autoconfigure;

import dev.runid.RunIdGenerator;
import dev.runid.spring.kafka.RunIdKafkaPostProcessor;
import dev.runid.spring.registry.RunRecorder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the Kafka integration: every {@code KafkaTemplate} sends the
 * current run in record headers and every listener container factory runs each record's
 * listener in the record's run (a batch listener in a new run of its own).
 */
@AutoConfiguration(after = { RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class })
@ConditionalOnClass(name = "org.springframework.kafka.core.KafkaTemplate")
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.messaging.enabled", matchIfMissing = true)
@ImportRuntimeHints(RunIdKafkaRuntimeHints.class)
public final class RunIdKafkaAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static RunIdKafkaPostProcessor runIdKafkaPostProcessor(ObjectProvider<RunIdProperties> properties,
			ObjectProvider<RunIdGenerator> generator, ObjectProvider<RunRecorder> recorder) {
		SingletonSupplier<RunIdProperties> settings = SingletonSupplier.of(properties::getObject);
		return new RunIdKafkaPostProcessor(() -> settings.obtain().getHeaderName(),
				() -> settings.obtain().getParentHeaderName(),
				SingletonSupplier
					.of(() -> RunIdMessagingSupport.listening(settings.obtain(), settings.obtain().getHeaderName(),
							settings.obtain().getParentHeaderName(), generator, recorder)));
	}

}
