package dev.runid.spring.autoconfigure;

import dev.runid.spring.opentelemetry.RunIdOpenTelemetrySdkCustomizer;
import dev.runid.spring.opentelemetry.RunIdServerSpanFilter;
import dev.runid.spring.opentelemetry.RunIdServerSpanWebFilter;
import dev.runid.spring.opentelemetry.RunIdSpanProcessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration that puts the run on the spans of OpenTelemetry's own
 * instrumentation, without Micrometer: with the SDK's autoconfiguration SPI on the class
 * path (the OpenTelemetry Spring Boot starter), a {@link RunIdOpenTelemetrySdkCustomizer}
 * adds the {@link RunIdSpanProcessor} to the starter's tracer provider; in servlet
 * applications, the {@link RunIdServerSpanFilter} (in reactive ones the
 * {@link RunIdServerSpanWebFilter}) puts the request's run on the server span that the
 * OpenTelemetry Java agent starts before any filter.
 * <p>
 * The span processor is not a {@link SpanProcessor} bean on purpose: Boot's own
 * OpenTelemetry tracer (Micrometer Tracing) would add such a bean to its tracer provider,
 * where the observations already carry the run.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class)
@ConditionalOnClass(Span.class)
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.tracing.enabled", matchIfMissing = true)
public final class RunIdOpenTelemetryAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ SpanProcessor.class, AutoConfigurationCustomizerProvider.class })
	static class SdkConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdOpenTelemetrySdkCustomizer runIdOpenTelemetrySdkCustomizer() {
			return new RunIdOpenTelemetrySdkCustomizer(new RunIdSpanProcessor());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
	static class ServerSpanConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(RunIdServerSpanFilter.class)
		FilterRegistrationBean<RunIdServerSpanFilter> runIdServerSpanFilter() {
			FilterRegistrationBean<RunIdServerSpanFilter> registration = new FilterRegistrationBean<>(
					new RunIdServerSpanFilter());
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			registration.setOrder(RunIdServerSpanFilter.ORDER);
			registration.setAsyncSupported(true);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveServerSpanConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdServerSpanWebFilter runIdServerSpanWebFilter() {
			return new RunIdServerSpanWebFilter();
		}

	}

}
