package dev.runid.spring.registry;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.NewRun;
import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdRegistryAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdSchedulingAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdTaskExecutionAutoConfiguration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled executions on a real scheduler and {@code @NewRun} calls are recorded as runs
 * of their own, of kind {@code scheduled} and {@code method}.
 */
class RunRegistrySchedulingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class,
				RunIdTaskExecutionAutoConfiguration.class, RunIdSchedulingAutoConfiguration.class,
				TaskSchedulingAutoConfiguration.class, RunIdRegistryAutoConfiguration.class))
		.withPropertyValues("spring.application.name=jobs");

	@Test
	void everyScheduledExecutionIsARecordedRunAndAFailedOneIsFailed() {
		this.contextRunner.withUserConfiguration(NightlyJob.class).run((context) -> {
			NightlyJob job = context.getBean(NightlyJob.class);
			String failed = job.runs().poll(10, TimeUnit.SECONDS);
			String succeeded = job.runs().poll(10, TimeUnit.SECONDS);
			RunRegistry registry = context.getBean(RunRegistry.class);
			RunRecord failedRun = Awaitility.await()
				.until(() -> registry.find(failed).orElse(null), (run) -> run != null && run.endedAt() != null);
			assertThat(failedRun.status()).isEqualTo(RunStatus.FAILED);
			assertThat(failedRun.segments()).singleElement().satisfies((segment) -> {
				assertThat(segment.kind()).isEqualTo("scheduled");
				assertThat(segment.name()).isEqualTo("NightlyJob.run");
				assertThat(segment.service()).isEqualTo("jobs");
				assertThat(segment.httpStatus()).isNull();
				assertThat(segment.error())
					.isEqualTo(new RunError("java.lang.IllegalStateException", "first execution fails"));
			});
			RunRecord succeededRun = Awaitility.await()
				.until(() -> registry.find(succeeded).orElse(null), (run) -> run != null && run.endedAt() != null);
			assertThat(succeededRun.status()).isEqualTo(RunStatus.SUCCEEDED);
			assertThat(succeededRun.attributes()).containsEntry("execution", "2");
		});
	}

	@Test
	void newRunCallIsAChildRunOfKindMethod() {
		this.contextRunner.withUserConfiguration(Reports.class).run((context) -> {
			Reports reports = context.getBean(Reports.class);
			RunId parent = RunId.fromString("reg-newrun-parent");
			String child = RunContext.call(parent, reports::build);
			RunRegistry registry = context.getBean(RunRegistry.class);
			RunRecord childRun = registry.find(child).orElseThrow();
			assertThat(childRun.parentId()).isEqualTo("reg-newrun-parent");
			assertThat(childRun.segments()).singleElement().satisfies((segment) -> {
				assertThat(segment.kind()).isEqualTo("method");
				assertThat(segment.name()).isEqualTo("Reports.build");
				assertThat(segment.status()).isEqualTo(RunStatus.SUCCEEDED);
			});
			RunRecord parentRun = registry.find("reg-newrun-parent").orElseThrow();
			assertThat(parentRun.segments()).singleElement()
				.satisfies((segment) -> assertThat(segment.kind()).isEqualTo("manual"));
			assertThat(parentRun.children()).containsExactly(new RunRecord.RunChild(child, RunStatus.SUCCEEDED));
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class NightlyJob {

		private final BlockingQueue<String> runs = new LinkedBlockingQueue<>();

		private final AtomicInteger executions = new AtomicInteger();

		public BlockingQueue<String> runs() {
			return this.runs;
		}

		@Scheduled(fixedDelay = 50)
		public void run() {
			int execution = this.executions.incrementAndGet();
			if (execution > 2) {
				return;
			}
			this.runs.add(RunContext.current().orElseThrow().value());
			RunContext.setAttribute("execution", Integer.toString(execution));
			if (execution == 1) {
				throw new IllegalStateException("first execution fails");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Reports {

		@NewRun
		public String build() {
			return RunContext.current().orElseThrow().value();
		}

	}

}
