package dev.runid.spring.registry;

import org.jspecify.annotations.Nullable;

/**
 * A query for runs, newest first.
 *
 * @param status only runs with this status, or {@code null} for all
 * @param idPrefix only runs whose ID starts with this prefix (an exact ID included), or
 * {@code null} for all
 * @param limit the most runs to return, 1 to {@value #MAX_LIMIT}
 * @param cursor where the page starts: the {@link RunPage#next()} of the previous page,
 * or {@code null} for the first page
 */
public record RunQuery(@Nullable RunStatus status, @Nullable String idPrefix, int limit, @Nullable String cursor) {

	/**
	 * The number of runs of a page when the query names none.
	 */
	public static final int DEFAULT_LIMIT = 50;

	/**
	 * The most runs one page holds.
	 */
	public static final int MAX_LIMIT = 500;

	/**
	 * Check the limit.
	 */
	public RunQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
		}
	}

	/**
	 * The first page of all runs, {@value #DEFAULT_LIMIT} at most.
	 * @return the query
	 */
	public static RunQuery latest() {
		return new RunQuery(null, null, DEFAULT_LIMIT, null);
	}

}
