package dev.runid.spring.registry.jdbc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.runid.spring.registry.RunSegmentRecord;
import org.jspecify.annotations.Nullable;

/**
 * The bounded queue of segment writes not yet in the database, one entry per segment: a
 * later write of a segment replaces the queued one, so a segment that starts and ends
 * between two flushes is written once.
 * <p>
 * {@link #offer} runs on request threads: it never blocks and takes no lock. When the
 * queue holds {@code capacity} segments, a write of a further segment is dropped and
 * counted. {@link #drain} and {@link #requeue} are for the one writer thread.
 */
final class PendingWrites {

	private final Map<String, RunSegmentRecord> bySegment = new ConcurrentHashMap<>();

	// the number of entries, kept apart because ConcurrentHashMap.size() is not cheap
	// and the bound must hold under concurrent offers
	private final AtomicInteger size = new AtomicInteger();

	private final LongAdder dropped = new LongAdder();

	private final int capacity;

	PendingWrites(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		this.capacity = capacity;
	}

	/**
	 * Queue a write, replacing a queued write of the same segment, or drop it when the
	 * queue is full.
	 * @param record the write
	 * @return whether the write was queued
	 */
	boolean offer(RunSegmentRecord record) {
		if (this.bySegment.replace(record.segmentId(), record) != null) {
			return true;
		}
		return add(record, false);
	}

	/**
	 * Put back writes that could not be written, unless a later write of the same segment
	 * was queued meanwhile (that one wins); those that no longer fit are dropped and
	 * counted.
	 * @param records the writes
	 */
	void requeue(List<RunSegmentRecord> records) {
		for (RunSegmentRecord record : records) {
			add(record, true);
		}
	}

	private boolean add(RunSegmentRecord record, boolean unlessPresent) {
		if (this.size.incrementAndGet() > this.capacity) {
			this.size.decrementAndGet();
			this.dropped.increment();
			return false;
		}
		RunSegmentRecord present = unlessPresent ? this.bySegment.putIfAbsent(record.segmentId(), record)
				: this.bySegment.put(record.segmentId(), record);
		if (present != null) {
			// another thread queued this segment meanwhile: still one entry
			this.size.decrementAndGet();
		}
		return true;
	}

	/**
	 * Take up to {@code max} queued writes out of the queue.
	 * @param max the most writes to take
	 * @return the writes, at most one per segment
	 */
	List<RunSegmentRecord> drain(int max) {
		return drain(max, null);
	}

	/**
	 * Take up to {@code max} queued writes out of the queue, running {@code taken} after
	 * each write taken out (for tests that queue a write in the middle of a drain).
	 */
	List<RunSegmentRecord> drain(int max, @Nullable Runnable taken) {
		Map<String, RunSegmentRecord> drained = new LinkedHashMap<>();
		Iterator<Map.Entry<String, RunSegmentRecord>> entries = this.bySegment.entrySet().iterator();
		while (drained.size() < max && entries.hasNext()) {
			Map.Entry<String, RunSegmentRecord> entry = entries.next();
			RunSegmentRecord record = entry.getValue();
			// only if not replaced since it was read: a replaced one goes in a later
			// batch
			if (this.bySegment.remove(entry.getKey(), record)) {
				this.size.decrementAndGet();
				// the iteration may meet a segment again that was queued anew after it
				// was
				// taken out: that write is the later one, and replaces it in the batch
				drained.put(entry.getKey(), record);
				if (taken != null) {
					taken.run();
				}
			}
		}
		return new ArrayList<>(drained.values());
	}

	/**
	 * The number of writes queued.
	 * @return the number of segments waiting to be written
	 */
	int size() {
		return this.size.get();
	}

	/**
	 * The number of writes dropped because the queue was full, since the start.
	 * @return the count
	 */
	long dropped() {
		return this.dropped.sum();
	}

}
