package dev.runid.spring.autoconfigure;

import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.cloud.RunIdFeignRequestInterceptor;
import feign.RequestInterceptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that makes every Feign client built by Spring Cloud OpenFeign (which
 * applies the application's {@link RequestInterceptor} beans to each) forward the current
 * run, with the rules of the HTTP clients.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class)
@ConditionalOnClass(value = RequestInterceptor.class,
		name = "org.springframework.cloud.openfeign.FeignClientFactoryBean")
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "run-id.outbound.enabled", matchIfMissing = true)
@ConditionalOnBean(RunIdForwarding.class)
public final class RunIdOpenFeignAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdFeignRequestInterceptor runIdFeignRequestInterceptor(RunIdForwarding forwarding) {
		return new RunIdFeignRequestInterceptor(forwarding);
	}

}
