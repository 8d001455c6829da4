package dev.runid;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The identifier of one run: an agent run, a request, a job, any unit of work that should
 * be findable by one ID.
 * <p>
 * Every value, whatever its source, is 1 to {@value #MAX_LENGTH} characters from
 * {@code A-Z a-z 0-9 . _ : -}, so it is always safe to write into a log line or an HTTP
 * header. Instances are immutable and thread-safe. {@link #equals(Object)} and
 * {@link #hashCode()} compare the {@link #value()} only, not the parent.
 */
public final class RunId {

	/**
	 * Maximum number of characters of a run ID.
	 */
	public static final int MAX_LENGTH = 128;

	/**
	 * The validation rule, as said in error messages.
	 */
	public static final String RULE = "a run ID must be 1 to " + MAX_LENGTH + " characters from A-Z a-z 0-9 . _ : -";

	private static final int PREVIEW_LENGTH = 16;

	private static final boolean[] ALLOWED = new boolean[128];

	static {
		for (char c = 'a'; c <= 'z'; c++) {
			ALLOWED[c] = true;
		}
		for (char c = 'A'; c <= 'Z'; c++) {
			ALLOWED[c] = true;
		}
		for (char c = '0'; c <= '9'; c++) {
			ALLOWED[c] = true;
		}
		ALLOWED['.'] = true;
		ALLOWED['_'] = true;
		ALLOWED[':'] = true;
		ALLOWED['-'] = true;
	}

	private final String value;

	private final @Nullable RunId parent;

	private RunId(String value, @Nullable RunId parent) {
		this.value = value;
		this.parent = parent;
	}

	/**
	 * Generate a new run ID with the default generator, a time-ordered UUIDv7.
	 * @return a new run ID without parent
	 */
	public static RunId generate() {
		return generate(RunIdGenerator.uuid7(), null);
	}

	/**
	 * Generate a new run ID with the default generator whose parent is {@code parent},
	 * for example an inner agent spawned by an outer one.
	 * @param parent the parent run
	 * @return a new run ID with that parent
	 */
	public static RunId generate(RunId parent) {
		return generate(RunIdGenerator.uuid7(), parent);
	}

	/**
	 * Generate a new run ID without parent with the given generator. The generated value
	 * is validated like any other.
	 * @param generator the generator to use
	 * @return a new run ID
	 * @throws IllegalStateException if the generator produced an invalid value
	 */
	public static RunId generate(RunIdGenerator generator) {
		return generate(generator, null);
	}

	/**
	 * Generate a new run ID with the given generator. The generated value is validated
	 * like any other, except that of run-id's own generators
	 * ({@link RunIdGenerator#uuid7()}, {@link RunIdGenerator#uuid4()}), whose values are
	 * valid by construction: minting is on every request's path.
	 * @param generator the generator to use
	 * @param parent the parent run, or {@code null}
	 * @return a new run ID
	 * @throws IllegalStateException if the generator produced an invalid value
	 */
	public static RunId generate(RunIdGenerator generator, @Nullable RunId parent) {
		String value = generator.generate();
		boolean trusted = generator == UuidV7Generator.INSTANCE || generator == UuidV4Generator.INSTANCE;
		if (!trusted && !isValid(value)) {
			throw new IllegalStateException("Generator " + generator.getClass().getName()
					+ " produced an invalid value " + preview(value) + ": " + RULE);
		}
		return new RunId(value, parent);
	}

	/**
	 * Parse and validate a run ID.
	 * @param value the value to parse
	 * @return the run ID, without parent
	 * @throws IllegalArgumentException if the value breaks the rule; the message names
	 * the rule and shows at most a short, escaped preview of the value
	 */
	public static RunId fromString(@Nullable String value) {
		if (value == null) {
			throw new IllegalArgumentException("Invalid run ID (null): " + RULE);
		}
		if (!isValid(value)) {
			throw new IllegalArgumentException("Invalid run ID " + preview(value) + ": " + RULE);
		}
		return new RunId(value, null);
	}

	/**
	 * Whether the value is a valid run ID.
	 * @param value the value to check
	 * @return {@code true} if {@link #fromString(String)} accepts it
	 */
	public static boolean isValid(@Nullable String value) {
		if (value == null) {
			return false;
		}
		int length = value.length();
		if (length == 0 || length > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 128 || !ALLOWED[c]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A short preview of an untrusted value that is safe to log: at most
	 * {@value #PREVIEW_LENGTH} characters, every character outside the rule escaped as
	 * {@code \}{@code uXXXX}, quoted, with the full length when truncated.
	 * <p>
	 * Public on purpose: the integrations in other packages and modules (and applications
	 * that log rejected inbound values) use it so that a bad value is never written raw
	 * to a log, a header or a page.
	 * @param value the untrusted value
	 * @return the preview
	 */
	public static String preview(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		int shown = Math.min(value.length(), PREVIEW_LENGTH);
		StringBuilder preview = new StringBuilder(shown + 24).append('"');
		for (int i = 0; i < shown; i++) {
			char c = value.charAt(i);
			if (c < 128 && ALLOWED[c]) {
				preview.append(c);
			}
			else {
				preview.append(String.format("\\u%04x", (int) c));
			}
		}
		preview.append('"');
		if (value.length() > shown) {
			preview.append("... (").append(value.length()).append(" characters)");
		}
		return preview.toString();
	}

	/**
	 * A copy of this run ID with another parent.
	 * @param parent the parent run, or {@code null} for none
	 * @return the run ID with that parent
	 */
	public RunId withParent(@Nullable RunId parent) {
		return (parent != this.parent) ? new RunId(this.value, parent) : this;
	}

	/**
	 * The value of this run ID.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The first 8 characters of the value, for compact log display.
	 * @return the short form
	 */
	public String toShortString() {
		return (this.value.length() <= 8) ? this.value : this.value.substring(0, 8);
	}

	/**
	 * The run that started this one, if any.
	 * @return the parent run
	 */
	public Optional<RunId> parent() {
		return Optional.ofNullable(this.parent);
	}

	@Nullable RunId parentOrNull() {
		return this.parent;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (obj == this) || (obj instanceof RunId other && this.value.equals(other.value));
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
