package dev.runid.spring.scope;

import dev.runid.RunId;
import org.jspecify.annotations.Nullable;

/**
 * Told by {@link RunScope} when a run becomes active in this process (its first scope
 * opens) and when it stops being active (its last scope closes), with a state of its own
 * that the scope keeps for the run meanwhile ({@link RunScope#state}). The run registry
 * uses it to record one segment per run and process without counting scopes a second
 * time.
 * <p>
 * {@link #started} is called on the thread that opens the run's first scope, while the
 * scope's bookkeeping for that run is locked: it must be fast, must not block, must not
 * throw, and must not enter or leave runs. {@link #ended} is called on the thread that
 * closes the last scope, after the bookkeeping is unlocked, and must not throw.
 *
 * @param <S> the type of the state kept per active run
 */
public interface RunActivity<S> {

	/**
	 * Called when a run became active in this process.
	 * @param runId the run
	 * @return the state to keep for the run while it is active, or {@code null} to keep
	 * none: then neither {@link #ended} nor {@link #attributeSet} is called for this
	 * activation of the run
	 */
	@Nullable S started(RunId runId);

	/**
	 * Called when a run stopped being active in this process.
	 * @param runId the run
	 * @param state the state that {@link #started} returned for it
	 */
	void ended(RunId runId, S state);

	/**
	 * Called on the calling thread after code set an attribute on a run that is active in
	 * this process ({@link dev.runid.RunContext#setAttribute}); the default does nothing.
	 * @param runId the run
	 * @param state the state that {@link #started} returned for it
	 * @param key the attribute's key, checked
	 * @param value the attribute's value, cut
	 */
	default void attributeSet(RunId runId, S state, String key, String value) {
	}

}
