package dev.runid.spring.observation;

import java.util.Map;

/**
 * A span that a tracer finished, as Brave and OpenTelemetry both report it.
 *
 * @param traceId the trace
 * @param kind {@code SERVER}, {@code CLIENT}, or {@code LOCAL} for other spans
 * @param name the name
 * @param tags the tags (OpenTelemetry: attributes)
 */
record FinishedSpan(String traceId, String kind, String name, Map<String, String> tags) {

	String tag(String key) {
		return this.tags.get(key);
	}

	boolean isServer() {
		return "SERVER".equals(this.kind);
	}

	boolean isClient() {
		return "CLIENT".equals(this.kind);
	}

}
