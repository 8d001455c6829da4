package dev.runid.spring.autoconfigure;

import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.cloud.RunIdGatewayHttpHeadersFilter;
import dev.runid.spring.cloud.RunIdGatewayMvcHttpHeadersFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that makes every route of Spring Cloud Gateway (server WebFlux and
 * server WebMVC) carry the gateway's run, with the allow-list of the HTTP clients.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.outbound.enabled", matchIfMissing = true)
@ConditionalOnBean(RunIdForwarding.class)
public final class RunIdGatewayAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter")
	static class WebFluxGatewayConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdGatewayHttpHeadersFilter runIdGatewayHttpHeadersFilter(RunIdForwarding forwarding) {
			return new RunIdGatewayHttpHeadersFilter(forwarding);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(
			name = "org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter$RequestHttpHeadersFilter")
	static class MvcGatewayConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdGatewayMvcHttpHeadersFilter runIdGatewayMvcHttpHeadersFilter(RunIdForwarding forwarding) {
			return new RunIdGatewayMvcHttpHeadersFilter(forwarding);
		}

	}

}
