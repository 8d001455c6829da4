package dev.runid.spring.autoconfigure;

import dev.runid.spring.client.RunIdExchangeFilterFunction;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdWebClientBuilderPostProcessor;
import dev.runid.spring.client.RunIdWebClientCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration that makes {@code WebClient}s built from Boot's
 * {@code WebClient.Builder} forward the run downstream, in reactive and in servlet
 * applications.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class,
		beforeName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.outbound.enabled", matchIfMissing = true)
public final class RunIdWebClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdExchangeFilterFunction runIdExchangeFilterFunction(RunIdForwarding forwarding) {
		return new RunIdExchangeFilterFunction(forwarding);
	}

	@Bean
	@ConditionalOnMissingBean
	RunIdWebClientCustomizer runIdWebClientCustomizer(RunIdExchangeFilterFunction filter) {
		return new RunIdWebClientCustomizer(filter);
	}

	@Bean
	@ConditionalOnMissingBean
	static RunIdWebClientBuilderPostProcessor runIdWebClientBuilderPostProcessor(
			ObjectProvider<RunIdWebClientCustomizer> customizer) {
		return new RunIdWebClientBuilderPostProcessor(customizer);
	}

}
