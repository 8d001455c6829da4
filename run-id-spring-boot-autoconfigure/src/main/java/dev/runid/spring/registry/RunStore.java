package dev.runid.spring.registry;

/**
 * Keeps the records of runs: the SPI behind the {@link RunRegistry}. run-id ships a
 * bounded in-memory store and a JDBC store; an application may define its own bean of
 * this type instead.
 * <p>
 * {@link #save} is called off the request path or must return at once: implementations
 * must be thread-safe, must not block the caller on I/O, and must not throw for a store
 * that is down (they drop and count instead).
 */
public interface RunStore extends RunRegistry {

	/**
	 * Save a segment, replacing an earlier write of the same
	 * {@link RunSegmentRecord#segmentId()}.
	 * @param record the segment
	 */
	void save(RunSegmentRecord record);

}
