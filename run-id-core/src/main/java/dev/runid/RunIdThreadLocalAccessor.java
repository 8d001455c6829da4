package dev.runid;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Context-propagation {@link ThreadLocalAccessor} for the current run, so that
 * {@code ContextSnapshot}, Reactor's context propagation and Spring's
 * {@code ContextPropagatingTaskDecorator} carry the run, and its MDC entries, across
 * threads. Registered through {@code META-INF/services}.
 * <p>
 * Setting a value makes the run current as {@link RunContext#enter(RunId)} does;
 * restoring returns to the previous run and MDC values; restoring "no value" clears the
 * run and its MDC entries.
 */
public final class RunIdThreadLocalAccessor implements ThreadLocalAccessor<RunId> {

	/**
	 * The key of the current run in a {@code ContextSnapshot} or a Reactor
	 * {@code Context}.
	 */
	public static final String KEY = "dev.runid.run";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable RunId getValue() {
		return RunContext.currentOrNull();
	}

	@Override
	public void setValue(RunId value) {
		RunContext.setFromAccessor(value);
	}

	@Override
	public void setValue() {
		RunContext.setFromAccessor(null);
	}

	@Override
	public void restore(RunId previousValue) {
		RunContext.restoreFromAccessor(previousValue);
	}

	@Override
	public void restore() {
		RunContext.restoreFromAccessor(null);
	}

	@Override
	@Deprecated
	public void reset() {
		RunContext.restoreFromAccessor(null);
	}

}
