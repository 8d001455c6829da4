package dev.runid.benchmarks;

import dev.runid.RunContext;
import dev.runid.spring.RunScope;
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
	 * Reactor's automatic context propagation switched on for the trial, as the run-id
	 * starter does by default in reactive web applications
	 * ({@code run-id.reactor.automatic-context-propagation=true}). The run-id accessor is
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
	 * What the starter sets up in a reactive web application by default: automatic
	 * context propagation on and the {@link RunScope} registered as a run listener.
	 */
	@State(Scope.Benchmark)
	public static class Starter {

		private AutoCloseable registration = () -> {
		};

		@Setup(Level.Trial)
		public void setUp() {
			Hooks.enableAutomaticContextPropagation();
			this.registration = RunContext.addListener(new RunScope());
		}

		@TearDown(Level.Trial)
		public void tearDown() throws Exception {
			this.registration.close();
			Hooks.disableAutomaticContextPropagation();
		}

	}

}
