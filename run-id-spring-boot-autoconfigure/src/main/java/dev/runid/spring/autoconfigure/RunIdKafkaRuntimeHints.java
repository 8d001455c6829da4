package dev.runid.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Native-image hints of the Kafka integration: {@code RunIdKafkaPostProcessor} reads the
 * producer interceptor that a {@code KafkaTemplate} has from its field, as the template
 * has no getter of it.
 */
final class RunIdKafkaRuntimeHints implements RuntimeHintsRegistrar {

	static final String KAFKA_TEMPLATE = "org.springframework.kafka.core.KafkaTemplate";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(KAFKA_TEMPLATE, classLoader)) {
			hints.reflection()
				.registerType(TypeReference.of(KAFKA_TEMPLATE), (type) -> type.withField("producerInterceptor"));
		}
	}

}
