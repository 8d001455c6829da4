package dev.runid.spring.reactor;

import java.util.function.Function;

import dev.runid.RunContext;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Schedulers;

/**
 * Carries the current run into every task scheduled on Reactor's {@code Schedulers}
 * ({@code publishOn}, {@code subscribeOn}, {@code delayElement}, timeouts, ...), through
 * {@link Schedulers#onScheduleHook(String, Function)} under the key {@value #KEY}: a task
 * scheduled while a run is current runs with that run, through {@link RunContext#wrap},
 * and leaves the worker as it found it. A task scheduled without a run is left as it is,
 * so the hook costs next to nothing outside runs; so is every task while Reactor's
 * automatic context propagation is on, since Reactor then carries the run itself.
 * <p>
 * The hook is global to the JVM. It is installed while at least one instance is running
 * (between {@link #afterPropertiesSet()} and {@link #destroy()}) and removed when the
 * last one stops.
 */
public final class RunIdSchedulerHook extends JvmWideSetting.Holder {

	/**
	 * The key of the hook in {@link Schedulers#onScheduleHook(String, Function)}.
	 */
	public static final String KEY = "dev.runid";

	private static final JvmWideSetting hook = new JvmWideSetting(() -> false,
			() -> Schedulers.onScheduleHook(KEY, RunIdSchedulerHook::decorate),
			() -> Schedulers.resetOnScheduleHook(KEY));

	/**
	 * Create a bean that installs the hook when it starts.
	 */
	public RunIdSchedulerHook() {
		super(hook);
	}

	private static Runnable decorate(Runnable task) {
		// with automatic context propagation on, Reactor's own hook carries the run
		return (RunContext.current().isPresent() && !Hooks.isAutomaticContextPropagationEnabled())
				? RunContext.wrap(task) : task;
	}

}
