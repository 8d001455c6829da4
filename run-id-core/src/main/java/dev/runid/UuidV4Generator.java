package dev.runid;

import java.util.UUID;

/**
 * {@link RunIdGenerator} of random UUIDv4 values.
 */
final class UuidV4Generator implements RunIdGenerator {

	static final UuidV4Generator INSTANCE = new UuidV4Generator();

	private UuidV4Generator() {
	}

	@Override
	public String generate() {
		return UUID.randomUUID().toString();
	}

	@Override
	public String toString() {
		return "uuid4";
	}

}
