package dev.runid.samples.reactiveagent;

import org.jspecify.annotations.Nullable;

/**
 * Makes untrusted text safe for a one-line log entry.
 */
final class LogValues {

	private LogValues() {
	}

	/**
	 * The value in double quotes, control characters replaced so that it cannot forge log
	 * lines, truncated to {@code max} characters.
	 * @param value the value
	 * @param max the maximum number of characters shown
	 * @return the quoted value
	 */
	static String quoted(@Nullable String value, int max) {
		if (value == null) {
			return "null";
		}
		String shown = (value.length() > max) ? value.substring(0, max) + "..." : value;
		return '"' + shown.replaceAll("\\p{Cntrl}", " ").replace('"', '\'') + '"';
	}

}
