package dev.runid.it.messaging;

import java.util.concurrent.atomic.AtomicLong;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.slf4j.MDC;

/**
 * A step on a thread: when, where, and the run and MDC run there; so that a test can tell
 * what a listener left on its container's thread for what came after it.
 *
 * @param at the step's number
 * @param thread the thread's name
 * @param state {@code run/mdc}, {@code -} for none
 */
record Step(long at, String thread, String state) {

	/**
	 * Numbers the steps, so that a test can tell what came after what.
	 */
	private static final AtomicLong clock = new AtomicLong();

	static Step now() {
		return new Step(clock.incrementAndGet(), Thread.currentThread().getName(), runAndMdc());
	}

	static String runAndMdc() {
		String mdc = MDC.get("runId");
		return RunContext.current().map(RunId::value).orElse("-") + "/" + ((mdc != null) ? mdc : "-");
	}

}
