package dev.runid.spring.client;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes one entry into a W3C {@code baggage} header (https://www.w3.org/TR/baggage/),
 * keeping the other entries that a tracer or the caller put there.
 */
final class RunIdBaggage {

	static final String HEADER = "baggage";

	private RunIdBaggage() {
	}

	/**
	 * The {@code baggage} header with an entry set.
	 * @param values the values of the header on the request, or {@code null}
	 * @param key the key of the entry, a token
	 * @param value the value of the entry, free of characters that need percent-encoding
	 * @return the header's values: one value with every other list member, then the entry
	 */
	static List<String> withEntry(@Nullable List<String> values, String key, String value) {
		List<String> members = new ArrayList<>();
		if (values != null) {
			for (String header : values) {
				for (String member : header.split(",")) {
					String trimmed = member.trim();
					if (!trimmed.isEmpty() && !key.equals(keyOf(trimmed))) {
						members.add(trimmed);
					}
				}
			}
		}
		members.add(key + "=" + value);
		return List.of(String.join(",", members));
	}

	private static String keyOf(String member) {
		int end = member.indexOf('=');
		return ((end >= 0) ? member.substring(0, end) : member).trim();
	}

}
