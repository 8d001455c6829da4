package dev.runid;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class RunContextWrapTests {

	private final ExecutorService pool = Executors.newSingleThreadExecutor();

	@AfterEach
	void shutdown() throws Exception {
		this.pool.shutdownNow();
		this.pool.awaitTermination(10, TimeUnit.SECONDS);
	}

	private static @Nullable String seen() {
		return RunContext.current().map(RunId::value).orElse(null) + "|" + MDC.get("runId");
	}

	@Test
	void singleThreadPoolReusedAcrossManyRunsNeverSeesStaleRun() throws Exception {
		ExecutorService wrapped = RunContext.wrap(this.pool);
		List<Future<String>> futures = new ArrayList<>();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			if (i % 3 == 0) {
				futures.add(wrapped.submit(RunContextWrapTests::seen));
				expected.add("null|null");
			}
			else {
				RunId runId = RunId.generate();
				try (RunContext scope = RunContext.enter(runId)) {
					futures.add(wrapped.submit(RunContextWrapTests::seen));
				}
				expected.add(runId + "|" + runId);
			}
		}
		List<String> actual = new ArrayList<>();
		for (Future<String> future : futures) {
			actual.add(future.get(10, TimeUnit.SECONDS));
		}
		assertThat(actual).isEqualTo(expected);
		assertThat(this.pool.submit(RunContextWrapTests::seen).get()).as("worker after all tasks")
			.isEqualTo("null|null");
	}

	@Test
	void wrappedTaskWithoutRunClearsARunLeftOnTheWorker() throws Exception {
		RunId leaked = RunId.fromString("leaked");
		// a task that (wrongly) leaves a run on the worker thread
		this.pool.submit(() -> RunContext.enter(leaked)).get();
		Callable<String> wrapped = RunContext.wrap(RunContextWrapTests::seen);
		assertThat(this.pool.submit(wrapped).get()).isEqualTo("null|null");
		assertThat(this.pool.submit(RunContextWrapTests::seen).get()).isEqualTo("leaked|leaked");
	}

	@Test
	void wrappedTaskNeverSeesNorLeavesStaleMdcOfAWorkerWithoutRun() throws Exception {
		// values under the run-id MDC keys that no scope owns, e.g. put by code that
		// bypassed run-id
		this.pool.submit(() -> {
			MDC.put("runId", "stale");
			MDC.put("parentRunId", "stale-parent");
		}).get();
		assertThat(this.pool.submit(RunContext.wrap(RunContextWrapTests::seen)).get()).isEqualTo("null|null");
		assertThat(this.pool.submit(() -> MDC.get("runId") + "|" + MDC.get("parentRunId")).get())
			.isEqualTo("null|null");
		this.pool.submit(() -> MDC.put("runId", "stale")).get();
		RunId runId = RunId.fromString("fresh");
		Callable<String> task;
		try (RunContext scope = RunContext.enter(runId)) {
			task = RunContext.wrap(RunContextWrapTests::seen);
		}
		assertThat(this.pool.submit(task).get()).isEqualTo("fresh|fresh");
		assertThat(this.pool.submit(() -> String.valueOf(MDC.get("runId"))).get()).isEqualTo("null");
	}

	@Test
	void wrapRunnableCapturesAtWrapTime() throws Exception {
		RunId runId = RunId.fromString("captured");
		List<String> seen = new ArrayList<>();
		Runnable task;
		try (RunContext scope = RunContext.enter(runId)) {
			task = RunContext.wrap((Runnable) () -> seen.add(seen()));
		}
		this.pool.submit(task).get();
		try (RunContext scope = RunContext.enter(RunId.fromString("other"))) {
			task.run();
			assertThat(RunContext.current().orElseThrow().value()).isEqualTo("other");
		}
		assertThat(seen).containsExactly("captured|captured", "captured|captured");
	}

	@Test
	void wrapExecutorAndInvokeAll() throws Exception {
		RunId runId = RunId.fromString("fan-out");
		List<String> results = new ArrayList<>();
		try (RunContext scope = RunContext.enter(runId)) {
			List<Callable<String>> tasks = List.of(RunContextWrapTests::seen, RunContextWrapTests::seen);
			for (Future<String> future : RunContext.wrap(this.pool).invokeAll(tasks)) {
				results.add(future.get());
			}
			List<String> viaExecutor = new ArrayList<>();
			java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
			RunContext.wrap((java.util.concurrent.Executor) this.pool).execute(() -> {
				viaExecutor.add(seen());
				latch.countDown();
			});
			latch.await(10, TimeUnit.SECONDS);
			results.addAll(viaExecutor);
		}
		assertThat(results).containsExactly("fan-out|fan-out", "fan-out|fan-out", "fan-out|fan-out");
	}

}
