package dev.runid.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.runid.spring.client.RunIdExchangeFilterFunction;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import dev.runid.spring.client.RunIdWebClientCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdWebClientAutoConfiguration}.
 */
class RunIdWebClientAutoConfigurationTests {

	private static final AutoConfigurations configurations = AutoConfigurations.of(RunIdAutoConfiguration.class,
			RunIdWebClientAutoConfiguration.class, WebClientAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(configurations);

	@Test
	void addsFilterToBootsWebClientBuilder() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RunIdExchangeFilterFunction.class)
				.hasSingleBean(RunIdWebClientCustomizer.class);
			assertThat(filtersOf(context)).containsExactly(context.getBean(RunIdExchangeFilterFunction.class));
		});
	}

	@Test
	void builderBeanOfTheApplicationForwardsTheRunToo() {
		this.contextRunner.withUserConfiguration(UserBuilder.class).run((context) -> {
			List<ExchangeFilterFunction> filters = new ArrayList<>();
			context.getBean("userBuilder", WebClient.Builder.class).filters(filters::addAll);
			assertThat(filters).containsExactly(context.getBean(RunIdExchangeFilterFunction.class));
		});
	}

	@Test
	void builderBeanOfTheApplicationIsLeftAloneWhenSwitchedOff() {
		this.contextRunner.withUserConfiguration(UserBuilder.class)
			.withPropertyValues("run-id.outbound.enabled=false")
			.run((context) -> {
				List<ExchangeFilterFunction> filters = new ArrayList<>();
				context.getBean("userBuilder", WebClient.Builder.class).filters(filters::addAll);
				assertThat(filters).isEmpty();
			});
	}

	@Test
	void addsFilterInServletApplications() {
		new WebApplicationContextRunner().withConfiguration(configurations)
			.run((context) -> assertThat(filtersOf(context))
				.containsExactly(context.getBean(RunIdExchangeFilterFunction.class)));
	}

	@Test
	void addsFilterInReactiveApplications() {
		new ReactiveWebApplicationContextRunner().withConfiguration(configurations)
			.run((context) -> assertThat(filtersOf(context))
				.containsExactly(context.getBean(RunIdExchangeFilterFunction.class)));
	}

	@Test
	void customizerAddsFilterOnlyOnce() {
		this.contextRunner.run((context) -> {
			WebClient.Builder builder = context.getBean(WebClient.Builder.class);
			context.getBean(RunIdWebClientCustomizer.class).customize(builder);
			List<ExchangeFilterFunction> filters = new ArrayList<>();
			builder.filters(filters::addAll);
			assertThat(filters).hasSize(1);
		});
	}

	@Test
	void backsOffForUserBeans() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(RunIdExchangeFilterFunction.class).hasBean("userFilter");
			assertThat(context).hasSingleBean(RunIdWebClientCustomizer.class).hasBean("userCustomizer");
		});
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("run-id.enabled=false").run(this::hasNoForwarding);
	}

	@Test
	void doesNothingWhenOutboundForwardingIsOff() {
		this.contextRunner.withPropertyValues("run-id.outbound.enabled=false").run(this::hasNoForwarding);
	}

	@Test
	void backsOffWithoutWebClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class)).run(this::hasNoForwarding);
	}

	@Test
	void backsOffWithoutBootsWebClientSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClientCustomizer.class))
			.run(this::hasNoForwarding);
	}

	private void hasNoForwarding(AssertableApplicationContext context) {
		assertThat(context).doesNotHaveBean(RunIdExchangeFilterFunction.class)
			.doesNotHaveBean(RunIdWebClientCustomizer.class);
	}

	private static List<ExchangeFilterFunction> filtersOf(ApplicationContext context) {
		List<ExchangeFilterFunction> filters = new ArrayList<>();
		context.getBean(WebClient.Builder.class).filters(filters::addAll);
		return filters;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		RunIdExchangeFilterFunction userFilter() {
			return new RunIdExchangeFilterFunction(
					new RunIdForwarding("X-Run-Id", "X-Parent-Run-Id", RunIdHostFilter.of(List.of())));
		}

		@Bean
		RunIdWebClientCustomizer userCustomizer(RunIdExchangeFilterFunction filter) {
			return new RunIdWebClientCustomizer(filter);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBuilder {

		@Bean
		WebClient.Builder userBuilder() {
			return WebClient.builder();
		}

	}

}
