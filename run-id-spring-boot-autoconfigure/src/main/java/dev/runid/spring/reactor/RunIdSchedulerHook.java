package dev.runid.spring.reactor;

import java.util.function.Function;

import dev.runid.RunContext;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Carries the current run into every task scheduled on Reactor's {@code Schedulers}
 * ({@code publishOn}, {@code subscribeOn}, {@code delayElement}, timeouts, ...), through
 * {@link Schedulers#onScheduleHook(String, Function)} under the key {@value #KEY}: a task
 * scheduled while a run is current runs with that run, through {@link RunContext#wrap},
 * and leaves the worker as it found it. A task scheduled without a run is left as it is,
 * so the hook costs next to nothing outside runs.
 * <p>
 * The hook is global to the JVM. It is installed while at least one instance is running
 * (between {@link #afterPropertiesSet()} and {@link #destroy()}) and removed when the
 * last one stops.
 */
public final class RunIdSchedulerHook implements InitializingBean, DisposableBean {

	/**
	 * The key of the hook in {@link Schedulers#onScheduleHook(String, Function)}.
	 */
	public static final String KEY = "dev.runid";

	private static final Object monitor = new Object();

	/**
	 * Running instances; guarded by the monitor.
	 */
	private static int active;

	private boolean running;

	@Override
	public void afterPropertiesSet() {
		synchronized (monitor) {
			if (this.running) {
				return;
			}
			if (active++ == 0) {
				Schedulers.onScheduleHook(KEY, RunIdSchedulerHook::decorate);
			}
			this.running = true;
		}
	}

	@Override
	public void destroy() {
		synchronized (monitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			if (--active == 0) {
				Schedulers.resetOnScheduleHook(KEY);
			}
		}
	}

	private static Runnable decorate(Runnable task) {
		return RunContext.current().isPresent() ? RunContext.wrap(task) : task;
	}

}
