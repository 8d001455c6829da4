package dev.runid.spring.autoconfigure;

import dev.runid.spring.reactor.RunIdSchedulerHook;
import dev.runid.spring.reactor.RunIdReactorContextPropagation;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Auto-configuration of run-id for Reactor: the {@link RunIdSchedulerHook} that carries
 * the current run into tasks on Reactor's schedulers, and, only when
 * {@code run-id.reactor.automatic-context-propagation=true}, Reactor's automatic context
 * propagation.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class,
		afterName = "org.springframework.boot.reactor.autoconfigure.ReactorAutoConfiguration")
@ConditionalOnClass(Schedulers.class)
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
public final class RunIdReactorAutoConfiguration {

	// eager even with spring.main.lazy-initialization: nothing asks for these beans
	@Bean
	@Lazy(false)
	@ConditionalOnMissingBean
	RunIdSchedulerHook runIdSchedulerHook() {
		return new RunIdSchedulerHook();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
	@ConditionalOnBooleanProperty("run-id.reactor.automatic-context-propagation")
	static class RunIdAutomaticContextPropagationConfiguration {

		@Bean
		@Lazy(false)
		@ConditionalOnMissingBean
		RunIdReactorContextPropagation runIdReactorContextPropagation() {
			return new RunIdReactorContextPropagation();
		}

	}

}
