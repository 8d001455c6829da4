package dev.runid.spring.autoconfigure;

import dev.runid.MdcKeys;
import dev.runid.RunContext;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Installs the configured MDC keys ({@code run-id.mdc-key},
 * {@code run-id.parent-mdc-key}) in {@link RunContext} while the application runs, and
 * restores the previous keys when it stops.
 */
public final class RunIdMdcKeys implements InitializingBean, DisposableBean {

	private final MdcKeys keys;

	private MdcKeys previous = MdcKeys.DEFAULT;

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
		this.previous = RunContext.useMdcKeys(this.keys);
	}

	@Override
	public void destroy() {
		RunContext.useMdcKeys(this.previous);
	}

}
