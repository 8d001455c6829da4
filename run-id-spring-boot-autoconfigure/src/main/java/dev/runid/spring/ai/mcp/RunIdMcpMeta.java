package dev.runid.spring.ai.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.runid.RunId;
import org.jspecify.annotations.Nullable;

/**
 * The keys under which a run travels in the {@code _meta} object of MCP requests, which
 * the MCP specification reserves for such metadata, and the merging of a run into a
 * request's {@code _meta}. Stateless and thread-safe.
 */
public final class RunIdMcpMeta {

	/**
	 * The {@code _meta} key of the run ID.
	 */
	public static final String RUN_ID_KEY = "dev.runid/run-id";

	/**
	 * The {@code _meta} key of the parent run ID.
	 */
	public static final String PARENT_RUN_ID_KEY = "dev.runid/parent-run-id";

	private RunIdMcpMeta() {
	}

	/**
	 * A request's {@code _meta} with the run added, unless the request names its own run:
	 * a run ID the application set wins, and then no parent is taken from the current run
	 * (a parent the application set stays). A key whose value is {@code null} names
	 * nothing and is replaced, as a missing key would be filled.
	 * @param meta the request's {@code _meta}, or {@code null} if it has none
	 * @param runId the run to add
	 * @return {@code meta} itself when it already names a run, else a new map
	 */
	public static Map<String, Object> withRun(@Nullable Map<String, Object> meta, RunId runId) {
		if (meta != null && meta.get(RUN_ID_KEY) != null) {
			return meta;
		}
		RunId parent = runId.parent().orElse(null);
		Map<String, Object> merged = (meta != null) ? new LinkedHashMap<>(meta) : new LinkedHashMap<>(4);
		merged.put(RUN_ID_KEY, runId.value());
		if (parent != null) {
			// putIfAbsent replaces a null value too
			merged.putIfAbsent(PARENT_RUN_ID_KEY, parent.value());
		}
		return merged;
	}

	/**
	 * The value of a {@code _meta} key as a string, as sent.
	 * @param meta the request's {@code _meta}, or {@code null}
	 * @param key the key
	 * @return the value, or {@code null} if absent; a value that is not a JSON string is
	 * returned as its {@code toString()}, so that it is rejected as invalid rather than
	 * silently ignored
	 */
	static @Nullable String value(@Nullable Map<String, Object> meta, String key) {
		if (meta == null) {
			return null;
		}
		Object value = meta.get(key);
		return (value != null) ? value.toString() : null;
	}

}
