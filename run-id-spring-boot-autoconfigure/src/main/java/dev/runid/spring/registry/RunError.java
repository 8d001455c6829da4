package dev.runid.spring.registry;

/**
 * Why a segment failed.
 *
 * @param type the fully qualified class name of the exception
 * @param message the exception's message: at most {@value #MAX_MESSAGE_LENGTH}
 * characters, control characters escaped; empty when the exception had none
 */
public record RunError(String type, String message) {

	/**
	 * The longest message kept, in characters.
	 */
	public static final int MAX_MESSAGE_LENGTH = 1000;

	/**
	 * The error of an exception: its class name, and its message with every control
	 * character (and every character that breaks lines) escaped as
	 * {@code \}{@code uXXXX}, cut to {@value #MAX_MESSAGE_LENGTH} characters without
	 * splitting an escape.
	 * @param failure the exception
	 * @return the error
	 */
	public static RunError of(Throwable failure) {
		String message = failure.getMessage();
		return new RunError(failure.getClass().getName(), (message != null) ? escape(message) : "");
	}

	static String escape(String message) {
		StringBuilder escaped = null;
		int length = message.length();
		for (int i = 0; i < length; i++) {
			char c = message.charAt(i);
			boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
			if (escaped == null) {
				if (!control && i < MAX_MESSAGE_LENGTH) {
					continue;
				}
				escaped = new StringBuilder(Math.min(length + 16, MAX_MESSAGE_LENGTH)).append(message, 0, i);
			}
			String part = control ? String.format("\\u%04x", (int) c) : String.valueOf(c);
			if (escaped.length() + part.length() > MAX_MESSAGE_LENGTH) {
				break;
			}
			escaped.append(part);
		}
		return (escaped != null) ? escaped.toString() : message;
	}

}
