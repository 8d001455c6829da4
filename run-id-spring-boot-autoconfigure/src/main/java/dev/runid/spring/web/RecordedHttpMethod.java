package dev.runid.spring.web;

/**
 * The HTTP method as the run registry writes it into the name of a request's segment: one
 * of the standard methods as it is, any other token as {@value #UNKNOWN}, as Spring's
 * {@code method} tag of {@code http.server.requests} does. A client chooses the method
 * token, so only a known value reaches the stores and the dashboard.
 */
public final class RecordedHttpMethod {

	/**
	 * The name of a method that is not one of the standard ones.
	 */
	public static final String UNKNOWN = "UNKNOWN";

	private RecordedHttpMethod() {
	}

	/**
	 * The method's name in a segment; allocates nothing.
	 * @param method the request's method
	 * @return the method when it is {@code GET}, {@code HEAD}, {@code POST}, {@code PUT},
	 * {@code PATCH}, {@code DELETE}, {@code OPTIONS} or {@code TRACE} (case-sensitive, as
	 * HTTP methods are), else {@value #UNKNOWN}
	 */
	public static String of(String method) {
		return switch (method) {
			case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE" -> method;
			default -> UNKNOWN;
		};
	}

}
