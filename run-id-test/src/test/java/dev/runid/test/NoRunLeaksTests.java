package dev.runid.test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Tests for {@link NoRunLeaks}, on cases run through JUnit's engine test kit: a run left
 * open on another thread fails the test, work that finishes within the timeout does not.
 */
class NoRunLeaksTests {

	static final AtomicReference<RunContext.Hold> leakedHold = new AtomicReference<>();

	static final ExecutorService pool = Executors.newFixedThreadPool(2);

	@AfterEach
	void releaseLeaks() {
		RunContext.Hold hold = leakedHold.getAndSet(null);
		if (hold != null) {
			hold.close();
		}
	}

	@AfterAll
	static void stopPool() {
		pool.shutdownNow();
	}

	@Test
	void runLeftOpenOnAnotherThreadFailsTheTestNamingTheRun() {
		WithRunIdTests.execute(LeakingCase.class)
			.testEvents()
			.assertThatEvents()
			.haveExactly(1,
					event(test("leaksAHold"),
							finishedWithFailure(
									message((text) -> text.contains("leaksAHold() left runs open: {run-leaked=1}")
											&& text.contains("50 ms")))));
	}

	@Test
	void workFinishingAfterTheTestWithinTheTimeoutIsNoLeak() {
		WithRunIdTests.execute(FinishingCase.class)
			.testEvents()
			.assertThatEvents()
			.haveExactly(1, event(test("startsWorkThatEndsLater"), finishedSuccessfully()));
	}

	@Test
	void testsOwnRunIsReleasedBeforeTheCheck() {
		WithRunIdTests.execute(OwnRunCase.class)
			.testEvents()
			.assertThatEvents()
			.haveExactly(1, event(test("runsInItsRun"), finishedSuccessfully()));
	}

	@Test
	void workerStillInTheTestsRunFailsTheTest() {
		try {
			WithRunIdTests.execute(WorkerInRunCase.class)
				.testEvents()
				.assertThatEvents()
				.haveExactly(1, event(test("leavesAWorkerInItsRun"),
						finishedWithFailure(message((text) -> text.contains("{run-1=1}")))));
		}
		finally {
			WorkerInRunCase.stop.countDown();
		}
	}

	@NoRunLeaks(timeoutMillis = 50)
	static class LeakingCase {

		@Test
		void leaksAHold() {
			leakedHold.set(RunContext.hold(RunId.fromString("run-leaked")));
		}

	}

	@NoRunLeaks(timeoutMillis = 10_000)
	static class FinishingCase {

		@Test
		void startsWorkThatEndsLater() {
			Thread testThread = Thread.currentThread();
			RunContext.Hold hold = RunContext.hold(RunId.fromString("run-finishing"));
			pool.execute(() -> {
				// ends only once the leak check waits for it
				awaitFrame(testThread, OpenRuns.class.getName(), "awaitNoneOpen");
				hold.close();
			});
		}

	}

	static void awaitFrame(Thread thread, String className, String methodName) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			for (StackTraceElement frame : thread.getStackTrace()) {
				if (frame.getClassName().equals(className) && frame.getMethodName().equals(methodName)) {
					return;
				}
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		throw new IllegalStateException(thread + " never reached " + className + "." + methodName);
	}

	@NoRunLeaks
	@WithRunId("run-1")
	static class OwnRunCase {

		@Test
		void runsInItsRun() {
			assertThat(RunContext.current()).contains(RunId.fromString("run-1"));
		}

	}

	@WithRunId("run-1")
	@NoRunLeaks(timeoutMillis = 50)
	static class WorkerInRunCase {

		static final CountDownLatch stop = new CountDownLatch(1);

		@Test
		void leavesAWorkerInItsRun() throws InterruptedException {
			CountDownLatch entered = new CountDownLatch(1);
			pool.execute(RunContext.wrap(() -> {
				entered.countDown();
				try {
					stop.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			entered.await(10, TimeUnit.SECONDS);
		}

	}

}
