package dev.runid.spring.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.runid.spring.registry.RunError;
import dev.runid.spring.registry.RunPage;
import dev.runid.spring.registry.RunRecord;
import dev.runid.spring.registry.RunRecord.RunChild;
import dev.runid.spring.registry.RunSegment;
import dev.runid.spring.registry.RunStatus;
import dev.runid.spring.registry.RunSummary;
import dev.runid.spring.usage.RunUsage;
import org.jspecify.annotations.Nullable;

/**
 * Writes the registry's records as the JSON of the {@code runs} actuator endpoint: the
 * record components as members in their order, instants as ISO-8601 strings, absent
 * values as {@code null}. Written by hand so that the shape does not depend on how the
 * application configured its JSON mapper (a {@code non_null} inclusion would drop the
 * nulls the page relies on). Stateless and thread-safe.
 */
final class RunIdDashboardJson {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private RunIdDashboardJson() {
	}

	static String page(RunPage page) {
		StringBuilder json = new StringBuilder(128 + page.runs().size() * 256);
		json.append("{\"runs\":");
		array(json, page.runs(), RunIdDashboardJson::summary);
		json.append(",\"next\":");
		string(json, page.next());
		return json.append('}').toString();
	}

	static String record(RunRecord run) {
		StringBuilder json = new StringBuilder(512 + run.segments().size() * 256);
		head(json, run.id(), run.parentId(), run.status(), run.startedAt(), run.endedAt());
		json.append(",\"segments\":");
		array(json, run.segments(), RunIdDashboardJson::segment);
		json.append(",\"attributes\":{");
		boolean first = true;
		for (Map.Entry<String, String> attribute : run.attributes().entrySet()) {
			if (!first) {
				json.append(',');
			}
			first = false;
			string(json, attribute.getKey());
			json.append(':');
			string(json, attribute.getValue());
		}
		json.append("},\"usage\":");
		usage(json, run.usage());
		json.append(",\"children\":");
		array(json, run.children(), RunIdDashboardJson::child);
		return json.append('}').toString();
	}

	static String error(String message) {
		StringBuilder json = new StringBuilder(message.length() + 16).append("{\"error\":");
		string(json, message);
		return json.append('}').toString();
	}

	private static void summary(StringBuilder json, RunSummary run) {
		head(json, run.id(), run.parentId(), run.status(), run.startedAt(), run.endedAt());
		json.append(",\"services\":");
		array(json, run.services(), RunIdDashboardJson::string);
		json.append(",\"name\":");
		string(json, run.name());
		json.append(",\"user\":");
		string(json, run.user());
		json.append('}');
	}

	/**
	 * The members a run's record and its summary both start with.
	 */
	private static void head(StringBuilder json, String id, @Nullable String parentId, RunStatus status,
			Instant startedAt, @Nullable Instant endedAt) {
		json.append("{\"id\":");
		string(json, id);
		json.append(",\"parentId\":");
		string(json, parentId);
		json.append(",\"status\":");
		string(json, status.name());
		json.append(",\"startedAt\":");
		instant(json, startedAt);
		json.append(",\"endedAt\":");
		instant(json, endedAt);
	}

	private static <T> void array(StringBuilder json, List<T> values, BiConsumer<StringBuilder, T> element) {
		json.append('[');
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			element.accept(json, values.get(i));
		}
		json.append(']');
	}

	private static void child(StringBuilder json, RunChild child) {
		json.append("{\"id\":");
		string(json, child.id());
		json.append(",\"status\":");
		string(json, child.status().name());
		json.append('}');
	}

	private static void segment(StringBuilder json, RunSegment segment) {
		json.append("{\"service\":");
		string(json, segment.service());
		json.append(",\"instance\":");
		string(json, segment.instance());
		json.append(",\"kind\":");
		string(json, segment.kind());
		json.append(",\"name\":");
		string(json, segment.name());
		json.append(",\"status\":");
		string(json, segment.status().name());
		json.append(",\"startedAt\":");
		instant(json, segment.startedAt());
		json.append(",\"endedAt\":");
		instant(json, segment.endedAt());
		json.append(",\"httpStatus\":");
		json.append((segment.httpStatus() != null) ? segment.httpStatus().toString() : "null");
		json.append(",\"error\":");
		RunError error = segment.error();
		if (error == null) {
			json.append("null");
		}
		else {
			json.append("{\"type\":");
			string(json, error.type());
			json.append(",\"message\":");
			string(json, error.message());
			json.append('}');
		}
		json.append('}');
	}

	private static void usage(StringBuilder json, @Nullable RunUsage usage) {
		if (usage == null) {
			json.append("null");
			return;
		}
		json.append("{\"llmCalls\":")
			.append(usage.llmCalls())
			.append(",\"inputTokens\":")
			.append(usage.inputTokens())
			.append(",\"outputTokens\":")
			.append(usage.outputTokens())
			.append('}');
	}

	private static void instant(StringBuilder json, @Nullable Instant instant) {
		if (instant == null) {
			json.append("null");
		}
		else {
			// ISO-8601, as Instant.toString() and Jackson's InstantSerializer write it
			json.append('"').append(instant).append('"');
		}
	}

	/**
	 * Append a JSON string. Besides what JSON requires, {@code <}, {@code >}, {@code &}
	 * and the line separators U+2028/U+2029 are escaped too, so that the body is inert
	 * even where a browser or proxy mistakes it for HTML or script.
	 */
	private static void string(StringBuilder json, @Nullable String value) {
		if (value == null) {
			json.append("null");
			return;
		}
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
						json.append("\\u")
							.append(HEX[(c >> 12) & 0xf])
							.append(HEX[(c >> 8) & 0xf])
							.append(HEX[(c >> 4) & 0xf])
							.append(HEX[c & 0xf]);
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
