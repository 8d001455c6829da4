package dev.runid.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdTaskExecutionAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 tasks of many interleaved runs on small pools: each task sees its own run, and no
 * pool thread holds a run afterwards.
 */
class RunFanOutLoadTests {

	private static final int RUNS = 50;

	private static final int TASKS_PER_RUN = 20;

	@Test
	void asyncMethodsOnBootsExecutorSeeTheirOwnRun() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class,
					RunIdTaskExecutionAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(AsyncTools.class)
			.withPropertyValues("spring.task.execution.pool.core-size=4", "spring.task.execution.pool.max-size=4")
			.run((context) -> {
				AsyncTools tools = context.getBean(AsyncTools.class);
				ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
				ExecutorService submitters = Executors.newFixedThreadPool(8);
				List<Future<?>> submitted = new ArrayList<>();
				for (int r = 0; r < RUNS; r++) {
					RunId runId = RunId.generate();
					submitted.add(submitters.submit(() -> RunContext.run(runId, () -> {
						List<CompletableFuture<String>> calls = new ArrayList<>();
						for (int t = 0; t < TASKS_PER_RUN; t++) {
							calls.add(tools.call());
						}
						for (CompletableFuture<String> call : calls) {
							String seen = call.join();
							if (!seen.equals(runId + "|" + runId)) {
								mismatches.add(runId + " saw " + seen);
							}
						}
					})));
				}
				for (Future<?> future : submitted) {
					future.get(60, TimeUnit.SECONDS);
				}
				submitters.shutdown();
				assertThat(mismatches).isEmpty();
				assertThat(tools.call().get(10, TimeUnit.SECONDS)).as("a call without run").isEqualTo("none|null");
			});
	}

	@Test
	void wrappedPoolFanOutSeesOwnRunAndLeavesThreadsClean() throws Exception {
		int threads = 3;
		ExecutorService raw = Executors.newFixedThreadPool(threads);
		ExecutorService pool = RunContext.wrap(raw);
		try {
			List<RunId> runs = new ArrayList<>();
			for (int r = 0; r < RUNS; r++) {
				runs.add(RunId.generate(RunId.fromString("outer")));
			}
			List<CompletableFuture<String>> results = new ArrayList<>();
			List<String> expected = new ArrayList<>();
			for (int t = 0; t < RUNS * TASKS_PER_RUN; t++) {
				RunId runId = runs.get(t % RUNS);
				if (t % 7 == 0) {
					results.add(CompletableFuture.supplyAsync(RunFanOutLoadTests::seen, pool));
					expected.add("none|null|null");
				}
				else {
					try (RunContext scope = RunContext.enter(runId)) {
						results.add(CompletableFuture.supplyAsync(RunFanOutLoadTests::seen, pool));
					}
					expected.add(runId + "|" + runId + "|outer");
				}
			}
			List<String> actual = new ArrayList<>();
			for (CompletableFuture<String> result : results) {
				actual.add(result.get(30, TimeUnit.SECONDS));
			}
			assertThat(actual).isEqualTo(expected);
			// each raw pool thread, unwrapped, holds nothing afterwards
			CyclicBarrier barrier = new CyclicBarrier(threads);
			ConcurrentLinkedQueue<String> leftovers = new ConcurrentLinkedQueue<>();
			CountDownLatch done = new CountDownLatch(threads);
			for (int i = 0; i < threads; i++) {
				raw.execute(() -> {
					try {
						barrier.await(10, TimeUnit.SECONDS);
						leftovers.add(seen());
					}
					catch (Exception ex) {
						leftovers.add(ex.toString());
					}
					done.countDown();
				});
			}
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(leftovers).hasSize(threads).containsOnly("none|null|null");
		}
		finally {
			pool.shutdownNow();
		}
	}

	static String seen() {
		return RunContext.current().map(RunId::value).orElse("none") + "|" + MDC.get("runId") + "|"
				+ MDC.get("parentRunId");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncTools {

		@Async
		CompletableFuture<String> call() {
			return CompletableFuture
				.completedFuture(RunContext.current().map(RunId::value).orElse("none") + "|" + MDC.get("runId"));
		}

	}

}
