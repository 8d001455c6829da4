package dev.runid.spring.registry.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * A one-dimensional PostgreSQL array in its text form, built value by value: for example
 * {@code {"a",NULL,"say \"hi\""}} for text or {@code {1,2,NULL}} for numbers. It is the
 * parameter of a statement that casts it ({@code ?::text[]}, {@code ?::int8[]}) and
 * {@code unnest}s it into rows. Every text value is quoted, with {@code "} and {@code \}
 * escaped, so that no value (empty, {@code NULL}, with braces, commas or white space) is
 * read as anything else.
 */
final class ArrayLiteral {

	private final StringBuilder text;

	private boolean empty = true;

	/**
	 * Start an empty array.
	 * @param values the number of values it will likely hold
	 * @param length the likely length of a value, with its quotes and separator
	 */
	ArrayLiteral(int values, int length) {
		this.text = new StringBuilder(2 + values * length).append('{');
	}

	void add(@Nullable String value) {
		if (value == null) {
			addNull();
			return;
		}
		separate();
		this.text.append('"');
		// most values have nothing to escape: found with String.indexOf, which is
		// vectorized, and appended whole; each character searched for again only past
		// its last occurrence, so that the scan stays linear
		int from = 0;
		int quote = value.indexOf('"');
		int backslash = value.indexOf('\\');
		while (quote >= 0 || backslash >= 0) {
			int special = (quote < 0) ? backslash : (backslash < 0) ? quote : Math.min(quote, backslash);
			this.text.append(value, from, special).append('\\').append(value.charAt(special));
			from = special + 1;
			if (special == quote) {
				quote = value.indexOf('"', from);
			}
			else {
				backslash = value.indexOf('\\', from);
			}
		}
		if (from == 0) {
			this.text.append(value);
		}
		else {
			this.text.append(value, from, value.length());
		}
		this.text.append('"');
	}

	void add(long value) {
		separate();
		this.text.append(value);
	}

	void addNull() {
		separate();
		this.text.append("NULL");
	}

	private void separate() {
		if (!this.empty) {
			this.text.append(',');
		}
		this.empty = false;
	}

	/**
	 * The length of the literal so far.
	 * @return the number of characters
	 */
	int length() {
		return this.text.length() + 1;
	}

	@Override
	public String toString() {
		return this.text + "}";
	}

}
