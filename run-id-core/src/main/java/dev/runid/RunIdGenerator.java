package dev.runid;

/**
 * Makes the values of new run IDs. Implementations must be thread-safe; every value they
 * return is validated against {@link RunId#RULE} before use.
 * <p>
 * For example, a generator that prefixes the default:
 * {@code () -> "run_" + RunIdGenerator.uuid7().generate()}.
 */
@FunctionalInterface
public interface RunIdGenerator {

	/**
	 * Generate a new value.
	 * @return the value of a new run ID
	 */
	String generate();

	/**
	 * The default generator: a time-ordered UUIDv7 (RFC 9562) in the canonical lower-case
	 * 36-character form. Values generated in sequence in one process sort in generation
	 * order.
	 * @return the UUIDv7 generator
	 */
	static RunIdGenerator uuid7() {
		return UuidV7Generator.INSTANCE;
	}

	/**
	 * A random UUIDv4 generator ({@link java.util.UUID#randomUUID()}).
	 * @return the UUIDv4 generator
	 */
	static RunIdGenerator uuid4() {
		return UuidV4Generator.INSTANCE;
	}

}
