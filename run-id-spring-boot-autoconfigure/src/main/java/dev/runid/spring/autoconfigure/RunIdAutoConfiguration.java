package dev.runid.spring.autoconfigure;

import dev.runid.RunIdGenerator;
import dev.runid.spring.RunScope;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import dev.runid.spring.web.RunIdInboundResolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the run-id core: the generator of new runs, the MDC keys, the
 * {@code @RunScoped} bean scope, and the header settings shared by the web and client
 * integrations.
 */
@AutoConfiguration
@EnableConfigurationProperties(RunIdProperties.class)
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

	@Bean
	@ConditionalOnMissingBean
	RunIdInboundResolver runIdInboundResolver(RunIdProperties properties, RunIdGenerator generator) {
		return new RunIdInboundResolver(generator, properties.getHeaderName(), properties.getParentHeaderName(),
				properties.getInbound().getMode() == RunIdProperties.Inbound.Mode.ACCEPT,
				properties.getInbound().getOnInvalid() == RunIdProperties.Inbound.OnInvalid.REJECT);
	}

	@Bean
	@ConditionalOnMissingBean
	RunIdForwarding runIdForwarding(RunIdProperties properties) {
		return new RunIdForwarding(properties.getHeaderName(), properties.getParentHeaderName(),
				RunIdHostFilter.of(properties.getOutbound().getAllowedHosts()),
				properties.getTracing().getBaggage().isEnabled());
	}

}
