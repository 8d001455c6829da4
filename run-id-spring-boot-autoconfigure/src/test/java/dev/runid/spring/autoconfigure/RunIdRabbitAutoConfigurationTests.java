package dev.runid.spring.autoconfigure;

import dev.runid.spring.amqp.RunIdRabbitListenerAdvice;
import dev.runid.spring.amqp.RunIdRabbitMessagePostProcessor;
import dev.runid.spring.amqp.RunIdRabbitPostProcessor;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdRabbitAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRabbitAutoConfiguration.class));

	@Test
	void suppliesPostProcessorsAndTemplateCustomizerByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RunIdRabbitPostProcessor.class)
			.hasSingleBean(RunIdRabbitMessagePostProcessor.class)
			.hasSingleBean(RabbitTemplateCustomizer.class));
	}

	@Test
	void customizerAddsThePostProcessorBeforePublishing() {
		this.contextRunner.run((context) -> {
			RabbitTemplate template = new RabbitTemplate();
			context.getBean(RabbitTemplateCustomizer.class).customize(template);
			assertThat(template.getBeforePublishPostProcessors())
				.containsExactly(context.getBean(RunIdRabbitMessagePostProcessor.class));
		});
	}

	@Test
	void putsItsAdviceFirstAndKeepsTheAdviceThatIsThere() {
		this.contextRunner.withUserConfiguration(Rabbit.class).run((context) -> {
			SimpleRabbitListenerContainerFactory factory = context.getBean(SimpleRabbitListenerContainerFactory.class);
			assertThat(factory.getAdviceChain()).hasSize(2);
			assertThat(factory.getAdviceChain()[0]).isInstanceOf(RunIdRabbitListenerAdvice.class);
			assertThat(factory.getAdviceChain()[1]).isSameAs(Rabbit.ADVICE);
		});
	}

	@Test
	void switchedOffByMessagingProperty() {
		this.contextRunner.withPropertyValues("run-id.messaging.enabled=false")
			.withUserConfiguration(Rabbit.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RunIdRabbitPostProcessor.class)
					.doesNotHaveBean(RabbitTemplateCustomizer.class);
				assertThat(context.getBean(SimpleRabbitListenerContainerFactory.class).getAdviceChain())
					.containsExactly(Rabbit.ADVICE);
			});
	}

	@Test
	void switchedOffByEnabledProperty() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdRabbitPostProcessor.class));
	}

	@Test
	void nothingWithoutSpringRabbit() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.amqp"))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdRabbitPostProcessor.class)
				.doesNotHaveBean(RunIdRabbitMessagePostProcessor.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Rabbit {

		static final MethodInterceptor ADVICE = (invocation) -> invocation.proceed();

		@Bean
		SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory() {
			SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
			factory.setAdviceChain(ADVICE);
			return factory;
		}

	}

}
