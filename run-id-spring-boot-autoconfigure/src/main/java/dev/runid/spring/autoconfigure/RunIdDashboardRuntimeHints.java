package dev.runid.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native-image hints of the run dashboard: its page, stylesheet and script, which it
 * reads from the class path.
 */
final class RunIdDashboardRuntimeHints implements RuntimeHintsRegistrar {

	static final String FILES = "dev/runid/spring/dashboard/static/*";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(FILES);
	}

}
