package dev.runid.spring.reactor;

import java.util.function.BooleanSupplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * A JVM-wide Reactor setting that application contexts share: switched on when the first
 * holder starts, unless it was on already, and off again when the last one stops, if a
 * holder switched it on. Thread-safe.
 */
final class JvmWideSetting {

	private final BooleanSupplier isOn;

	private final Runnable switchOn;

	private final Runnable switchOff;

	/**
	 * Running holders; guarded by this.
	 */
	private int holders;

	/**
	 * Whether a holder switched the setting on; guarded by this.
	 */
	private boolean switchedOn;

	JvmWideSetting(BooleanSupplier isOn, Runnable switchOn, Runnable switchOff) {
		this.isOn = isOn;
		this.switchOn = switchOn;
		this.switchOff = switchOff;
	}

	synchronized void hold() {
		if (this.holders++ == 0 && !this.isOn.getAsBoolean()) {
			this.switchOn.run();
			this.switchedOn = true;
		}
	}

	synchronized void release() {
		if (--this.holders == 0 && this.switchedOn) {
			this.switchOff.run();
			this.switchedOn = false;
		}
	}

	/**
	 * A bean that holds a {@link JvmWideSetting} while it runs, from
	 * {@link #afterPropertiesSet()} to {@link #destroy()}: holding and releasing it more
	 * than once in a row does nothing. Thread-safe.
	 */
	abstract static class Holder implements InitializingBean, DisposableBean {

		private final JvmWideSetting setting;

		/**
		 * Whether this holder holds the setting; guarded by this.
		 */
		private boolean holding;

		Holder(JvmWideSetting setting) {
			this.setting = setting;
		}

		@Override
		public synchronized void afterPropertiesSet() {
			if (!this.holding) {
				this.setting.hold();
				this.holding = true;
			}
		}

		@Override
		public synchronized void destroy() {
			if (this.holding) {
				this.holding = false;
				this.setting.release();
			}
		}

	}

}
