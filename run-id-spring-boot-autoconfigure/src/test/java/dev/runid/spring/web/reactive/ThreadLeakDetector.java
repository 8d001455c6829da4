package dev.runid.spring.web.reactive;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import reactor.core.scheduler.Schedulers;

/**
 * Finds runs left behind on threads: checks every task that Reactor's schedulers run,
 * before it starts and after it ends, and on demand every Netty event loop that served a
 * request.
 * <p>
 * The check is a scheduler hook installed after Reactor's own context-propagation hook,
 * so it wraps that hook's task and sees the worker thread as the previous task left it.
 */
final class ThreadLeakDetector {

	private static final String KEY = "run-id-leak-check";

	private static final List<String> leaks = new CopyOnWriteArrayList<>();

	private static final Set<EventLoop> eventLoops = ConcurrentHashMap.newKeySet();

	private ThreadLeakDetector() {
	}

	static void install() {
		eventLoops.removeIf(EventLoop::isShuttingDown);
		Schedulers.resetOnScheduleHook(KEY);
		Schedulers.onScheduleHook(KEY, (task) -> {
			// an executor behind a scheduler may run the task with the run it was
			// scheduled in (Boot's applicationTaskExecutor with virtual threads,
			// decorated
			// by run-id, outside this hook): that run is expected, any other is a leak
			String expected = RunContext.current().map(RunId::value).orElse(null);
			return () -> {
				check("before a scheduled task", expected);
				try {
					task.run();
				}
				finally {
					check("after a scheduled task", expected);
				}
			};
		});
	}

	static void uninstall() {
		Schedulers.resetOnScheduleHook(KEY);
		eventLoops.clear();
	}

	static void servedBy(EventLoop eventLoop) {
		eventLoops.add(eventLoop);
	}

	/**
	 * Run the check on every Netty event loop that served a request, and on the parallel
	 * and bounded-elastic schedulers.
	 */
	static void checkThreads() throws Exception {
		for (EventLoop eventLoop : eventLoops) {
			for (EventExecutor executor : eventLoop.parent()) {
				if (executor.isShuttingDown()) {
					continue;
				}
				executor.submit(() -> check("on an event loop", null)).get(10, TimeUnit.SECONDS);
			}
		}
		// the installed hook checks the worker before each of these tasks
		CountDownLatch done = new CountDownLatch(32);
		for (int i = 0; i < 16; i++) {
			Schedulers.parallel().schedule(done::countDown);
			Schedulers.boundedElastic().schedule(done::countDown);
		}
		if (!done.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Scheduler checks did not run");
		}
	}

	static List<String> leaks() {
		return List.copyOf(leaks);
	}

	static void clear() {
		leaks.clear();
	}

	private static void check(String where, @Nullable String expected) {
		String run = RunContext.current().map(RunId::value).orElse(null);
		String mdc = MDC.get("runId");
		if ((run != null && !run.equals(expected)) || (mdc != null && !mdc.equals(expected))) {
			leaks.add(Thread.currentThread().getName() + " " + where + ": run " + run + ", MDC runId " + mdc);
		}
	}

}
