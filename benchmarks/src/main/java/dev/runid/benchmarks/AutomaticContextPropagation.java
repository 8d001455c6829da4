package dev.runid.benchmarks;

import dev.runid.RunContext;
import dev.runid.spring.scope.RunScope;
import dev.runid.spring.reactor.RunIdSchedulerHook;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Hooks;

/**
 * JMH states that set up Reactor the way an application runs.
 */
public final class AutomaticContextPropagation {

	private AutomaticContextPropagation() {
	}

	/**
	 * Reactor's automatic context propagation switched on for the trial, as Boot's
	 * {@code spring.reactor.context-propagation=auto} does. The run-id accessor is
	 * registered through {@code META-INF/services}.
	 */
	@State(Scope.Benchmark)
	public static class On {

		@Setup(Level.Trial)
		public void enable() {
			Hooks.enableAutomaticContextPropagation();
		}

		@TearDown(Level.Trial)
		public void disable() {
			Hooks.disableAutomaticContextPropagation();
		}

	}

	/**
	 * What the starter sets up by default: {@link RunIdSchedulerHook} installed (the run
	 * carried per thread hop), the {@link RunScope} registered as a run listener, and
	 * Reactor's automatic context propagation left off.
	 */
	@State(Scope.Benchmark)
	public static class Starter {

		private final RunIdSchedulerHook hook = new RunIdSchedulerHook();

		private AutoCloseable registration = () -> {
		};

		@Setup(Level.Trial)
		public void setUp() {
			this.hook.afterPropertiesSet();
			this.registration = RunContext.addListener(new RunScope());
		}

		@TearDown(Level.Trial)
		public void tearDown() throws Exception {
			this.registration.close();
			this.hook.destroy();
		}

	}

	/**
	 * The starter with {@code run-id.reactor.automatic-context-propagation=true}: as
	 * {@link Starter}, and Reactor's automatic context propagation on.
	 */
	@State(Scope.Benchmark)
	public static class StarterAutomatic {

		private final Starter starter = new Starter();

		@Setup(Level.Trial)
		public void setUp() {
			this.starter.setUp();
			Hooks.enableAutomaticContextPropagation();
		}

		@TearDown(Level.Trial)
		public void tearDown() throws Exception {
			Hooks.disableAutomaticContextPropagation();
			this.starter.tearDown();
		}

	}

}
