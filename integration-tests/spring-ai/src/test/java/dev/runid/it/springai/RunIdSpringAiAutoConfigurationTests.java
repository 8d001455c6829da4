package dev.runid.it.springai;

import java.util.List;

import dev.runid.spring.scope.RunScope;
import dev.runid.spring.ai.RunIdAnthropicHttpClientCustomizer;
import dev.runid.spring.ai.RunIdChatClientAdvisor;
import dev.runid.spring.ai.RunIdChatClientBuilderCustomizer;
import dev.runid.spring.ai.RunIdChatModelUsageHandler;
import dev.runid.spring.ai.RunIdOpenAiHttpClientCustomizer;
import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdSpringAiAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdUsageAutoConfiguration;
import dev.runid.spring.client.RunIdOkHttpInterceptor;
import dev.runid.spring.usage.RunUsageLedger;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.anthropic.http.okhttp.AnthropicHttpClientBuilderCustomizer;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RunIdSpringAiAutoConfiguration} and {@link RunIdUsageAutoConfiguration}: what
 * they supply, and when they back off.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunIdSpringAiAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdUsageAutoConfiguration.class,
				RunIdSpringAiAutoConfiguration.class));

	@Test
	void suppliesTheSpringAiIntegrationByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RunIdOkHttpInterceptor.class)
			.hasSingleBean(RunIdOpenAiHttpClientCustomizer.class)
			.hasSingleBean(RunIdAnthropicHttpClientCustomizer.class)
			.hasSingleBean(RunIdChatClientAdvisor.class)
			.hasSingleBean(RunIdChatClientBuilderCustomizer.class)
			.hasSingleBean(RunIdChatModelUsageHandler.class)
			.hasSingleBean(RunUsageLedger.class));
	}

	@Test
	void saysAtStartupWhenUsageCannotBeRecordedForLackOfAnObservationRegistry(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(context).hasBean("runIdUsageWithoutObservationsNotice"));
		assertThat(output).contains("Spring AI token usage is not added up per run: there is no ObservationRegistry");
		this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(context).doesNotHaveBean("runIdUsageWithoutObservationsNotice"));
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("runIdUsageWithoutObservationsNotice"));
	}

	@Test
	void backsOffForUserBeans() {
		this.contextRunner.withUserConfiguration(UserBeans.class)
			.run((context) -> assertThat(context).getBean(RunIdChatClientAdvisor.class)
				.isSameAs(context.getBean(UserBeans.class).advisor));
		this.contextRunner.withUserConfiguration(UserBeans.class)
			.run((context) -> assertThat(context).getBean(RunUsageLedger.class)
				.isSameAs(context.getBean("userLedger")));
	}

	@Test
	void isSwitchedOffWithRunId() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdOkHttpInterceptor.class)
				.doesNotHaveBean(RunIdOpenAiHttpClientCustomizer.class)
				.doesNotHaveBean(RunIdAnthropicHttpClientCustomizer.class)
				.doesNotHaveBean(RunIdChatClientAdvisor.class)
				.doesNotHaveBean(RunIdChatModelUsageHandler.class)
				.doesNotHaveBean(RunUsageLedger.class));
	}

	@Test
	void sendsNoHeadersWithOutboundSwitchedOffButKeepsTheRunInChats() {
		this.contextRunner.withPropertyValues("run-id.outbound.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdOkHttpInterceptor.class)
				.doesNotHaveBean(RunIdOpenAiHttpClientCustomizer.class)
				.doesNotHaveBean(RunIdAnthropicHttpClientCustomizer.class)
				.hasSingleBean(RunIdChatClientAdvisor.class)
				.hasSingleBean(RunIdChatModelUsageHandler.class));
	}

	@Test
	void backsOffWithoutSpringAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdOkHttpInterceptor.class)
				.doesNotHaveBean(RunIdOpenAiHttpClientCustomizer.class)
				.doesNotHaveBean(RunIdChatClientAdvisor.class)
				.doesNotHaveBean(RunIdChatModelUsageHandler.class)
				.hasSingleBean(RunUsageLedger.class));
	}

	@Test
	void configuresOnlyTheModelsOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OpenAiHttpClientBuilderCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdOpenAiHttpClientCustomizer.class)
				.hasSingleBean(RunIdAnthropicHttpClientCustomizer.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(AnthropicHttpClientBuilderCustomizer.class))
			.run((context) -> assertThat(context).hasSingleBean(RunIdOpenAiHttpClientCustomizer.class)
				.doesNotHaveBean(RunIdAnthropicHttpClientCustomizer.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdChatClientAdvisor.class)
				.doesNotHaveBean(RunIdChatClientBuilderCustomizer.class)
				.hasSingleBean(RunIdOpenAiHttpClientCustomizer.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final RunIdChatClientAdvisor advisor = new RunIdChatClientAdvisor(null);

		@Bean
		RunIdChatClientAdvisor userAdvisor() {
			return this.advisor;
		}

		@Bean
		RunUsageLedger userLedger(RunScope runScope) {
			return new RunUsageLedger(runScope, List.of(), false);
		}

	}

}
