package dev.runid.spring.autoconfigure;

import dev.runid.spring.RunIdTaskDecorator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that carries the run into Boot's task executors and schedulers
 * ({@code applicationTaskExecutor}, {@code taskScheduler}, and every executor built from
 * Boot's builders): a {@link RunIdTaskDecorator} bean, which Boot combines with the
 * application's own decorators.
 */
@AutoConfiguration(before = { TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class })
public final class RunIdTaskExecutionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunIdTaskDecorator runIdTaskDecorator() {
		return new RunIdTaskDecorator();
	}

}
