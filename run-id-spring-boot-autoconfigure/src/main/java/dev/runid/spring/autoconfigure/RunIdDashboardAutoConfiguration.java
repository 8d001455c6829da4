package dev.runid.spring.autoconfigure;

import dev.runid.spring.dashboard.RunIdDashboard;
import dev.runid.spring.dashboard.RunIdDashboardMvcRoutes;
import dev.runid.spring.dashboard.RunIdDashboardWebFluxRoutes;
import dev.runid.spring.registry.RunRegistry;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * Auto-configuration of the run dashboard: with {@code run-id.dashboard.enabled=true} and
 * a {@link RunRegistry}, a web application serves the page and its JSON resources under
 * {@code run-id.dashboard.path}, on Spring MVC or Spring WebFlux. Off by default: it
 * shows run data, and the application's own security rules guard its path.
 */
@AutoConfiguration(after = { RunIdAutoConfiguration.class, RunIdRegistryAutoConfiguration.class })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("run-id.dashboard.enabled")
@ConditionalOnBean(RunRegistry.class)
@ImportRuntimeHints(RunIdDashboardRuntimeHints.class)
public final class RunIdDashboardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdDashboard runIdDashboard(RunRegistry registry, RunIdProperties properties) {
		return new RunIdDashboard(registry, properties.getDashboard().getPath());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(org.springframework.web.servlet.function.RouterFunction.class)
	static class RunIdDashboardMvcConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "runIdDashboardRoutes")
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> runIdDashboardRoutes(
				RunIdDashboard dashboard) {
			return RunIdDashboardMvcRoutes.of(dashboard);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass({ org.springframework.web.reactive.function.server.RouterFunction.class, Mono.class })
	static class RunIdDashboardWebFluxConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "runIdDashboardRoutes")
		org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> runIdDashboardRoutes(
				RunIdDashboard dashboard) {
			return RunIdDashboardWebFluxRoutes.of(dashboard);
		}

	}

}
