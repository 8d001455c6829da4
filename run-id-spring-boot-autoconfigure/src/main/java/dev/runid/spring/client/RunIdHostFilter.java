package dev.runid.spring.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Decides to which hosts the run is forwarded: all hosts when no pattern is given, else
 * hosts matching one of the patterns, exact names ({@code api.example.com}) or wildcard
 * subdomains ({@code *.example.com}, which matches {@code a.example.com} and
 * {@code a.b.example.com} but not {@code example.com}). Matching ignores case.
 */
public final class RunIdHostFilter {

	private static final Pattern HOST = Pattern
		.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

	private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

	private static final RunIdHostFilter ALL = new RunIdHostFilter(List.of(), List.of());

	private final List<String> exact;

	private final List<String> suffixes;

	private RunIdHostFilter(List<String> exact, List<String> suffixes) {
		this.exact = exact;
		this.suffixes = suffixes;
	}

	/**
	 * The host of a URL, as {@link #allows(String)} takes it.
	 * @param url an absolute URL
	 * @return its host, or {@code null} when it has none or is no valid URI
	 */
	public static @Nullable String hostOf(String url) {
		try {
			return URI.create(url).getHost();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Create a filter from host patterns.
	 * @param patterns the patterns; empty allows all hosts
	 * @return the filter
	 * @throws IllegalArgumentException for a malformed pattern
	 */
	public static RunIdHostFilter of(List<String> patterns) {
		if (patterns.isEmpty()) {
			return ALL;
		}
		List<String> exact = new ArrayList<>();
		List<String> suffixes = new ArrayList<>();
		for (String pattern : patterns) {
			String normalized = (pattern != null) ? pattern.trim().toLowerCase(Locale.ROOT) : "";
			if (!HOST.matcher(normalized).matches() && !IPV6.matcher(normalized).matches()) {
				throw new IllegalArgumentException("Malformed host pattern '" + sanitize(normalized)
						+ "': use an exact host name such as api.example.com or a wildcard such as *.example.com");
			}
			if (normalized.startsWith("*.")) {
				suffixes.add(normalized.substring(1));
			}
			else {
				exact.add(normalized);
			}
		}
		return new RunIdHostFilter(List.copyOf(exact), List.copyOf(suffixes));
	}

	private static String sanitize(String pattern) {
		return pattern.replaceAll("[^\\x21-\\x7e]", "?");
	}

	/**
	 * Whether the run may be forwarded to a host.
	 * @param host the host of the request, or {@code null} if unknown
	 * @return whether the host is allowed
	 */
	public boolean allows(@Nullable String host) {
		if (this == ALL) {
			return true;
		}
		if (host == null) {
			return false;
		}
		for (String candidate : this.exact) {
			if (candidate.equalsIgnoreCase(host)) {
				return true;
			}
		}
		for (String suffix : this.suffixes) {
			if (host.length() > suffix.length()
					&& host.regionMatches(true, host.length() - suffix.length(), suffix, 0, suffix.length())) {
				return true;
			}
		}
		return false;
	}

}
