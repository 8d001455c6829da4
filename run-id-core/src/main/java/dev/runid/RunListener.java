package dev.runid;

/**
 * Told when a thread of this process starts or stops taking part in a run through
 * {@link RunContext#enter(RunId)}, {@link RunContext#run}, {@link RunContext#call} or a
 * task made by one of the {@code RunContext.wrap} methods. Scopes that re-enter the run
 * that is already current on the thread, and values set by the
 * {@link RunIdThreadLocalAccessor}, are not reported.
 * <p>
 * A listener that counts {@link #entered} against {@link #exited} per run value knows
 * when the last scope of a run in this process has ended. Both methods are called on the
 * thread that enters or leaves the run, so they must be fast and thread-safe, and they
 * must not throw.
 * <p>
 * {@link #attributeSet} is told of the attributes that code sets on its current run with
 * {@link RunContext#setAttribute}; the default does nothing.
 */
public interface RunListener {

	/**
	 * Called after the run became current on the calling thread.
	 * @param runId the run
	 */
	void entered(RunId runId);

	/**
	 * Called after the scope that made the run current on the calling thread ended.
	 * @param runId the run
	 */
	void exited(RunId runId);

	/**
	 * Called on the calling thread after code set an attribute on its current run with
	 * {@link RunContext#setAttribute}. The key and value are already checked and cut.
	 * @param runId the run
	 * @param key the attribute's key
	 * @param value the attribute's value
	 */
	default void attributeSet(RunId runId, String key, String value) {
	}

}
