package dev.runid.spring.web.reactive;

import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Turns on Reactor's automatic context propagation
 * ({@link Hooks#enableAutomaticContextPropagation()}) while the application context runs,
 * so that every operator of a request's pipeline, on whatever thread, sees the run that
 * the {@link RunIdWebFilter} wrote into the pipeline's {@code Context}.
 * <p>
 * The setting is global to the JVM. When the last application context that needed it
 * closes, it is turned off again, unless it was already on when the first one started.
 */
public final class RunIdReactorContextPropagation implements InitializingBean, DisposableBean {

	private static final Object monitor = new Object();

	/**
	 * Running instances; guarded by the monitor.
	 */
	private static int active;

	/**
	 * Whether an instance turned the setting on; guarded by the monitor.
	 */
	private static boolean turnedOn;

	private boolean running;

	@Override
	public void afterPropertiesSet() {
		synchronized (monitor) {
			if (this.running) {
				return;
			}
			if (!Hooks.isAutomaticContextPropagationEnabled()) {
				Hooks.enableAutomaticContextPropagation();
				turnedOn = true;
			}
			active++;
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
			if (--active == 0 && turnedOn) {
				Hooks.disableAutomaticContextPropagation();
				turnedOn = false;
			}
		}
	}

}
