package dev.runid.spring.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * runs that start while a client pages do not shift the pages that follow.
 */
public final class MemoryRunStore implements RunStore {

	/**
	 * Newest first: later start first, and among runs that started at the same instant
	 * the one stored later.
	 */
	private static final Comparator<Key> NEWEST_FIRST = Comparator.comparing(Key::startedAt)
		.thenComparingLong(Key::sequence)
		.reversed();

	private final int capacity;

	private final Map<String, StoredRun> runs = new ConcurrentHashMap<>();

	private final NavigableMap<Key, StoredRun> byStart = new ConcurrentSkipListMap<>(NEWEST_FIRST);

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
				StoredRun victim = null;
				for (StoredRun run : this.byStart.descendingMap().values()) {
					if (run.status() != RunStatus.RUNNING) {
						victim = run;
						break;
					}
				}
				if (victim == null) {
					Map.Entry<Key, StoredRun> oldest = this.byStart.lastEntry();
					if (oldest == null) {
						return;
					}
					victim = oldest.getValue();
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
	 * Where a run stands in the order of pages.
	 */
	private record Key(Instant startedAt, long sequence) {

		String toCursor() {
			return this.startedAt.getEpochSecond() + "." + this.startedAt.getNano() + "." + this.sequence;
		}

		static Key parse(String cursor) {
			String[] parts = cursor.split("\\.", -1);
			try {
				if (parts.length == 3) {
					return new Key(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
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

		StoredRun(String id, @Nullable String parentId, long sequence) {
			this.id = id;
			this.parentId = parentId;
			this.sequence = sequence;
		}

		synchronized Key put(RunSegmentRecord record) {
			this.segments.put(record.segmentId(), record);
			Key key = this.key;
			Instant startedAt = record.segment().startedAt();
			if (key == null || startedAt.isBefore(key.startedAt())) {
				key = new Key(startedAt, this.sequence);
				this.key = key;
			}
			return key;
		}

		Instant startedAt() {
			Key key = this.key;
			return (key != null) ? key.startedAt() : Instant.MAX;
		}

		synchronized RunStatus status() {
			return statusOf(this.segments.values());
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
