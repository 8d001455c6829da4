package dev.runid.spring.autoconfigure;

import dev.runid.RunIdGenerator;
import dev.runid.spring.jms.RunIdJmsListenerContainers;
import dev.runid.spring.jms.RunIdJmsPostProcessor;
import dev.runid.spring.messaging.RunIdMessageListening;
import dev.runid.spring.registry.RunRecorder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jms.config.JmsListenerEndpointRegistry;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the JMS integration: every {@code JmsTemplate} sends the current
 * run in message properties ({@code run-id.messaging.jms.property-name} and
 * {@code parent-property-name}) and every {@code @JmsListener} method runs in the run of
 * the message it receives.
 */
@AutoConfiguration(after = { RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class })
@ConditionalOnClass(name = { "org.springframework.jms.core.JmsTemplate", "jakarta.jms.Message" })
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.messaging.enabled", matchIfMissing = true)
public final class RunIdJmsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static RunIdJmsPostProcessor runIdJmsPostProcessor(ObjectProvider<RunIdProperties> properties,
			ObjectProvider<RunIdGenerator> generator, ObjectProvider<RunRecorder> recorder) {
		SingletonSupplier<RunIdProperties> settings = SingletonSupplier.of(properties::getObject);
		return new RunIdJmsPostProcessor(() -> settings.obtain().getMessaging().getJms().getPropertyName(),
				() -> settings.obtain().getMessaging().getJms().getParentPropertyName(),
				SingletonSupplier.of(() -> RunIdMessagingSupport.listening(settings.obtain(),
						settings.obtain().getMessaging().getJms().getPropertyName(),
						settings.obtain().getMessaging().getJms().getParentPropertyName(), generator, recorder)));
	}

	@Bean
	@ConditionalOnMissingBean
	RunIdJmsListenerContainers runIdJmsListenerContainers(ObjectProvider<JmsListenerEndpointRegistry> registries,
			RunIdProperties properties, ObjectProvider<RunIdGenerator> generator,
			ObjectProvider<RunRecorder> recorder) {
		RunIdMessageListening listening = RunIdMessagingSupport.listening(properties,
				properties.getMessaging().getJms().getPropertyName(),
				properties.getMessaging().getJms().getParentPropertyName(), generator, recorder);
		return new RunIdJmsListenerContainers(registries, () -> listening,
				() -> properties.getMessaging().getJms().getPropertyName(),
				() -> properties.getMessaging().getJms().getParentPropertyName());
	}

}
