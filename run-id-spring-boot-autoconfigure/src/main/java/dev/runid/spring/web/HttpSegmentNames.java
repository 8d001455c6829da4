package dev.runid.spring.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The names of {@code http} segments: the {@linkplain RecordedHttpMethod recorded method}
 * and the route template that matched the request, {@code GET /orders/{id}}, or
 * {@value #UNMATCHED} when none did. Each name is made once per route and method and then
 * reused, so that naming a request's segment allocates nothing. The routes are the
 * application's own templates, never a raw path, so there are few; past
 * {@value #MAX_ROUTES} routes a name is made for each request instead.
 * <p>
 * Thread-safe.
 */
public final class HttpSegmentNames {

	/**
	 * The route of a request that no route template matched.
	 */
	public static final String UNMATCHED = "unmatched";

	/**
	 * The most routes whose names are kept.
	 */
	static final int MAX_ROUTES = 1024;

	private static final int METHODS = 9;

	private final Map<String, String[]> byRoute = new ConcurrentHashMap<>();

	/**
	 * The name of a request's segment.
	 * @param method the request's method
	 * @param route the route template that matched the request (its {@code toString()} is
	 * used), or {@code null} when none did
	 * @return the name, {@code GET /orders/{id}}
	 */
	public String of(String method, @Nullable Object route) {
		String recordedMethod = RecordedHttpMethod.of(method);
		String template = (route != null) ? route.toString() : UNMATCHED;
		String[] names = this.byRoute.get(template);
		if (names == null) {
			if (this.byRoute.size() >= MAX_ROUTES) {
				return recordedMethod + " " + template;
			}
			names = this.byRoute.computeIfAbsent(template, (key) -> new String[METHODS]);
		}
		int index = index(recordedMethod);
		String name = names[index];
		if (name == null) {
			// a race makes the same name twice, which is harmless: a String is immutable
			name = recordedMethod + " " + template;
			names[index] = name;
		}
		return name;
	}

	private static int index(String recordedMethod) {
		return switch (recordedMethod) {
			case "GET" -> 0;
			case "HEAD" -> 1;
			case "POST" -> 2;
			case "PUT" -> 3;
			case "PATCH" -> 4;
			case "DELETE" -> 5;
			case "OPTIONS" -> 6;
			case "TRACE" -> 7;
			default -> 8;
		};
	}

}
