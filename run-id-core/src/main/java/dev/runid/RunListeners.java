package dev.runid;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link RunListener}s of this process, registered through
 * {@link RunContext#addListener}, and the calls that tell them. {@link #active()} is one
 * volatile read, so that scopes pay nothing more while no listener is registered.
 */
final class RunListeners {

	private static final CopyOnWriteArrayList<RunListener> listeners = new CopyOnWriteArrayList<>();

	private static volatile boolean active;

	private RunListeners() {
	}

	static RunListener.Registration add(RunListener listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		// the flag is written under the lock, so that a removal racing with an
		// addition cannot leave it false while a listener is registered
		synchronized (listeners) {
			listeners.add(listener);
			active = true;
		}
		return () -> {
			synchronized (listeners) {
				if (listeners.remove(listener)) {
					active = !listeners.isEmpty();
				}
			}
		};
	}

	static boolean active() {
		return active;
	}

	static void entered(RunId runId) {
		for (RunListener listener : listeners) {
			listener.entered(runId);
		}
	}

	static void exited(RunId runId) {
		for (RunListener listener : listeners) {
			listener.exited(runId);
		}
	}

	static void attributeSet(RunId runId, String key, String value) {
		for (RunListener listener : listeners) {
			listener.attributeSet(runId, key, value);
		}
	}

}
