package dev.runid.spring.autoconfigure;

import dev.runid.RunIdGenerator;
import dev.runid.spring.newrun.NewRunAdvisingPostProcessor;
import dev.runid.spring.registry.RunRecorder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of runs outside requests: every call of a {@code @NewRun} method,
 * and every execution of a {@code @Scheduled} method unless
 * {@code run-id.scheduling.enabled=false}, runs as a new run of its own.
 */
@AutoConfiguration(after = RunIdAutoConfiguration.class)
@ConditionalOnClass(name = "org.aopalliance.intercept.MethodInterceptor")
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
public final class RunIdSchedulingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static NewRunAdvisingPostProcessor newRunAdvisingPostProcessor(Environment environment,
			ObjectProvider<RunIdGenerator> generator, ObjectProvider<RunRecorder> recorder) {
		boolean scheduled = environment.getProperty("run-id.scheduling.enabled", Boolean.class, true);
		return new NewRunAdvisingPostProcessor(
				SingletonSupplier.of(() -> generator.getIfAvailable(RunIdGenerator::uuid7)), recorder::getIfAvailable,
				scheduled);
	}

}
