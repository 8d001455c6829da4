package dev.runid.spring.autoconfigure;

import dev.langchain4j.http.client.HttpClient;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import dev.runid.spring.langchain4j.RunIdLangChain4jForwarding;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdLangChain4jAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdLangChain4jAutoConfiguration.class));

	@Test
	void registersTheForwardingSettingsByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RunIdLangChain4jForwarding.class)
			.getBean(RunIdLangChain4jForwarding.class)
			.hasToString("RunIdLangChain4jForwarding[" + context.getBean(RunIdForwarding.class) + "]"));
	}

	@Test
	void backsOffForUserRegistration() {
		this.contextRunner.withUserConfiguration(UserForwarding.class)
			.run((context) -> assertThat(context).hasSingleBean(RunIdLangChain4jForwarding.class)
				.hasBean("userForwarding"));
	}

	@Test
	void forwardsNothingWhenOutboundIsSwitchedOff() {
		this.contextRunner.withPropertyValues("run-id.outbound.enabled=false")
			.run((context) -> assertThat(context).getBean(RunIdLangChain4jForwarding.class)
				.hasToString("RunIdLangChain4jForwarding[null]"));
	}

	@Test
	void switchedOffByEnabledProperty() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdLangChain4jForwarding.class));
	}

	@Test
	void startsWithoutSpringWebAndForwardsNothing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpHeaders.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(RunIdLangChain4jForwarding.class)
				.hasToString("RunIdLangChain4jForwarding[null]"));
	}

	@Test
	void nothingWithoutLangChain4jHttpClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdLangChain4jForwarding.class));
	}

	@Test
	void presentInServletAndReactiveApplications() {
		AutoConfigurations configurations = AutoConfigurations.of(RunIdAutoConfiguration.class,
				RunIdLangChain4jAutoConfiguration.class);
		new WebApplicationContextRunner().withConfiguration(configurations)
			.run((context) -> assertThat(context).hasSingleBean(RunIdLangChain4jForwarding.class));
		new ReactiveWebApplicationContextRunner().withConfiguration(configurations)
			.run((context) -> assertThat(context).hasSingleBean(RunIdLangChain4jForwarding.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserForwarding {

		@Bean
		RunIdLangChain4jForwarding userForwarding() {
			return new RunIdLangChain4jForwarding(
					new RunIdForwarding("X-Run-Id", "X-Parent-Run-Id", RunIdHostFilter.of(java.util.List.of())));
		}

	}

}
