package dev.runid.spring.dashboard;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The headers of a dashboard's responses, the same on Spring MVC and WebFlux: its page is
 * never cached and may load only its own files, its files are revalidated, its JSON is
 * never cached, and no browser guesses a content type.
 */
final class RunIdDashboardResponses {

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

	private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	private RunIdDashboardResponses() {
	}

	static void page(HttpHeaders headers) {
		headers.setContentType(HTML);
		headers.setCacheControl(CacheControl.noStore());
		headers.set("Content-Security-Policy", RunIdDashboard.CONTENT_SECURITY_POLICY);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Referrer-Policy", "no-referrer");
	}

	static void stylesheet(HttpHeaders headers) {
		file(headers, CSS);
	}

	static void script(HttpHeaders headers) {
		file(headers, JAVASCRIPT);
	}

	static void json(HttpHeaders headers) {
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setCacheControl(CacheControl.noStore());
		headers.set("X-Content-Type-Options", "nosniff");
	}

	private static void file(HttpHeaders headers, MediaType type) {
		headers.setContentType(type);
		headers.setCacheControl(CacheControl.noCache());
		headers.set("X-Content-Type-Options", "nosniff");
	}

}
