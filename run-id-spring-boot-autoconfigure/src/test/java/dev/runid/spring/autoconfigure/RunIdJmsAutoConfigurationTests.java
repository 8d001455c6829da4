package dev.runid.spring.autoconfigure;

import dev.runid.spring.jms.RunIdJmsListenerContainers;
import dev.runid.spring.jms.RunIdJmsMessageConverter;
import dev.runid.spring.jms.RunIdJmsMessageListener;
import dev.runid.spring.jms.RunIdJmsPostProcessor;
import dev.runid.spring.jms.RunIdJmsSessionAwareMessageListener;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.SessionAwareMessageListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RunIdJmsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdJmsAutoConfiguration.class));

	@Test
	void suppliesPostProcessorAndListenerContainersByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RunIdJmsPostProcessor.class)
			.hasSingleBean(RunIdJmsListenerContainers.class));
	}

	@Test
	void wrapsTheConverterOfTemplatesAndTheListenerOfContainers() {
		this.contextRunner.withUserConfiguration(Jms.class).run((context) -> {
			assertThat(context.getBean(JmsTemplate.class).getMessageConverter())
				.isInstanceOf(RunIdJmsMessageConverter.class);
			assertThat(context.getBean("container", DefaultMessageListenerContainer.class).getMessageListener())
				.isInstanceOfSatisfying(RunIdJmsMessageListener.class,
						(listener) -> assertThat(listener.delegate()).isSameAs(Jms.LISTENER));
		});
	}

	@Test
	void wrapsEachListenerWithAWrapperOfItsKind() {
		// the container calls a session-aware listener with a session, which it opens
		// for the call when it does not expose its own, and a plain one without
		this.contextRunner.withUserConfiguration(Jms.class).run((context) -> {
			assertThat(context.getBean("container", DefaultMessageListenerContainer.class).getMessageListener())
				.isInstanceOf(RunIdJmsMessageListener.class)
				.isNotInstanceOf(SessionAwareMessageListener.class);
			assertThat(context.getBean("sessionAwareContainer", DefaultMessageListenerContainer.class)
				.getMessageListener())
				.isInstanceOfSatisfying(RunIdJmsSessionAwareMessageListener.class,
						(listener) -> assertThat(listener.delegate()).isSameAs(Jms.SESSION_AWARE_LISTENER))
				.isNotInstanceOf(MessageListener.class);
		});
	}

	@Test
	void switchedOffByMessagingProperty() {
		this.contextRunner.withPropertyValues("run-id.messaging.enabled=false")
			.withUserConfiguration(Jms.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RunIdJmsPostProcessor.class)
					.doesNotHaveBean(RunIdJmsListenerContainers.class);
				assertThat(context.getBean(JmsTemplate.class).getMessageConverter())
					.isNotInstanceOf(RunIdJmsMessageConverter.class);
			});
	}

	@Test
	void switchedOffByEnabledProperty() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdJmsPostProcessor.class));
	}

	@Test
	void nothingWithoutSpringJms() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.jms"))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdJmsPostProcessor.class)
				.doesNotHaveBean(RunIdJmsListenerContainers.class));
	}

	@Test
	void rejectsPropertyNamesThatAreNoJavaIdentifiers() {
		this.contextRunner.withPropertyValues("run-id.messaging.jms.property-name=X-Run-Id")
			.run((context) -> assertThat(context).hasFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE",
			"null", "And", "escape" })
	void rejectsMessageSelectorWordsAsPropertyNamesNamingTheProperty(String word) {
		this.contextRunner.withPropertyValues("run-id.messaging.jms.property-name=" + word)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("run-id.messaging.jms.property-name")
				.hasMessageContaining("message selector"));
		this.contextRunner.withPropertyValues("run-id.messaging.jms.parent-property-name=" + word)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("run-id.messaging.jms.parent-property-name")
				.hasMessageContaining("message selector"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "JMSXRunId", "JMS_run", "JMSRunId" })
	void rejectsPropertyNamesThatJmsReservesNamingTheProperty(String name) {
		this.contextRunner.withPropertyValues("run-id.messaging.jms.parent-property-name=" + name)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("run-id.messaging.jms.parent-property-name")
				.hasMessageContaining("does not start with JMS"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "nullable", "isRun", "orderRun", "jmsRunId", "run_id", "$run" })
	void acceptsIdentifiersThatOnlyContainSelectorWordsOrJms(String name) {
		this.contextRunner.withPropertyValues("run-id.messaging.jms.property-name=" + name)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(RunIdProperties.class)
				.satisfies((properties) -> assertThat(properties.getMessaging().getJms().getPropertyName())
					.isEqualTo(name)));
	}

	@Configuration(proxyBeanMethods = false)
	static class Jms {

		static final MessageListener LISTENER = (message) -> {
		};

		static final SessionAwareMessageListener<Message> SESSION_AWARE_LISTENER = (message, session) -> {
		};

		// no broker here: nothing is sent, and the container is never started
		private static final ConnectionFactory connectionFactory = mock(ConnectionFactory.class);

		@Bean
		JmsTemplate jmsTemplate() {
			return new JmsTemplate(connectionFactory);
		}

		@Bean
		DefaultMessageListenerContainer container() {
			DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
			container.setConnectionFactory(connectionFactory);
			container.setCacheLevel(DefaultMessageListenerContainer.CACHE_NONE);
			container.setDestinationName("orders");
			container.setMessageListener(LISTENER);
			container.setAutoStartup(false);
			return container;
		}

		@Bean
		DefaultMessageListenerContainer sessionAwareContainer() {
			DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
			container.setConnectionFactory(connectionFactory);
			container.setCacheLevel(DefaultMessageListenerContainer.CACHE_NONE);
			container.setDestinationName("payments");
			container.setMessageListener(SESSION_AWARE_LISTENER);
			container.setAutoStartup(false);
			return container;
		}

	}

}
