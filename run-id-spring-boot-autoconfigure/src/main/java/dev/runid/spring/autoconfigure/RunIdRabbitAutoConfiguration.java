package dev.runid.spring.autoconfigure;

import dev.runid.RunIdGenerator;
import dev.runid.spring.amqp.RunIdRabbitListenerAdvice;
import dev.runid.spring.amqp.RunIdRabbitMessagePostProcessor;
import dev.runid.spring.amqp.RunIdRabbitPostProcessor;
import dev.runid.spring.registry.RunRecorder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the RabbitMQ integration: the {@code RabbitTemplate} that Boot
 * builds sends the current run in message headers, and every listener container factory
 * runs each listener in the run of the message it receives (a batch in a new run of its
 * own).
 */
@AutoConfiguration(after = { RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class })
@ConditionalOnClass(name = "org.springframework.amqp.rabbit.core.RabbitTemplate")
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.messaging.enabled", matchIfMissing = true)
public final class RunIdRabbitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static RunIdRabbitPostProcessor runIdRabbitPostProcessor(ObjectProvider<RunIdProperties> properties,
			ObjectProvider<RunIdGenerator> generator, ObjectProvider<RunRecorder> recorder) {
		SingletonSupplier<RunIdProperties> settings = SingletonSupplier.of(properties::getObject);
		return new RunIdRabbitPostProcessor(SingletonSupplier
			.of(() -> new RunIdRabbitListenerAdvice(RunIdMessagingSupport.listening(settings.obtain(),
					settings.obtain().getHeaderName(), settings.obtain().getParentHeaderName(), generator, recorder))));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer")
	static class RunIdRabbitTemplateConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdRabbitMessagePostProcessor runIdRabbitMessagePostProcessor(RunIdProperties properties) {
			return new RunIdRabbitMessagePostProcessor(properties.getHeaderName(), properties.getParentHeaderName());
		}

		@Bean
		@ConditionalOnMissingBean(name = "runIdRabbitTemplateCustomizer")
		RabbitTemplateCustomizer runIdRabbitTemplateCustomizer(RunIdRabbitMessagePostProcessor postProcessor) {
			return (template) -> template.addBeforePublishPostProcessors(postProcessor);
		}

	}

}
