package dev.runid.spring.web;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP headers run-id reads and writes by default, and the rule for header names.
 */
public final class RunIdHeaders {

	/**
	 * The default header of the run ID: {@value}.
	 */
	public static final String DEFAULT_HEADER_NAME = "X-Run-Id";

	/**
	 * The default header of the parent run ID: {@value}.
	 */
	public static final String DEFAULT_PARENT_HEADER_NAME = "X-Parent-Run-Id";

	private RunIdHeaders() {
	}

	/**
	 * Check that a header name is an HTTP token (RFC 9110).
	 * @param name the header name
	 * @return the name
	 * @throws IllegalArgumentException if it is blank or not a token
	 */
	public static String checkHeaderName(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException("A header name must not be blank");
		}
		for (int i = 0; i < name.length(); i++) {
			if (!isTokenChar(name.charAt(i))) {
				throw new IllegalArgumentException(
						"A header name must be an HTTP token (letters, digits and !#$%&'*+-.^_`|~), without spaces, separators or control characters");
			}
		}
		return name;
	}

	private static boolean isTokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

}
