package dev.runid;

/**
 * The rules of {@link RunContext#setAttribute}: which keys are valid, and how long a
 * value may be.
 */
final class RunAttributes {

	private RunAttributes() {
	}

	static void checkKey(String key) {
		int length = key.length();
		boolean valid = length >= 1 && length <= RunContext.MAX_ATTRIBUTE_KEY_LENGTH;
		for (int i = 0; valid && i < length; i++) {
			char c = key.charAt(i);
			valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
					|| c == '-';
		}
		if (!valid) {
			throw new IllegalArgumentException("Attribute key " + RunId.preview(key) + " is not valid: use 1 to "
					+ RunContext.MAX_ATTRIBUTE_KEY_LENGTH + " of the characters A-Z a-z 0-9 . _ -");
		}
	}

	static String cut(String value) {
		return (value.length() > RunContext.MAX_ATTRIBUTE_VALUE_LENGTH)
				? value.substring(0, RunContext.MAX_ATTRIBUTE_VALUE_LENGTH) : value;
	}

}
