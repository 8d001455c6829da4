package dev.runid;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * The tasks of {@link RunContext#wrap(Runnable)} and {@link RunContext#wrap(Callable)}:
 * each runs with the run captured when it was wrapped and leaves its worker thread as it
 * found it.
 */
final class RunTasks {

	private RunTasks() {
	}

	static Runnable wrap(Runnable task) {
		@Nullable RunId captured = RunContext.currentOrNull();
		return () -> {
			if (captured == null && RunContext.isClear()) {
				task.run();
				return;
			}
			try (RunContext scope = RunContext.pushForTask(captured)) {
				task.run();
			}
		};
	}

	static <T> Callable<T> wrap(Callable<T> task) {
		@Nullable RunId captured = RunContext.currentOrNull();
		return () -> {
			if (captured == null && RunContext.isClear()) {
				return task.call();
			}
			try (RunContext scope = RunContext.pushForTask(captured)) {
				return task.call();
			}
		};
	}

}
