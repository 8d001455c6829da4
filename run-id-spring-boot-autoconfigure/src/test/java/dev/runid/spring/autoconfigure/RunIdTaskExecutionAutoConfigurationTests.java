package dev.runid.spring.autoconfigure;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.task.RunIdSimpleAsyncTaskSchedulerPostProcessor;
import dev.runid.spring.task.RunIdTaskDecorator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdTaskExecutionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdTaskExecutionAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class));

	@Test
	void suppliesTaskDecorator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RunIdTaskDecorator.class));
	}

	@Test
	void backsOffForUserDecoratorOfSameType() {
		this.contextRunner.withBean("mine", RunIdTaskDecorator.class, RunIdTaskDecorator::new)
			.run((context) -> assertThat(context).hasSingleBean(RunIdTaskDecorator.class).hasBean("mine"));
	}

	@Test
	void applicationTaskExecutorCarriesRunAndKeepsUserDecorator() {
		this.contextRunner.withUserConfiguration(UserDecorator.class).run((context) -> {
			AsyncTaskExecutor executor = context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class);
			assertCarriesRun(executor);
			RunContext.run(RunId.fromString("with-user-decorator"), () -> executor.execute(() -> {
			}));
			assertThat(UserDecorator.decorated.poll(10, TimeUnit.SECONDS)).isEqualTo("decorated");
		});
	}

	@Test
	void taskSchedulerCarriesRun() {
		this.contextRunner.withUserConfiguration(SchedulingOn.class).run((context) -> {
			TaskScheduler scheduler = context.getBean(TaskScheduler.class);
			assertCarriesRun((task) -> scheduler.schedule(task, java.time.Instant.now()));
		});
	}

	@Test
	void simpleAsyncTaskSchedulerCarriesRunFromWhereTheTaskIsScheduled() {
		// the scheduler Boot uses with spring.threads.virtual.enabled=true (Java 21+); it
		// decorates tasks only when they fire
		this.contextRunner
			.withBean("taskScheduler", SimpleAsyncTaskScheduler.class,
					() -> new SimpleAsyncTaskSchedulerBuilder().taskDecorator(new RunIdTaskDecorator()).build())
			.run((context) -> {
				SimpleAsyncTaskScheduler scheduler = context.getBean(SimpleAsyncTaskScheduler.class);
				assertCarriesRun((task) -> scheduler.schedule(task, java.time.Instant.now()));
				assertCarriesRun((task) -> scheduler.schedule(task, java.time.Instant.now().plusMillis(20)));
				assertCarriesRun(scheduler);
			});
	}

	@Test
	void leavesSimpleAsyncTaskSchedulersAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.withBean("taskScheduler", SimpleAsyncTaskScheduler.class, SimpleAsyncTaskScheduler::new)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RunIdSimpleAsyncTaskSchedulerPostProcessor.class);
				assertThat(context.getBean(SimpleAsyncTaskScheduler.class).getClass())
					.isEqualTo(SimpleAsyncTaskScheduler.class);
			});
	}

	@Test
	void executorsFromBootBuildersCarryRun() {
		this.contextRunner.run((context) -> {
			ThreadPoolTaskExecutor pool = context.getBean(ThreadPoolTaskExecutorBuilder.class).build();
			pool.initialize();
			try {
				assertCarriesRun(pool);
			}
			finally {
				pool.shutdown();
			}
			SimpleAsyncTaskExecutor simple = context.getBean(SimpleAsyncTaskExecutorBuilder.class).build();
			assertCarriesRun(simple);
		});
	}

	static void assertCarriesRun(java.util.concurrent.Executor executor) throws Exception {
		BlockingQueue<String> seen = new ArrayBlockingQueue<>(10);
		RunId runId = RunId.generate();
		RunContext.run(runId, () -> executor.execute(() -> seen.add(current())));
		assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(runId.value());
		executor.execute(() -> seen.add(current()));
		assertThat(seen.poll(10, TimeUnit.SECONDS)).as("task submitted without run").isEqualTo("none");
	}

	private static String current() {
		return RunContext.current().map(RunId::value).orElse("none");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingOn {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDecorator {

		static final BlockingQueue<String> decorated = new ArrayBlockingQueue<>(10);

		@Bean
		TaskDecorator userDecorator() {
			return (task) -> () -> {
				decorated.add("decorated");
				task.run();
			};
		}

	}

}
