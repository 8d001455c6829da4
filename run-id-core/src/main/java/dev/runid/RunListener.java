package dev.runid;

/**
 * Told when a thread of this process starts or stops taking part in a run through
 * {@link RunContext#enter(RunId)}, {@link RunContext#run}, {@link RunContext#call} or a
 * task made by one of the {@code RunContext.wrap} methods. Scopes that re-enter the run
 * that is already current on the thread, and values set by the
 * {@link RunIdThreadLocalAccessor}, are not reported.
 * <p>
 * A listener that counts {@link #entered} against {@link #exited} per run value knows
 * when the last scope of a run in this process has ended. A scope's calls come on the
 * thread that enters or leaves the run; the calls of a {@link RunContext#hold} come on
 * the thread that takes it and on the thread that closes it, which may be any. So both
 * methods must be fast and thread-safe, and they must not throw.
 * <p>
 * {@link #attributeSet} is told of the attributes that code sets on its current run with
 * {@link RunContext#setAttribute}; the default does nothing.
 */
public interface RunListener {

	/**
	 * A registered listener, from {@link RunContext#addListener}: closing it removes the
	 * listener. Closing more than once does nothing.
	 */
	interface Registration extends AutoCloseable {

		/**
		 * Remove the listener.
		 */
		@Override
		void close();

	}

	/**
	 * Called after the run became current on the calling thread, or after a
	 * {@link RunContext#hold} of the run was taken on the calling thread.
	 * @param runId the run
	 */
	void entered(RunId runId);

	/**
	 * Called after the scope that made the run current on the calling thread ended, or
	 * after a {@link RunContext#hold} of the run was closed; a hold may be closed on any
	 * thread, so this call may come on a thread where the run was never current.
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
