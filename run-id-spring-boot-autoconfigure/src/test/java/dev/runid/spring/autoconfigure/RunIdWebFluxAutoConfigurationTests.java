package dev.runid.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.runid.spring.client.RunIdClientHttpRequestInterceptor;
import dev.runid.spring.web.reactive.RunIdErrorAttributes;
import dev.runid.spring.web.reactive.RunIdWebFilter;
import dev.runid.spring.web.reactive.RunIdWebFluxConfigurer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdWebFluxAutoConfiguration}.
 */
class RunIdWebFluxAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdWebFluxAutoConfiguration.class));

	@Test
	void suppliesFilterConfigurerAndErrorAttributes() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RunIdWebFilter.class)
				.hasSingleBean(RunIdWebFluxConfigurer.class)
				.hasSingleBean(RunIdErrorAttributes.class);
			assertThat(context.getBean(RunIdWebFilter.class).getOrder()).isEqualTo(RunIdWebFilter.ORDER)
				.isLessThan(-100);
		});
	}

	@Test
	void filterEchoesRunByDefault() {
		this.contextRunner.run((context) -> {
			MockServerWebExchange exchange = filter(context.getBean(RunIdWebFilter.class), "given-run");
			assertThat(exchange.getResponse().getHeaders().get("X-Run-Id")).containsExactly("given-run");
		});
	}

	@Test
	void filterDoesNotEchoWhenResponseEchoIsOff() {
		this.contextRunner.withPropertyValues("run-id.response.enabled=false").run((context) -> {
			MockServerWebExchange exchange = filter(context.getBean(RunIdWebFilter.class), "given-run");
			assertThat(exchange.getResponse().getHeaders().containsHeader("X-Run-Id")).isFalse();
			assertThat(RunIdWebFilter.runIdOf(exchange)).hasToString("given-run");
		});
	}

	@Test
	void filterUsesConfiguredHeaderNames() {
		this.contextRunner.withPropertyValues("run-id.header-name=X-Agent-Run").run((context) -> {
			MockServerWebExchange exchange = MockServerWebExchange
				.from(MockServerHttpRequest.get("/").header("X-Agent-Run", "agent-run"));
			context.getBean(RunIdWebFilter.class).filter(exchange, (filtered) -> Mono.empty()).block();
			assertThat(exchange.getResponse().getHeaders().get("X-Agent-Run")).containsExactly("agent-run");
		});
	}

	@Test
	void errorAttributesCarryTheRun() {
		this.contextRunner.run((context) -> {
			MockServerWebExchange exchange = filter(context.getBean(RunIdWebFilter.class), "failed-run");
			ErrorAttributes errorAttributes = context.getBean(ErrorAttributes.class);
			errorAttributes.storeErrorInformation(new IllegalStateException("boom"), exchange);
			Map<String, Object> attributes = errorAttributes.getErrorAttributes(
					ServerRequest.create(exchange, HandlerStrategies.withDefaults().messageReaders()),
					ErrorAttributeOptions.defaults());
			assertThat(attributes).containsEntry("runId", "failed-run").containsEntry("status", 500);
		});
	}

	@Test
	void backsOffForUserFilter() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(RunIdWebFilter.class).hasBean("userFilter");
			assertThat(context).hasSingleBean(RunIdWebFluxConfigurer.class).hasBean("userConfigurer");
		});
	}

	@Test
	void backsOffForUserErrorAttributes() {
		this.contextRunner.withUserConfiguration(UserErrorAttributes.class).run((context) -> {
			assertThat(context).hasSingleBean(ErrorAttributes.class).doesNotHaveBean(RunIdErrorAttributes.class);
			assertThat(context).hasSingleBean(RunIdWebFilter.class);
		});
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("run-id.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(RunIdWebFilter.class)
				.doesNotHaveBean(RunIdWebFluxConfigurer.class)
				.doesNotHaveBean(RunIdErrorAttributes.class);
		});
	}

	@Test
	void backsOffWithoutReactor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Mono.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdWebFilter.class));
	}

	@Test
	void backsOffWithoutWebFilter() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebFilter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdWebFilter.class));
	}

	@Test
	void keepsFilterWithoutSpringWebFluxConfigurationOrBootErrorHandling() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(WebFluxConfigurer.class, DefaultErrorAttributes.class))
			.run((context) -> assertThat(context).hasSingleBean(RunIdWebFilter.class)
				.doesNotHaveBean(RunIdWebFluxConfigurer.class)
				.doesNotHaveBean(RunIdErrorAttributes.class));
	}

	@Test
	void servletApplicationGetsNoWebFilter() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdWebFilter.class));
	}

	@Test
	void nonWebApplicationGetsNoWebFilter() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdWebFilter.class));
	}

	@Test
	void restClientForwardsTheRunInReactiveApplications() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(RunIdRestClientAutoConfiguration.class, RestClientAutoConfiguration.class))
			.run((context) -> {
				List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>();
				context.getBean(RestClient.Builder.class).requestInterceptors(interceptors::addAll);
				assertThat(interceptors).containsExactly(context.getBean(RunIdClientHttpRequestInterceptor.class));
			});
	}

	private static MockServerWebExchange filter(RunIdWebFilter filter, String runId) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/").header("X-Run-Id", runId));
		filter.filter(exchange, (filtered) -> Mono.empty()).block();
		return exchange;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		RunIdWebFilter userFilter() {
			return new RunIdWebFilter(new dev.runid.spring.web.RunIdInboundResolver(() -> "user-run", "X-Run-Id",
					"X-Parent-Run-Id", true, false), true);
		}

		@Bean
		RunIdWebFluxConfigurer userConfigurer() {
			return new RunIdWebFluxConfigurer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserErrorAttributes {

		@Bean
		DefaultErrorAttributes userErrorAttributes() {
			return new DefaultErrorAttributes();
		}

	}

}
