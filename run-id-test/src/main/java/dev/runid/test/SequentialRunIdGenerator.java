package dev.runid.test;

import java.util.concurrent.atomic.AtomicLong;

import dev.runid.RunId;
import dev.runid.RunIdGenerator;

/**
 * A {@link RunIdGenerator} for tests that makes predictable run IDs: {@code run-1},
 * {@code run-2}, ... (or another prefix). Thread-safe.
 * <p>
 * As a bean it replaces the application's generator (the auto-configured one backs off),
 * so the runs that run-id mints for requests, {@code @Scheduled} and {@code @NewRun}
 * methods get these IDs: {@code @Import(SequentialRunIdGenerator.class)} on a Spring Boot
 * test. With {@code spring-test} on the class path, every
 * {@code SequentialRunIdGenerator} bean of a test's application context is
 * {@link #reset() reset} before each test method, so each test starts at {@code run-1}
 * whatever ran before it in a cached context.
 */
public final class SequentialRunIdGenerator implements RunIdGenerator {

	private final String prefix;

	private final AtomicLong next = new AtomicLong(1);

	/**
	 * Create a generator of {@code run-1}, {@code run-2}, ...
	 */
	public SequentialRunIdGenerator() {
		this("run-");
	}

	/**
	 * Create a generator of the prefix followed by 1, 2, ...
	 * @param prefix the prefix of every value
	 * @throws IllegalArgumentException if the prefix makes invalid run IDs
	 */
	public SequentialRunIdGenerator(String prefix) {
		if (!RunId.isValid(prefix + Long.MAX_VALUE)) {
			throw new IllegalArgumentException(
					"Prefix " + RunId.preview(prefix) + " makes invalid run IDs: " + RunId.RULE);
		}
		this.prefix = prefix;
	}

	@Override
	public String generate() {
		return this.prefix + this.next.getAndIncrement();
	}

	/**
	 * Start again at 1.
	 */
	public void reset() {
		this.next.set(1);
	}

}
