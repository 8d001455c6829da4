package dev.runid.spring.autoconfigure;

import dev.runid.spring.task.RunIdSimpleAsyncTaskSchedulerPostProcessor;
import dev.runid.spring.task.RunIdTaskDecorator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that carries the run into Boot's task executors and schedulers
 * ({@code applicationTaskExecutor}, {@code taskScheduler}, and every executor built from
 * Boot's builders): a {@link RunIdTaskDecorator} bean, which Boot combines with the
 * application's own decorators, and a {@link RunIdSimpleAsyncTaskSchedulerPostProcessor}
 * for the {@code SimpleAsyncTaskScheduler} that Boot uses with virtual threads, which
 * decorates tasks only when they fire.
 */
@AutoConfiguration(before = { TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
public final class RunIdTaskExecutionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdTaskDecorator runIdTaskDecorator() {
		return new RunIdTaskDecorator();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "org.springframework.aop.framework.ProxyFactory")
	static RunIdSimpleAsyncTaskSchedulerPostProcessor runIdSimpleAsyncTaskSchedulerPostProcessor() {
		return new RunIdSimpleAsyncTaskSchedulerPostProcessor();
	}

}
