package dev.runid.spring.autoconfigure;

import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.RunIdInboundResolver;
import dev.runid.spring.web.reactive.RunIdErrorAttributes;
import dev.runid.spring.web.reactive.RunIdWebFilter;
import dev.runid.spring.web.reactive.RunIdWebFluxConfigurer;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of run-id for reactive web applications: the inbound
 * {@link RunIdWebFilter} (with {@link RunIdReactorAutoConfiguration}'s scheduler hook,
 * the run is current in every operator of a request's pipeline), and for Spring WebFlux
 * the {@code RunId} handler parameter and the {@code runId} member of error and
 * problem-detail responses.
 */
@AutoConfiguration(after = { RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class },
		afterName = "org.springframework.boot.reactor.autoconfigure.ReactorAutoConfiguration",
		beforeName = "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, Mono.class })
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
public final class RunIdWebFluxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdWebFilter runIdWebFilter(RunIdProperties properties, RunIdInboundResolver resolver,
			ObjectProvider<RunRecorder> recorder) {
		return new RunIdWebFilter(resolver, properties.getResponse().isEnabled(), recorder.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebFluxConfigurer.class)
	static class RunIdWebFluxConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdWebFluxConfigurer runIdWebFluxConfigurer() {
			return new RunIdWebFluxConfigurer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.webflux.error.DefaultErrorAttributes")
	static class RunIdErrorAttributesConfiguration {

		@Bean
		@ConditionalOnMissingBean(type = "org.springframework.boot.webflux.error.ErrorAttributes")
		RunIdErrorAttributes errorAttributes() {
			return new RunIdErrorAttributes();
		}

	}

}
