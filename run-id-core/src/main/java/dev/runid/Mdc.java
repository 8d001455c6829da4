package dev.runid;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Access to SLF4J's MDC, used only when SLF4J is on the class path.
 */
final class Mdc {

	static final boolean PRESENT = isPresent();

	private Mdc() {
	}

	private static boolean isPresent() {
		try {
			Class.forName("org.slf4j.MDC", false, Mdc.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	static @Nullable String get(String key) {
		return MDC.get(key);
	}

	static void set(String key, @Nullable String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

}
