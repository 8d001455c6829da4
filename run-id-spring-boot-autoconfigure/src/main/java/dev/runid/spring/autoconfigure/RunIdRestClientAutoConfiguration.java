package dev.runid.spring.autoconfigure;

import dev.runid.spring.client.RunIdClientHttpRequestInterceptor;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdRestClientBuilderPostProcessor;
import dev.runid.spring.client.RunIdRestClientCustomizer;
import dev.runid.spring.client.RunIdRestTemplateCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Auto-configuration that makes {@code RestClient} and {@code RestTemplate} (built from
 * Boot's builders) forward the current run downstream.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class,
		beforeName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration" })
@ConditionalOnClass(ClientHttpRequestInterceptor.class)
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.outbound.enabled", matchIfMissing = true)
public final class RunIdRestClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdClientHttpRequestInterceptor runIdClientHttpRequestInterceptor(RunIdForwarding forwarding) {
		return new RunIdClientHttpRequestInterceptor(forwarding);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
	static class RestClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdRestClientCustomizer runIdRestClientCustomizer(RunIdClientHttpRequestInterceptor interceptor) {
			return new RunIdRestClientCustomizer(interceptor);
		}

		@Bean
		@ConditionalOnMissingBean
		static RunIdRestClientBuilderPostProcessor runIdRestClientBuilderPostProcessor(
				ObjectProvider<RunIdRestClientCustomizer> customizer) {
			return new RunIdRestClientBuilderPostProcessor(customizer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class })
	static class RestTemplateConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdRestTemplateCustomizer runIdRestTemplateCustomizer(RunIdClientHttpRequestInterceptor interceptor) {
			return new RunIdRestTemplateCustomizer(interceptor);
		}

	}

}
