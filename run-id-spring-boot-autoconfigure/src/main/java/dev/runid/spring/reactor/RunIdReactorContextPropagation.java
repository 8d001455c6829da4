package dev.runid.spring.reactor;

import reactor.core.publisher.Hooks;

/**
 * Turns on Reactor's automatic context propagation
 * ({@link Hooks#enableAutomaticContextPropagation()}) while the application context runs,
 * so that Reactor restores the run from a pipeline's {@code Context} at every operator,
 * also where signals arrive on threads that run-id does not see. Registered only with
 * {@code run-id.reactor.automatic-context-propagation=true}.
 * <p>
 * The setting is global to the JVM. When the last application context that needed it
 * closes, it is turned off again, unless it was already on when the first one started.
 */
public final class RunIdReactorContextPropagation extends JvmWideSetting.Holder {

	private static final JvmWideSetting automaticPropagation = new JvmWideSetting(
			Hooks::isAutomaticContextPropagationEnabled, Hooks::enableAutomaticContextPropagation,
			Hooks::disableAutomaticContextPropagation);

	/**
	 * Create a bean that turns the propagation on when it starts.
	 */
	public RunIdReactorContextPropagation() {
		super(automaticPropagation);
	}

}
