package dev.runid.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdSchedulingAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdTaskExecutionAutoConfiguration;
import jakarta.annotation.PreDestroy;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled executions on a real scheduler, and {@link NewRun} methods.
 */
class RunIdSchedulingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdTaskExecutionAutoConfiguration.class,
					RunIdSchedulingAutoConfiguration.class, TaskSchedulingAutoConfiguration.class));

	@Test
	void everyScheduledExecutionIsARunOfItsOwn() {
		this.contextRunner.withUserConfiguration(ScheduledJob.class).run((context) -> {
			ScheduledJob job = context.getBean(ScheduledJob.class);
			List<String> executions = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				executions.add(job.executions().poll(10, TimeUnit.SECONDS));
			}
			Set<String> runs = new HashSet<>();
			for (String execution : executions) {
				String[] parts = execution.split("\\|");
				assertThat(RunId.isValid(parts[0])).as(execution).isTrue();
				assertThat(parts[1]).as("MDC of " + execution).isEqualTo(parts[0]);
				assertThat(parts[2]).as("no parent").isEqualTo("null");
				assertThat(parts[3]).as("run-scoped bean of this execution").isEqualTo(parts[0] + "#1");
				runs.add(parts[0]);
			}
			assertThat(runs).as("no two executions share a run").hasSize(6);
			// between executions, the scheduler thread holds no run (with virtual
			// threads,
			// Boot's SimpleAsyncTaskScheduler runs each execution on a new thread)
			if (context.getBean(TaskScheduler.class) instanceof ThreadPoolTaskScheduler scheduler) {
				String between = scheduler.getScheduledExecutor()
					.submit(() -> RunContext.current().map(RunId::value).orElse("none") + "|" + MDC.get("runId"))
					.get(10, TimeUnit.SECONDS);
				assertThat(between).isEqualTo("none|null");
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(Counter.destroyed.get()).isGreaterThanOrEqualTo(6));
		});
	}

	@Test
	void scheduledExecutionsHaveNoRunWhenSwitchedOff() {
		this.contextRunner.withUserConfiguration(ScheduledJob.class)
			.withPropertyValues("run-id.scheduling.enabled=false")
			.run((context) -> {
				String execution = context.getBean(ScheduledJob.class).executions().poll(10, TimeUnit.SECONDS);
				assertThat(execution).startsWith("none|null|null|");
			});
	}

	@Test
	void newRunMethodRunsAsRootRunOrAsChildOfCurrentRun() {
		this.contextRunner.withUserConfiguration(Listener.class).run((context) -> {
			Listener listener = context.getBean(Listener.class);
			String root = listener.onMessage();
			String[] rootParts = root.split("\\|");
			assertThat(RunId.isValid(rootParts[0])).isTrue();
			assertThat(rootParts[1]).isEqualTo(rootParts[0]);
			assertThat(rootParts[2]).isEqualTo("null");
			assertThat(RunContext.current()).isEmpty();
			RunId outer = RunId.fromString("outer-run");
			RunContext.run(outer, () -> {
				String child = listener.onMessage();
				String[] parts = child.split("\\|");
				assertThat(parts[0]).isNotEqualTo("outer-run");
				assertThat(parts[2]).isEqualTo("outer-run");
				assertThat(RunContext.current()).contains(outer);
				assertThat(MDC.get("runId")).isEqualTo("outer-run");
			});
			assertThat(listener.onMessage().split("\\|")[0]).as("each call a new run").isNotEqualTo(rootParts[0]);
		});
	}

	@Test
	void newRunOnTypeAppliesToItsMethods() {
		this.contextRunner.withUserConfiguration(TypeLevel.class).run((context) -> {
			String seen = context.getBean(TypeLevel.class).work();
			assertThat(RunId.isValid(seen.split("\\|")[0])).isTrue();
		});
	}

	static String seen() {
		return RunContext.current().map(RunId::value).orElse("none") + "|" + MDC.get("runId") + "|"
				+ MDC.get("parentRunId");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class ScheduledJob {

		final BlockingQueue<String> executions = new LinkedBlockingQueue<>();

		private final Counter counter;

		ScheduledJob(Counter counter) {
			this.counter = counter;
		}

		BlockingQueue<String> executions() {
			return this.executions;
		}

		@Scheduled(fixedDelay = 15)
		void nightlyBatch() {
			String scoped;
			try {
				scoped = this.counter.increment();
			}
			catch (IllegalStateException ex) {
				scoped = "no-run";
			}
			this.executions.add(seen() + "|" + scoped);
		}

		@Bean
		@RunScoped
		static Counter counter() {
			return new Counter();
		}

	}

	static class Counter {

		static final AtomicInteger destroyed = new AtomicInteger();

		private final String runId = RunContext.current().map(RunId::value).orElse("none");

		private final AtomicInteger count = new AtomicInteger();

		String increment() {
			return this.runId + "#" + this.count.incrementAndGet();
		}

		@PreDestroy
		void destroy() {
			destroyed.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		@NewRun
		String onMessage() {
			return seen();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@NewRun
	static class TypeLevel {

		String work() {
			return seen();
		}

	}

}
