package dev.runid.it.cloud;

import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdGatewayAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdOpenFeignAutoConfiguration;
import dev.runid.spring.cloud.RunIdFeignRequestInterceptor;
import dev.runid.spring.cloud.RunIdGatewayHttpHeadersFilter;
import dev.runid.spring.cloud.RunIdGatewayMvcHttpHeadersFilter;
import feign.RequestInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When run-id's gateway and OpenFeign auto-configurations supply their hooks, and when
 * they back off.
 */
class SpringCloudAutoConfigurationTests {

	private static final AutoConfigurations RUN_ID = AutoConfigurations.of(RunIdAutoConfiguration.class,
			RunIdGatewayAutoConfiguration.class, RunIdOpenFeignAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(RUN_ID);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(RUN_ID);

	@Test
	void reactiveApplicationGetsTheWebFluxGatewayFilterOnly() {
		this.reactive.run((context) -> assertThat(context).hasSingleBean(RunIdGatewayHttpHeadersFilter.class)
			.doesNotHaveBean(RunIdGatewayMvcHttpHeadersFilter.class));
	}

	@Test
	void servletApplicationGetsTheMvcGatewayFilterOnly() {
		this.servlet.run((context) -> assertThat(context).hasSingleBean(RunIdGatewayMvcHttpHeadersFilter.class)
			.doesNotHaveBean(RunIdGatewayHttpHeadersFilter.class));
	}

	@Test
	void noGatewayFilterWithoutTheGateway() {
		this.reactive.withClassLoader(new FilteredClassLoader("org.springframework.cloud.gateway.filter.headers"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RunIdGatewayHttpHeadersFilter.class));
		this.servlet.withClassLoader(new FilteredClassLoader("org.springframework.cloud.gateway.server.mvc"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RunIdGatewayMvcHttpHeadersFilter.class));
	}

	@Test
	void nonWebApplicationGetsNoGatewayFilter() {
		new ApplicationContextRunner().withConfiguration(RUN_ID)
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdGatewayHttpHeadersFilter.class)
				.doesNotHaveBean(RunIdGatewayMvcHttpHeadersFilter.class)
				.hasSingleBean(RunIdFeignRequestInterceptor.class));
	}

	@Test
	void feignInterceptorWithOpenFeign() {
		this.servlet.run((context) -> assertThat(context).hasSingleBean(RunIdFeignRequestInterceptor.class));
		this.reactive.run((context) -> assertThat(context).hasSingleBean(RunIdFeignRequestInterceptor.class));
	}

	@Test
	void noFeignInterceptorWithoutSpringCloudOpenFeign() {
		this.servlet.withClassLoader(new FilteredClassLoader("org.springframework.cloud.openfeign"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RunIdFeignRequestInterceptor.class));
		this.servlet.withClassLoader(new FilteredClassLoader(RequestInterceptor.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RunIdFeignRequestInterceptor.class));
	}

	@Test
	void userInterceptorsComposeWithRunIds() {
		this.servlet.withUserConfiguration(UserInterceptor.class)
			.run((context) -> assertThat(context).hasSingleBean(RunIdFeignRequestInterceptor.class)
				.hasBean("userInterceptor"));
	}

	@Test
	void userDefinedHooksWin() {
		this.servlet.withUserConfiguration(UserHooks.class)
			.run((context) -> assertThat(context).getBean(RunIdFeignRequestInterceptor.class)
				.isSameAs(context.getBean("myFeignInterceptor")));
		this.reactive.withUserConfiguration(UserHooks.class)
			.run((context) -> assertThat(context).getBean(RunIdGatewayHttpHeadersFilter.class)
				.isSameAs(context.getBean("myGatewayFilter")));
	}

	@Test
	void switchedOffByOutboundProperty() {
		this.servlet.withPropertyValues("run-id.outbound.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdFeignRequestInterceptor.class)
				.doesNotHaveBean(RunIdGatewayMvcHttpHeadersFilter.class));
		this.reactive.withPropertyValues("run-id.outbound.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdFeignRequestInterceptor.class)
				.doesNotHaveBean(RunIdGatewayHttpHeadersFilter.class));
	}

	@Test
	void switchedOffByEnabledProperty() {
		this.servlet.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdFeignRequestInterceptor.class)
				.doesNotHaveBean(RunIdGatewayMvcHttpHeadersFilter.class));
		this.reactive.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdGatewayHttpHeadersFilter.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserInterceptor {

		@Bean
		RequestInterceptor userInterceptor() {
			return (template) -> template.header("X-User", "u");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHooks {

		@Bean
		RunIdFeignRequestInterceptor myFeignInterceptor(dev.runid.spring.client.RunIdForwarding forwarding) {
			return new RunIdFeignRequestInterceptor(forwarding);
		}

		@Bean
		RunIdGatewayHttpHeadersFilter myGatewayFilter(dev.runid.spring.client.RunIdForwarding forwarding) {
			return new RunIdGatewayHttpHeadersFilter(forwarding);
		}

	}

}
