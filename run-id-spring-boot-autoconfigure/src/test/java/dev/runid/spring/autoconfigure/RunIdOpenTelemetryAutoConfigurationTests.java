package dev.runid.spring.autoconfigure;

import dev.runid.spring.opentelemetry.RunIdOpenTelemetrySdkCustomizer;
import dev.runid.spring.opentelemetry.RunIdServerSpanFilter;
import dev.runid.spring.opentelemetry.RunIdServerSpanWebFilter;
import dev.runid.spring.opentelemetry.RunIdSpanProcessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdOpenTelemetryAutoConfiguration}.
 */
class RunIdOpenTelemetryAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdOpenTelemetryAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactiveContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdOpenTelemetryAutoConfiguration.class));

	@Test
	void addsTheSpanProcessorThroughTheSdkCustomizerAndTheServerSpanFilter() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RunIdOpenTelemetrySdkCustomizer.class)
				.doesNotHaveBean(SpanProcessor.class)
				.hasBean("runIdServerSpanFilter");
			FilterRegistrationBean<?> registration = context.getBean("runIdServerSpanFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(RunIdServerSpanFilter.class);
			assertThat(registration.getOrder()).isEqualTo(RunIdServerSpanFilter.ORDER);
		});
	}

	@Test
	void backsOffForUserBeans() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(RunIdOpenTelemetrySdkCustomizer.class).hasBean("userCustomizer");
			assertThat(context).hasBean("userFilter").doesNotHaveBean("runIdServerSpanFilter");
		});
	}

	@Test
	void doesNothingWhenTracingIsSwitchedOff() {
		this.contextRunner.withPropertyValues("run-id.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdOpenTelemetrySdkCustomizer.class)
				.doesNotHaveBean("runIdServerSpanFilter"));
	}

	@Test
	void doesNothingWhenRunIdIsSwitchedOff() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdOpenTelemetrySdkCustomizer.class)
				.doesNotHaveBean("runIdServerSpanFilter"));
	}

	@Test
	void withTheApiAloneOnlyTheServerSpanFilterIsAdded() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SpanProcessor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdOpenTelemetrySdkCustomizer.class)
				.hasBean("runIdServerSpanFilter"));
		this.contextRunner.withClassLoader(new FilteredClassLoader(AutoConfigurationCustomizerProvider.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdOpenTelemetrySdkCustomizer.class)
				.hasBean("runIdServerSpanFilter"));
	}

	@Test
	void doesNothingWithoutOpenTelemetry() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Span.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdOpenTelemetrySdkCustomizer.class)
				.doesNotHaveBean("runIdServerSpanFilter"));
	}

	@Test
	void reactiveApplicationsGetTheServerSpanWebFilterAndNoServletFilter() {
		this.reactiveContextRunner
			.run((context) -> assertThat(context).hasSingleBean(RunIdOpenTelemetrySdkCustomizer.class)
				.hasSingleBean(RunIdServerSpanWebFilter.class)
				.doesNotHaveBean("runIdServerSpanFilter"));
	}

	@Test
	void serverSpanWebFilterBacksOffForAUserBean() {
		RunIdServerSpanWebFilter own = new RunIdServerSpanWebFilter();
		this.reactiveContextRunner.withBean("userWebFilter", RunIdServerSpanWebFilter.class, () -> own)
			.run((context) -> assertThat(context).getBean(RunIdServerSpanWebFilter.class).isSameAs(own));
	}

	@Test
	void serverSpanWebFilterIsOffWhenTracingOrRunIdIsSwitchedOff() {
		this.reactiveContextRunner.withPropertyValues("run-id.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdServerSpanWebFilter.class));
		this.reactiveContextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdServerSpanWebFilter.class));
	}

	@Test
	void reactiveApplicationsWithoutOpenTelemetryGetNoServerSpanWebFilter() {
		this.reactiveContextRunner.withClassLoader(new FilteredClassLoader(Span.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdServerSpanWebFilter.class));
	}

	@Test
	void servletApplicationsGetNoServerSpanWebFilter() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RunIdServerSpanWebFilter.class));
	}

	@Test
	void nonWebApplicationsGetTheSdkCustomizerOnly() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdOpenTelemetryAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(RunIdOpenTelemetrySdkCustomizer.class)
				.doesNotHaveBean("runIdServerSpanFilter"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		RunIdOpenTelemetrySdkCustomizer userCustomizer() {
			return new RunIdOpenTelemetrySdkCustomizer(new RunIdSpanProcessor());
		}

		@Bean
		FilterRegistrationBean<RunIdServerSpanFilter> userFilter() {
			return new FilterRegistrationBean<>(new RunIdServerSpanFilter());
		}

	}

}
