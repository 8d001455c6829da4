package dev.runid;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RunIdGenerator} of UUIDv7 values (RFC 9562): a 48-bit Unix-millisecond
 * timestamp, the version, a 12-bit counter that keeps values monotonic within a
 * millisecond (RFC 9562 section 6.2, method 1), the variant and 62 random bits.
 * <p>
 * The random bits come from {@link ThreadLocalRandom}: run IDs are correlation IDs, not
 * secrets, and this keeps generation cheaper than {@link java.util.UUID#randomUUID()}.
 */
final class UuidV7Generator implements RunIdGenerator {

	static final UuidV7Generator INSTANCE = new UuidV7Generator();

	private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	/**
	 * The last timestamp (upper 52 bits: milliseconds) and counter (lower 12 bits).
	 */
	private final AtomicLong last = new AtomicLong();

	private UuidV7Generator() {
	}

	@Override
	public String generate() {
		long timeAndCounter = nextTimeAndCounter();
		long millis = timeAndCounter >>> 12;
		long counter = timeAndCounter & 0xFFFL;
		long msb = (millis << 16) | 0x7000L | counter;
		long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return format(msb, lsb);
	}

	private long nextTimeAndCounter() {
		long now = System.currentTimeMillis() << 12;
		while (true) {
			long previous = this.last.get();
			long next = (now > previous) ? now : previous + 1;
			if (this.last.compareAndSet(previous, next)) {
				return next;
			}
		}
	}

	@SuppressWarnings("deprecation")
	private static String format(long msb, long lsb) {
		byte[] chars = new byte[36];
		hex(chars, 0, msb >>> 32, 8);
		chars[8] = '-';
		hex(chars, 9, msb >>> 16, 4);
		chars[13] = '-';
		hex(chars, 14, msb, 4);
		chars[18] = '-';
		hex(chars, 19, lsb >>> 48, 4);
		chars[23] = '-';
		hex(chars, 24, lsb, 12);
		// the deprecated constructor makes a LATIN1 string without a decoding pass
		return new String(chars, 0, 0, 36);
	}

	private static void hex(byte[] chars, int offset, long value, int digits) {
		for (int i = offset + digits - 1; i >= offset; i--) {
			chars[i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

	@Override
	public String toString() {
		return "uuid7";
	}

}
