package dev.runid;

import java.util.Objects;

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
		setTo(value);
	}

	@Override
	public void setValue() {
		setTo(null);
	}

	@Override
	public void restore(RunId previousValue) {
		restoreTo(previousValue);
	}

	@Override
	public void restore() {
		restoreTo(null);
	}

	@Override
	@Deprecated
	public void reset() {
		restoreTo(null);
	}

	/**
	 * Set a value. Context propagation sets and restores values at every thread hop and,
	 * in Reactor, at every edge of a pipeline, often with the run that is already current
	 * or with no run on a thread that has none: those calls change nothing and push
	 * nothing.
	 */
	private static void setTo(@Nullable RunId runId) {
		RunContext top = RunContext.top();
		boolean unchanged = (top != null) ? Objects.equals(runId, top.run()) : (runId == null && RunContext.isClear());
		if (!unchanged) {
			RunContext.push(runId, true);
		}
	}

	/**
	 * Restore the run that was current before the accessor set a value: pops the
	 * accessor's scope if it sits on that run, does nothing if the value was left as it
	 * was, and if neither gives the expected run (unbalanced calls), sets it outright.
	 */
	private static void restoreTo(@Nullable RunId expected) {
		RunContext top = RunContext.top();
		if (top != null && top.isFromAccessor()) {
			RunContext previous = top.previous();
			RunId below = (previous != null) ? previous.run() : null;
			if (Objects.equals(below, expected)) {
				top.pop();
				return;
			}
		}
		RunId now = (top != null) ? top.run() : null;
		if (Objects.equals(now, expected)) {
			return;
		}
		if (top != null && top.isFromAccessor()) {
			top.pop();
			top = RunContext.top();
			now = (top != null) ? top.run() : null;
			if (Objects.equals(now, expected)) {
				return;
			}
		}
		if (expected == null) {
			while (top != null) {
				top.pop();
				top = RunContext.top();
			}
		}
		else {
			RunContext.push(expected, true);
		}
	}

}
