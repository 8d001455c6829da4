package dev.runid.spring.autoconfigure;

import dev.runid.spring.client.RunIdClientHttpRequestInterceptor;
import dev.runid.spring.client.RunIdRestClientCustomizer;
import dev.runid.spring.client.RunIdRestTemplateCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdRestClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRestClientAutoConfiguration.class));

	@Test
	void suppliesCustomizersByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RunIdClientHttpRequestInterceptor.class)
			.hasSingleBean(RunIdRestClientCustomizer.class)
			.hasSingleBean(RunIdRestTemplateCustomizer.class));
	}

	@Test
	void customizerAddsInterceptorOnce() {
		this.contextRunner.run((context) -> {
			RestClient.Builder builder = RestClient.builder();
			RunIdRestClientCustomizer customizer = context.getBean(RunIdRestClientCustomizer.class);
			customizer.customize(builder);
			customizer.customize(builder);
			builder.requestInterceptors((interceptors) -> assertThat(interceptors)
				.containsExactly(context.getBean(RunIdClientHttpRequestInterceptor.class)));
		});
	}

	@Test
	void builderBeanOfTheApplicationForwardsTheRunToo() {
		this.contextRunner.withUserConfiguration(UserBuilder.class).run((context) -> {
			RestClient.Builder builder = context.getBean("userBuilder", RestClient.Builder.class);
			builder.requestInterceptors((interceptors) -> assertThat(interceptors)
				.containsExactly(context.getBean(RunIdClientHttpRequestInterceptor.class)));
		});
	}

	@Test
	void builderBeanOfTheApplicationIsLeftAloneWhenSwitchedOff() {
		this.contextRunner.withUserConfiguration(UserBuilder.class)
			.withPropertyValues("run-id.outbound.enabled=false")
			.run((context) -> context.getBean("userBuilder", RestClient.Builder.class)
				.requestInterceptors((interceptors) -> assertThat(interceptors).isEmpty()));
	}

	@Test
	void backsOffForUserInterceptor() {
		this.contextRunner.withUserConfiguration(UserInterceptor.class)
			.run((context) -> assertThat(context).hasSingleBean(RunIdClientHttpRequestInterceptor.class)
				.hasBean("userInterceptor"));
	}

	@Test
	void switchedOffByOutboundProperty() {
		this.contextRunner.withPropertyValues("run-id.outbound.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdClientHttpRequestInterceptor.class)
				.doesNotHaveBean(RunIdRestClientCustomizer.class));
	}

	@Test
	void switchedOffByEnabledProperty() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdRestClientCustomizer.class));
	}

	@Test
	void noRestTemplateCustomizerWithoutBootRestClientModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestTemplateCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdRestTemplateCustomizer.class));
	}

	@Test
	void nothingWithoutSpringWeb() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.http.client"))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdClientHttpRequestInterceptor.class));
	}

	@Test
	void presentInReactiveApplications() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdRestClientAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(RunIdRestClientCustomizer.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserInterceptor {

		@Bean
		RunIdClientHttpRequestInterceptor userInterceptor(dev.runid.spring.client.RunIdForwarding forwarding) {
			return new RunIdClientHttpRequestInterceptor(forwarding);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBuilder {

		@Bean
		RestClient.Builder userBuilder() {
			return RestClient.builder();
		}

	}

}
