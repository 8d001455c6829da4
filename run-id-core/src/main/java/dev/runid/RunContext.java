package dev.runid;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * The current run of the calling thread, and a scope that made it current.
 * <p>
 * {@link #enter(RunId)} makes a run current and returns this scope; {@link #close()}
 * restores exactly what was current before, so scopes nest: <pre>{@code
 * try (RunContext scope = RunContext.enter(RunId.generate())) {
 *     log.info("agent_started"); // MDC runId is set
 * }
 * }</pre> While a run is current and SLF4J is on the class path, the MDC holds its value
 * under {@link MdcKeys#runId()} and its parent's under {@link MdcKeys#parentRunId()};
 * closing the scope restores the MDC values that were there before. A scope belongs to
 * the thread that entered it: close it there, innermost first. Closing twice does
 * nothing; closing out of order throws an {@link IllegalStateException} and changes
 * nothing.
 * <p>
 * The {@code wrap} methods carry the caller's run into tasks run on other threads.
 */
public final class RunContext implements AutoCloseable {

	private static final ThreadLocal<RunContext> CURRENT = new ThreadLocal<>();

	private static volatile MdcKeys mdcKeys = MdcKeys.DEFAULT;

	private final @Nullable RunId runId;

	private final @Nullable RunContext previous;

	private final MdcKeys keys;

	private final @Nullable String previousMdcRunId;

	private final @Nullable String previousMdcParentRunId;

	private final boolean reported;

	private final boolean fromAccessor;

	private boolean closed;

	private boolean cleanOnClose;

	private RunContext(@Nullable RunId runId, @Nullable RunContext previous, MdcKeys keys,
			@Nullable String previousMdcRunId, @Nullable String previousMdcParentRunId, boolean reported,
			boolean fromAccessor) {
		this.runId = runId;
		this.previous = previous;
		this.keys = keys;
		this.previousMdcRunId = previousMdcRunId;
		this.previousMdcParentRunId = previousMdcParentRunId;
		this.reported = reported;
		this.fromAccessor = fromAccessor;
	}

	/**
	 * The current run of the calling thread.
	 * @return the current run, or empty if none
	 */
	public static Optional<RunId> current() {
		return Optional.ofNullable(currentOrNull());
	}

	static @Nullable RunId currentOrNull() {
		RunContext top = CURRENT.get();
		return (top != null) ? top.runId : null;
	}

	/**
	 * Make a run current on the calling thread until the returned scope is closed.
	 * @param runId the run to make current
	 * @return the scope, to close on this thread
	 */
	public static RunContext enter(RunId runId) {
		Objects.requireNonNull(runId, "runId must not be null");
		return push(runId, false);
	}

	/**
	 * Run a task with a run current.
	 * @param runId the run
	 * @param task the task
	 */
	public static void run(RunId runId, Runnable task) {
		try (RunContext scope = enter(runId)) {
			task.run();
		}
	}

	/**
	 * Call a task with a run current.
	 * @param <T> the result type
	 * @param runId the run
	 * @param task the task
	 * @return the task's result
	 * @throws Exception what the task throws
	 */
	public static <T> T call(RunId runId, Callable<T> task) throws Exception {
		try (RunContext scope = enter(runId)) {
			return task.call();
		}
	}

	/**
	 * Wrap a task so that it runs with the run that is current now (or with no run if
	 * none is) and leaves the worker thread as it found it.
	 * @param task the task
	 * @return the wrapped task
	 */
	public static Runnable wrap(Runnable task) {
		return RunTasks.wrap(task);
	}

	/**
	 * Wrap a task so that it runs with the run that is current now (or with no run if
	 * none is) and leaves the worker thread as it found it.
	 * @param <T> the result type
	 * @param task the task
	 * @return the wrapped task
	 */
	public static <T> Callable<T> wrap(Callable<T> task) {
		return RunTasks.wrap(task);
	}

	/**
	 * Wrap an executor so that every task runs with the run that was current when it was
	 * submitted.
	 * @param executor the executor
	 * @return the wrapping executor
	 */
	public static Executor wrap(Executor executor) {
		Objects.requireNonNull(executor, "executor must not be null");
		return (task) -> executor.execute(wrap(task));
	}

	/**
	 * Wrap an executor service so that every task runs with the run that was current when
	 * it was submitted. Shutting down the wrapper shuts down the delegate.
	 * @param executor the executor service
	 * @return the wrapping executor service
	 */
	public static ExecutorService wrap(ExecutorService executor) {
		Objects.requireNonNull(executor, "executor must not be null");
		return new RunPropagatingExecutorService(executor);
	}

	/**
	 * Set the MDC keys used by scopes entered from now on. Scopes already open restore
	 * the keys they wrote. Applications set this once at startup (the Spring Boot
	 * auto-configuration binds it to {@code run-id.mdc-key} and
	 * {@code run-id.parent-mdc-key}).
	 * @param keys the keys
	 * @return the keys used before
	 */
	public static MdcKeys useMdcKeys(MdcKeys keys) {
		Objects.requireNonNull(keys, "keys must not be null");
		MdcKeys previous = mdcKeys;
		mdcKeys = keys;
		return previous;
	}

	/**
	 * The MDC keys used by scopes entered from now on.
	 * @return the keys
	 */
	public static MdcKeys mdcKeys() {
		return mdcKeys;
	}

	/**
	 * Register a listener for runs entered and exited on any thread.
	 * @param listener the listener
	 * @return a handle that removes the listener when closed
	 */
	public static RunListener.Registration addListener(RunListener listener) {
		return RunListeners.add(listener);
	}

	/**
	 * The longest attribute key, in characters.
	 */
	public static final int MAX_ATTRIBUTE_KEY_LENGTH = 64;

	/**
	 * The longest attribute value kept, in characters; longer values are cut.
	 */
	public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 1024;

	/**
	 * Set an attribute on the current run, for the {@link RunListener}s (the run registry
	 * records it with the run). Keys are 1 to {@value #MAX_ATTRIBUTE_KEY_LENGTH} of the
	 * characters {@code A-Z a-z 0-9 . _ -}; values longer than
	 * {@value #MAX_ATTRIBUTE_VALUE_LENGTH} characters are cut. Setting a key again
	 * replaces its value. How many attributes a run keeps is up to the listener (the run
	 * registry keeps 32 and counts the ones it drops).
	 * @param key the key
	 * @param value the value
	 * @throws IllegalStateException when no run is current on the calling thread
	 * @throws IllegalArgumentException when the key is not valid
	 */
	public static void setAttribute(String key, String value) {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(value, "value must not be null");
		RunId runId = currentOrNull();
		if (runId == null) {
			throw new IllegalStateException("No run is current, so attribute " + RunId.preview(key)
					+ " cannot be set: set it from a request, a job or a RunContext scope");
		}
		RunAttributes.checkKey(key);
		if (RunListeners.active()) {
			RunListeners.attributeSet(runId, key, RunAttributes.cut(value));
		}
	}

	/**
	 * Keep a run active for {@link RunListener}s without making it current on any thread,
	 * for work that outlives the scopes on its threads: an asynchronous request between
	 * its dispatches, a reactive pipeline that hops threads. Listeners see
	 * {@link RunListener#entered} now and {@link RunListener#exited} when the returned
	 * handle is closed, on any thread, once.
	 * @param runId the run to keep active
	 * @return the handle to close when the work ends
	 */
	public static Hold hold(RunId runId) {
		Objects.requireNonNull(runId, "runId must not be null");
		boolean reported = RunListeners.active();
		if (reported) {
			RunListeners.entered(runId);
		}
		return new Hold(runId, reported);
	}

	/**
	 * The run this scope made current.
	 * @return the run, or empty for a scope that cleared the current run
	 */
	public Optional<RunId> runId() {
		return Optional.ofNullable(this.runId);
	}

	/**
	 * Restore what was current before this scope. Does nothing when already closed.
	 * @throws IllegalStateException when an inner scope is still open or this scope
	 * belongs to another thread; nothing is changed then
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		RunContext top = CURRENT.get();
		if (top != this) {
			throw new IllegalStateException("RunContext scope of run " + this.runId
					+ " closed out of order: close the innermost scope first, on the thread that entered it"
					+ ((top != null) ? " (run " + top.runId + " is still open on this thread)" : ""));
		}
		pop();
	}

	void pop() {
		this.closed = true;
		if (Mdc.PRESENT) {
			Mdc.set(this.keys.runId(), this.cleanOnClose ? null : this.previousMdcRunId);
			Mdc.set(this.keys.parentRunId(), this.cleanOnClose ? null : this.previousMdcParentRunId);
		}
		if (this.previous != null) {
			CURRENT.set(this.previous);
		}
		else {
			CURRENT.remove();
		}
		if (this.reported && this.runId != null) {
			RunListeners.exited(this.runId);
		}
	}

	/**
	 * Whether the calling thread has no run, in {@link RunContext} or under the MDC keys.
	 */
	static boolean isClear() {
		if (CURRENT.get() != null) {
			return false;
		}
		if (!Mdc.PRESENT) {
			return true;
		}
		MdcKeys keys = mdcKeys;
		return Mdc.get(keys.runId()) == null && Mdc.get(keys.parentRunId()) == null;
	}

	/**
	 * Push the scope of a wrapped task. On a worker thread with no run, values found
	 * under the MDC keys belong to no scope (left by code that bypassed run-id, or
	 * inherited): the task does not see them and the worker is left without them.
	 */
	static RunContext pushForTask(@Nullable RunId runId) {
		RunContext scope = push(runId, false);
		if (scope.previous == null) {
			scope.cleanOnClose = true;
		}
		return scope;
	}

	static RunContext push(@Nullable RunId runId, boolean fromAccessor) {
		RunContext previous = CURRENT.get();
		MdcKeys keys = mdcKeys;
		String previousMdcRunId = null;
		String previousMdcParentRunId = null;
		if (Mdc.PRESENT) {
			previousMdcRunId = Mdc.get(keys.runId());
			previousMdcParentRunId = Mdc.get(keys.parentRunId());
			if (runId != null) {
				Mdc.set(keys.runId(), runId.value());
				RunId parent = runId.parentOrNull();
				if (parent != null || previousMdcParentRunId != null) {
					Mdc.set(keys.parentRunId(), (parent != null) ? parent.value() : null);
				}
			}
			else {
				if (previousMdcRunId != null) {
					Mdc.set(keys.runId(), null);
				}
				if (previousMdcParentRunId != null) {
					Mdc.set(keys.parentRunId(), null);
				}
			}
		}
		boolean reported = !fromAccessor && runId != null && RunListeners.active()
				&& (previous == null || !runId.equals(previous.runId));
		RunContext scope = new RunContext(runId, previous, keys, previousMdcRunId, previousMdcParentRunId, reported,
				fromAccessor);
		CURRENT.set(scope);
		if (reported) {
			RunListeners.entered(runId);
		}
		return scope;
	}

	/**
	 * The innermost scope of the calling thread, for the set-and-restore protocol of the
	 * {@link RunIdThreadLocalAccessor}.
	 */
	static @Nullable RunContext top() {
		return CURRENT.get();
	}

	@Nullable RunId run() {
		return this.runId;
	}

	@Nullable RunContext previous() {
		return this.previous;
	}

	boolean isFromAccessor() {
		return this.fromAccessor;
	}

	@Override
	public String toString() {
		return "RunContext[" + this.runId + (this.closed ? ", closed]" : "]");
	}

	/**
	 * A run kept active by {@link RunContext#hold(RunId)}. Thread-safe; closing more than
	 * once does nothing.
	 */
	public static final class Hold implements AutoCloseable {

		private final RunId runId;

		private final AtomicBoolean open;

		private Hold(RunId runId, boolean reported) {
			this.runId = runId;
			this.open = new AtomicBoolean(reported);
		}

		/**
		 * Release the run.
		 */
		@Override
		public void close() {
			if (this.open.compareAndSet(true, false)) {
				RunListeners.exited(this.runId);
			}
		}

	}

}
