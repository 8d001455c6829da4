package dev.runid.spring.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.runid.spring.registry.RunRecord.RunChild;
import dev.runid.spring.usage.RunUsage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RunStore} in this process's memory, for one instance: it keeps at most
 * {@code capacity} runs and, when a new run would exceed that, forgets the run that
 * started first among the finished ones (among all runs when none has finished).
 * <p>
 * Thread-safe. A save locks only the run it writes and, when a new run is over the
 * capacity, evicts unless another thread is evicting already (so the store may hold a few
 * runs more than its capacity for a moment); lookups copy what they return. Pages are
 * ordered by the runs' start, newest first; a cursor names the last run of a page, so
 * runs that start while a client pages do not shift the pages that follow. A run keeps at
 * most {@value #MAX_SEGMENTS_PER_RUN} segments.
 */
public final class MemoryRunStore implements RunStore {

	/**
	 * The most segments kept per run. A client that sends the same run ID with every
	 * request adds a segment each time: past this many, the earliest finished segment
	 * that did not fail (other than the first) is forgotten for each new one.
	 */
	public static final int MAX_SEGMENTS_PER_RUN = 100;

	private final int capacity;

	private final Map<String, StoredRun> runs = new ConcurrentHashMap<>();

	private final NavigableMap<Key, StoredRun> byStart = new ConcurrentSkipListMap<>();

	private final Map<String, Set<String>> children = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final ReentrantLock evictionLock = new ReentrantLock();

	/**
	 * Create a store.
	 * @param capacity the most runs kept, at least 1
	 */
	public MemoryRunStore(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		this.capacity = capacity;
	}

	@Override
	public void save(RunSegmentRecord record) {
		boolean[] added = new boolean[1];
		this.runs.compute(record.runId(), (id, run) -> {
			StoredRun stored = run;
			if (stored == null) {
				stored = new StoredRun(id, record.parentId(), this.sequence.incrementAndGet());
				added[0] = true;
			}
			Key before = stored.key;
			Key after = stored.put(record);
			if (!after.equals(before)) {
				if (before != null) {
					this.byStart.remove(before);
				}
				this.byStart.put(after, stored);
			}
			return stored;
		});
		if (added[0]) {
			String parentId = record.parentId();
			if (parentId != null) {
				this.children.computeIfAbsent(parentId, (key) -> ConcurrentHashMap.newKeySet()).add(record.runId());
			}
			if (this.runs.size() > this.capacity) {
				evict();
			}
		}
	}

	/**
	 * Forget runs until the store is within its capacity. A thread that finds another one
	 * evicting leaves it to that one, which goes on until the store is within capacity,
	 * rather than wait on the request path.
	 */
	private void evict() {
		if (!this.evictionLock.tryLock()) {
			return;
		}
		try {
			while (this.runs.size() > this.capacity) {
				Map.Entry<Key, StoredRun> oldest = this.byStart.lastEntry();
				if (oldest == null) {
					return;
				}
				StoredRun victim = oldest.getValue();
				if (victim.status() == RunStatus.RUNNING) {
					// the oldest finished run, or the oldest run when none has finished
					for (StoredRun run : this.byStart.descendingMap().values()) {
						if (run.status() != RunStatus.RUNNING) {
							victim = run;
							break;
						}
					}
				}
				remove(victim);
			}
		}
		finally {
			this.evictionLock.unlock();
		}
	}

	private void remove(StoredRun victim) {
		this.runs.computeIfPresent(victim.id, (id, run) -> {
			if (run != victim) {
				return run;
			}
			Key key = victim.key;
			if (key != null) {
				this.byStart.remove(key);
			}
			return null;
		});
		this.children.remove(victim.id);
		if (victim.parentId != null) {
			this.children.computeIfPresent(victim.parentId, (id, ids) -> {
				ids.remove(victim.id);
				return ids.isEmpty() ? null : ids;
			});
		}
	}

	@Override
	public Optional<RunRecord> find(String id) {
		StoredRun run = this.runs.get(id);
		if (run == null) {
			return Optional.empty();
		}
		List<RunChild> children = new ArrayList<>();
		List<StoredRun> childRuns = new ArrayList<>();
		for (String childId : this.children.getOrDefault(id, Set.of())) {
			StoredRun child = this.runs.get(childId);
			if (child != null) {
				childRuns.add(child);
			}
		}
		childRuns.sort(Comparator.comparing(StoredRun::startedAt).thenComparingLong((child) -> child.sequence));
		for (StoredRun child : childRuns) {
			children.add(new RunChild(child.id, child.status()));
		}
		return Optional.of(run.record(children));
	}

	@Override
	public RunPage query(RunQuery query) {
		NavigableMap<Key, StoredRun> from = this.byStart;
		String cursor = query.cursor();
		if (cursor != null) {
			from = this.byStart.tailMap(Key.parse(cursor), false);
		}
		List<RunSummary> page = new ArrayList<>(Math.min(query.limit(), 64));
		Key last = null;
		boolean more = false;
		for (Map.Entry<Key, StoredRun> entry : from.entrySet()) {
			StoredRun run = entry.getValue();
			String prefix = query.idPrefix();
			if (prefix != null && !run.id.startsWith(prefix)) {
				continue;
			}
			RunSummary summary = run.summary();
			if (summary == null || (query.status() != null && summary.status() != query.status())) {
				continue;
			}
			if (page.size() == query.limit()) {
				more = true;
				break;
			}
			page.add(summary);
			last = entry.getKey();
		}
		return new RunPage(page, (more && last != null) ? last.toCursor() : null);
	}

	/**
	 * The number of runs kept.
	 * @return the number of runs
	 */
	public int size() {
		return this.runs.size();
	}

	/**
	 * Where a run stands in the order of pages: newest first, that is later start first,
	 * and among runs that started at the same instant the one stored later. Compared on
	 * its primitive fields, since every new run is put into and every evicted run removed
	 * from the ordered map on the request path.
	 */
	private record Key(long seconds, int nanos, long sequence) implements Comparable<Key> {

		static Key of(Instant startedAt, long sequence) {
			return new Key(startedAt.getEpochSecond(), startedAt.getNano(), sequence);
		}

		Instant startedAt() {
			return Instant.ofEpochSecond(this.seconds, this.nanos);
		}

		boolean startsAfter(Instant instant) {
			long seconds = instant.getEpochSecond();
			return this.seconds > seconds || (this.seconds == seconds && this.nanos > instant.getNano());
		}

		@Override
		public int compareTo(Key other) {
			int order = Long.compare(other.seconds, this.seconds);
			if (order == 0) {
				order = Integer.compare(other.nanos, this.nanos);
			}
			return (order != 0) ? order : Long.compare(other.sequence, this.sequence);
		}

		String toCursor() {
			return this.seconds + "." + this.nanos + "." + this.sequence;
		}

		static Key parse(String cursor) {
			String[] parts = cursor.split("\\.", -1);
			try {
				if (parts.length == 3) {
					return Key.of(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
							Long.parseLong(parts[2]));
				}
			}
			catch (RuntimeException ex) {
				// reported below
			}
			throw new IllegalArgumentException("Invalid cursor: not one that this registry returned");
		}

	}

	/**
	 * One run: its segments from every save, keyed by segment ID. Guarded by its own
	 * monitor; {@link #key} is written in the runs map's compute only.
	 */
	private static final class StoredRun {

		final String id;

		final @Nullable String parentId;

		final long sequence;

		volatile @Nullable Key key;

		private final Map<String, RunSegmentRecord> segments = new LinkedHashMap<>(4);

		// kept with each put, so that eviction reads one field of a run that has long
		// left the CPU's caches rather than walk its segments
		private volatile RunStatus status = RunStatus.RUNNING;

		StoredRun(String id, @Nullable String parentId, long sequence) {
			this.id = id;
			this.parentId = parentId;
			this.sequence = sequence;
		}

		synchronized Key put(RunSegmentRecord record) {
			if (this.segments.size() >= MAX_SEGMENTS_PER_RUN && !this.segments.containsKey(record.segmentId())) {
				dropOneFinishedSegment();
			}
			this.segments.put(record.segmentId(), record);
			this.status = statusOf(this.segments.values());
			Key key = this.key;
			Instant startedAt = record.segment().startedAt();
			if (key == null || key.startsAfter(startedAt)) {
				key = Key.of(startedAt, this.sequence);
				this.key = key;
			}
			return key;
		}

		/**
		 * Make room for a segment of a run that has many (a client that sends the same
		 * run ID with every request): forget the earliest finished segment that did not
		 * fail, other than the first one, so that the run's start, name and status stay
		 * as they were.
		 */
		private void dropOneFinishedSegment() {
			Iterator<RunSegmentRecord> records = this.segments.values().iterator();
			boolean first = true;
			while (records.hasNext()) {
				RunSegment segment = records.next().segment();
				if (!first && segment.status() == RunStatus.SUCCEEDED) {
					records.remove();
					return;
				}
				first = false;
			}
		}

		Instant startedAt() {
			Key key = this.key;
			return (key != null) ? key.startedAt() : Instant.MAX;
		}

		RunStatus status() {
			return this.status;
		}

		private static RunStatus statusOf(Iterable<RunSegmentRecord> records) {
			boolean failed = false;
			for (RunSegmentRecord record : records) {
				RunStatus status = record.segment().status();
				if (status == RunStatus.RUNNING) {
					return RunStatus.RUNNING;
				}
				failed |= (status == RunStatus.FAILED);
			}
			return failed ? RunStatus.FAILED : RunStatus.SUCCEEDED;
		}

		synchronized @Nullable RunSummary summary() {
			List<RunSegment> segments = sortedSegments();
			if (segments.isEmpty()) {
				return null;
			}
			Set<String> services = new LinkedHashSet<>();
			for (RunSegment segment : segments) {
				services.add(segment.service());
			}
			String user = null;
			for (RunSegmentRecord record : this.segments.values()) {
				String value = record.attributes().get("user");
				if (value != null) {
					user = value;
				}
			}
			return new RunSummary(this.id, this.parentId, statusOf(this.segments.values()), segments.get(0).startedAt(),
					endedAt(segments), List.copyOf(services), segments.get(0).name(), user);
		}

		synchronized RunRecord record(List<RunChild> children) {
			List<RunSegment> segments = sortedSegments();
			Map<String, String> attributes = new LinkedHashMap<>();
			RunUsage usage = null;
			for (RunSegmentRecord record : sortedRecords()) {
				for (Map.Entry<String, String> attribute : record.attributes().entrySet()) {
					if (attributes.size() < RunRecorder.MAX_ATTRIBUTES || attributes.containsKey(attribute.getKey())) {
						attributes.put(attribute.getKey(), attribute.getValue());
					}
				}
				if (!record.usage().equals(RunUsage.NONE)) {
					usage = (usage != null) ? usage.plus(record.usage()) : record.usage();
				}
			}
			return new RunRecord(this.id, this.parentId, statusOf(this.segments.values()), segments.get(0).startedAt(),
					endedAt(segments), segments, attributes, usage, children);
		}

		private List<RunSegmentRecord> sortedRecords() {
			List<RunSegmentRecord> records = new ArrayList<>(this.segments.values());
			records.sort(Comparator.comparing((record) -> record.segment().startedAt()));
			return records;
		}

		private List<RunSegment> sortedSegments() {
			List<RunSegment> segments = new ArrayList<>(this.segments.size());
			for (RunSegmentRecord record : sortedRecords()) {
				segments.add(record.segment());
			}
			return segments;
		}

		private static @Nullable Instant endedAt(List<RunSegment> segments) {
			Instant ended = null;
			for (RunSegment segment : segments) {
				Instant endedAt = segment.endedAt();
				if (endedAt == null) {
					return null;
				}
				if (ended == null || endedAt.isAfter(ended)) {
					ended = endedAt;
				}
			}
			return ended;
		}

	}

}
