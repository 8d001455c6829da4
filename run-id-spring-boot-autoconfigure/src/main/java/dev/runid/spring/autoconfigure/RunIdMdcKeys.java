package dev.runid.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.runid.MdcKeys;
import dev.runid.RunContext;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Installs the configured MDC keys ({@code run-id.mdc-key},
 * {@code run-id.parent-mdc-key}) in {@link RunContext} while the application runs.
 * <p>
 * The keys are JVM-wide, and several application contexts (tests, a parent and a child
 * context) may each install their own and stop in any order: the keys of the context that
 * started last among those still running are in force, and when the last one stops the
 * keys from before the first are restored.
 */
public final class RunIdMdcKeys implements InitializingBean, DisposableBean {

	/**
	 * The running instances, in the order they started; guarded by itself.
	 */
	private static final List<RunIdMdcKeys> running = new ArrayList<>();

	/**
	 * The keys in force before the first running instance started; guarded by
	 * {@link #running}.
	 */
	private static MdcKeys beforeFirst = MdcKeys.DEFAULT;

	private final MdcKeys keys;

	RunIdMdcKeys(String runIdKey, String parentRunIdKey) {
		this.keys = new MdcKeys(runIdKey, parentRunIdKey);
	}

	/**
	 * The installed keys.
	 * @return the keys
	 */
	public MdcKeys keys() {
		return this.keys;
	}

	@Override
	public void afterPropertiesSet() {
		synchronized (running) {
			MdcKeys previous = RunContext.useMdcKeys(this.keys);
			if (running.isEmpty()) {
				beforeFirst = previous;
			}
			running.add(this);
		}
	}

	@Override
	public void destroy() {
		synchronized (running) {
			if (!running.remove(this)) {
				return;
			}
			RunContext.useMdcKeys(running.isEmpty() ? beforeFirst : running.get(running.size() - 1).keys);
		}
	}

}
