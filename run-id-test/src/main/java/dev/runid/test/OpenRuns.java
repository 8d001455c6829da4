package dev.runid.test;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunListener;

/**
 * Counts, per run, the scopes and holds entered and not yet exited in this process since
 * the count started: the leak check of {@link NoRunLeaks}. Thread-safe.
 */
final class OpenRuns implements RunListener {

	private final ConcurrentHashMap<RunId, Integer> open = new ConcurrentHashMap<>();

	private final long timeoutMillis;

	private final AutoCloseable registration;

	private OpenRuns(long timeoutMillis) {
		this.timeoutMillis = timeoutMillis;
		this.registration = RunContext.addListener(this);
	}

	static OpenRuns start(long timeoutMillis) {
		return new OpenRuns(timeoutMillis);
	}

	@Override
	public void entered(RunId runId) {
		this.open.merge(runId, 1, Integer::sum);
	}

	@Override
	public void exited(RunId runId) {
		// a run entered before the count started is not counted on its way out either
		this.open.computeIfPresent(runId, (key, count) -> (count > 1) ? count - 1 : null);
		if (this.open.isEmpty()) {
			synchronized (this) {
				notifyAll();
			}
		}
	}

	/**
	 * Wait for the runs still open to end, stop counting, and fail if some did not, or if
	 * the calling thread still has a run.
	 * @param testName the name of the test, for the message
	 */
	void assertNoneOpen(String testName) {
		try {
			awaitNoneOpen();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			try {
				this.registration.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		Map<String, Integer> leaked = new TreeMap<>();
		this.open.forEach((runId, count) -> leaked.put(runId.value(), count));
		RunId onThisThread = RunContext.current().orElse(null);
		if (leaked.isEmpty() && onThisThread == null) {
			return;
		}
		StringBuilder message = new StringBuilder(testName).append(" left runs open:");
		if (!leaked.isEmpty()) {
			message.append(' ')
				.append(leaked)
				.append(" (open scopes or holds per run, after waiting ")
				.append(this.timeoutMillis)
				.append(" ms)");
		}
		if (onThisThread != null) {
			message.append(" run ").append(onThisThread).append(" is still current on the test thread");
		}
		throw new AssertionError(message.toString());
	}

	private synchronized void awaitNoneOpen() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.timeoutMillis);
		long remaining = this.timeoutMillis;
		while (!this.open.isEmpty() && remaining > 0) {
			wait(remaining);
			remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
		}
	}

}
