package dev.runid.spring.autoconfigure;

import dev.runid.spring.registry.RunRegistry;
import dev.runid.spring.registry.actuate.RunsEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the actuator endpoint {@code runs} ({@link RunsEndpoint}) when
 * actuator is on the class path and the application has a {@link RunRegistry}; exposed
 * the Boot way, for example {@code management.endpoints.web.exposure.include=runs}.
 */
@AutoConfiguration(after = RunIdRegistryAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBean(RunRegistry.class)
public final class RunIdRegistryEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	RunsEndpoint runsEndpoint(RunRegistry registry) {
		return new RunsEndpoint(registry);
	}

}
