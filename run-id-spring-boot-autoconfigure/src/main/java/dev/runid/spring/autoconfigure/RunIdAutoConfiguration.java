package dev.runid.spring.autoconfigure;

import dev.runid.RunIdGenerator;
import dev.runid.spring.scope.RunScope;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import dev.runid.spring.web.RunIdInboundResolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * Auto-configuration of the run-id core: the generator of new runs, the MDC keys, the
 * {@code @RunScoped} bean scope, and the rules shared by the web and client integrations
 * for runs that arrive and leave. With {@code run-id.enabled=false} only the scope and
 * what it needs stay, so that an application with {@code @RunScoped} beans still starts.
 */
@AutoConfiguration
@EnableConfigurationProperties(RunIdProperties.class)
@ImportRuntimeHints(RunIdRuntimeHints.class)
public final class RunIdAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdGenerator runIdGenerator(RunIdProperties properties) {
		return switch (properties.getGenerator()) {
			case UUID7 -> RunIdGenerator.uuid7();
			case UUID4 -> RunIdGenerator.uuid4();
		};
	}

	@Bean
	@ConditionalOnMissingBean
	RunIdMdcKeys runIdMdcKeys(RunIdProperties properties) {
		return new RunIdMdcKeys(properties.getMdcKey(), properties.getParentMdcKey());
	}

	@Bean
	@ConditionalOnMissingBean
	static RunScope runScope() {
		return new RunScope();
	}

	/**
	 * The rules for runs that arrive and leave, shared by the inbound filters, the
	 * clients and the integrations; absent when run-id is switched off.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
	static class RunIdCrossingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdInboundResolver runIdInboundResolver(RunIdProperties properties, RunIdGenerator generator) {
			return new RunIdInboundResolver(generator, properties.getHeaderName(), properties.getParentHeaderName(),
					properties.getInbound().getMode() == RunIdProperties.Inbound.Mode.ACCEPT,
					properties.getInbound().getOnInvalid() == RunIdProperties.Inbound.OnInvalid.REJECT);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnClass(name = "org.springframework.http.HttpHeaders")
		RunIdForwarding runIdForwarding(RunIdProperties properties) {
			return new RunIdForwarding(properties.getHeaderName(), properties.getParentHeaderName(),
					RunIdHostFilter.of(properties.getOutbound().getAllowedHosts()),
					properties.getTracing().getBaggage().isEnabled());
		}

	}

}
