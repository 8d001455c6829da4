package dev.runid.spring.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.runid.spring.registry.RunRecord.RunChild;
import dev.runid.spring.usage.RunUsage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RunStore} in this process's memory, for one instance: it keeps at most
 * {@code capacity} runs and, when a new run would exceed that, forgets the run stored
 * first among the finished ones (among all runs, the one that started first, when none
 * has finished).
 * <p>
 * Thread-safe, and cheap on the request path, where every request saves its segment
 * twice: a save of a known run locks only that run; a new run also takes the store's lock
 * for a moment to join the line of runs, in the order they were stored, and evict the
 * first finished one. The runs still running at the head of the line are passed over once
 * and remembered, so that an eviction does not walk them again until one of them
 * finishes; only when every run is running does an eviction walk the whole line. A run
 * counts towards the capacity from its first save, and joins the line right after it, so
 * the store may hold a few runs more than its capacity for a moment. Nothing is kept in
 * order of start: a lookup copies and sorts what it returns, which costs the rare reader
 * rather than every request. Pages are ordered by the runs' start, newest first; a cursor
 * names the last run of a page, so runs that start while a client pages do not shift the
 * pages that follow. A run keeps at most {@value #MAX_SEGMENTS_PER_RUN} segments.
 */
public final class MemoryRunStore implements RunStore {

	/**
	 * The most segments kept per run. A client that sends the same run ID with every
	 * request adds a segment each time: past this many, one segment other than the first
	 * is forgotten for each new one: the earliest that succeeded, else the earliest that
	 * failed, else the earliest.
	 */
	public static final int MAX_SEGMENTS_PER_RUN = 100;

	private final int capacity;

	private final Map<String, StoredRun> runs = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> children = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	/**
	 * Guards the line of runs, oldest first: {@link #oldest}, {@link #newest} and the
	 * runs' {@code older}/{@code newer} links.
	 */
	private final ReentrantLock line = new ReentrantLock();

	private @Nullable StoredRun oldest;

	private @Nullable StoredRun newest;

	/**
	 * The last of the runs at the head of the line that an eviction passed over because
	 * they were running: every run up to it is one; {@code null} when there is none.
	 * Guarded by {@link #line}.
	 */
	private @Nullable StoredRun lastPassedOver;

	/**
	 * Set when a run that an eviction passed over finishes: the next eviction looks at
	 * the head of the line again.
	 */
	private volatile boolean passedOverFinished;

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
		String id = record.runId();
		while (true) {
			StoredRun run = this.runs.get(id);
			boolean added = false;
			if (run == null) {
				StoredRun created = new StoredRun(id, record.parentId(), this.sequence.incrementAndGet());
				run = this.runs.putIfAbsent(id, created);
				if (run == null) {
					run = created;
					added = true;
				}
			}
			boolean kept;
			try {
				kept = run.put(record);
			}
			catch (RuntimeException | Error ex) {
				if (added) {
					// never saved, so never in the line: it must not hold a place
					this.runs.remove(id, run);
				}
				throw ex;
			}
			if (!kept) {
				// evicted between the lookup and the write: it leaves the map at once
				this.runs.remove(id, run);
				continue;
			}
			if (added) {
				added(run);
			}
			else if (run.passedOver && run.status() != RunStatus.RUNNING) {
				this.passedOverFinished = true;
			}
			return;
		}
	}

	/**
	 * A new run joins the back of the line; then the store evicts until it is within its
	 * capacity.
	 */
	private void added(StoredRun run) {
		String parentId = run.parentId;
		if (parentId != null) {
			// in one compute, so that the removal of the parent's last other child cannot
			// drop the set in between
			this.children.compute(parentId, (key, ids) -> {
				Set<String> kept = (ids != null) ? ids : ConcurrentHashMap.newKeySet();
				kept.add(run.id);
				return kept;
			});
			StoredRun parent = this.runs.get(parentId);
			if (parent != null) {
				parent.hasChildren = true;
			}
		}
		this.line.lock();
		try {
			append(run);
			while (this.runs.size() > this.capacity && evictOne()) {
				// until within capacity
			}
		}
		finally {
			this.line.unlock();
		}
	}

	/**
	 * Evict the first finished run in the line, passing over the running runs before it
	 * (remembered, so that the next eviction starts after them unless one of them has
	 * finished since); when every run is running, evict the one that started first.
	 * Called with the line locked.
	 * @return whether a run was evicted
	 */
	private boolean evictOne() {
		StoredRun candidate;
		if (this.passedOverFinished || this.lastPassedOver == null) {
			this.passedOverFinished = false;
			this.lastPassedOver = null;
			candidate = this.oldest;
		}
		else {
			candidate = this.lastPassedOver.newer;
		}
		while (candidate != null) {
			// marked before its status is read, as a finishing run writes its status
			// before it reads the mark: either this eviction sees it finished or that
			// save sees the mark
			candidate.passedOver = true;
			if (candidate.status() != RunStatus.RUNNING) {
				remove(candidate);
				return true;
			}
			this.lastPassedOver = candidate;
			candidate = candidate.newer;
		}
		StoredRun startedFirst = null;
		for (StoredRun run = this.oldest; run != null; run = run.newer) {
			if (startedFirst == null || run.key().compareTo(startedFirst.key()) > 0) {
				startedFirst = run;
			}
		}
		if (startedFirst == null) {
			return false;
		}
		remove(startedFirst);
		return true;
	}

	private void append(StoredRun run) {
		StoredRun last = this.newest;
		run.older = last;
		run.newer = null;
		if (last != null) {
			last.newer = run;
		}
		else {
			this.oldest = run;
		}
		this.newest = run;
		run.linked = true;
	}

	private void unlink(StoredRun run) {
		if (run == this.lastPassedOver) {
			this.lastPassedOver = run.older;
		}
		StoredRun older = run.older;
		StoredRun newer = run.newer;
		if (older != null) {
			older.newer = newer;
		}
		else {
			this.oldest = newer;
		}
		if (newer != null) {
			newer.older = older;
		}
		else {
			this.newest = older;
		}
		run.older = null;
		run.newer = null;
		run.linked = false;
	}

	/**
	 * Forget a run. Called with the line locked.
	 */
	private void remove(StoredRun victim) {
		if (victim.linked) {
			unlink(victim);
		}
		victim.evict();
		this.runs.remove(victim.id, victim);
		if (victim.hasChildren) {
			this.children.remove(victim.id);
		}
		String parentId = victim.parentId;
		if (parentId != null) {
			this.children.computeIfPresent(parentId, (id, ids) -> {
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
		List<Ranked> childRuns = new ArrayList<>();
		for (String childId : this.children.getOrDefault(id, Set.of())) {
			StoredRun child = this.runs.get(childId);
			if (child != null) {
				childRuns.add(new Ranked(child.key(), child));
			}
		}
		// earliest first
		childRuns.sort(Comparator.reverseOrder());
		for (Ranked child : childRuns) {
			children.add(new RunChild(child.run().id, child.run().status()));
		}
		RunRecord record = run.record(children);
		return Optional.ofNullable(record);
	}

	@Override
	public RunPage query(RunQuery query) {
		String cursor = query.cursor();
		Key after = (cursor != null) ? Key.parse(cursor) : null;
		String prefix = query.idPrefix();
		List<Ranked> candidates = new ArrayList<>(this.runs.size());
		for (StoredRun run : this.runs.values()) {
			// the key read once: a save may move a run's start earlier while this sorts
			Key key = run.key();
			if ((after == null || key.compareTo(after) > 0) && (prefix == null || run.id.startsWith(prefix))) {
				candidates.add(new Ranked(key, run));
			}
		}
		Collections.sort(candidates);
		List<RunSummary> page = new ArrayList<>(Math.min(query.limit(), 64));
		Key last = null;
		boolean more = false;
		for (Ranked candidate : candidates) {
			RunSummary summary = candidate.run().summary();
			if (summary == null || (query.status() != null && summary.status() != query.status())) {
				continue;
			}
			if (page.size() == query.limit()) {
				more = true;
				break;
			}
			page.add(summary);
			last = candidate.key();
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
	 * its primitive fields: a lookup sorts every run by it.
	 */
	private record Key(long seconds, int nanos, long sequence) implements Comparable<Key> {

		/**
		 * The key of a run not saved yet, after every other in the order of pages.
		 */
		static final Key UNSAVED = new Key(Long.MIN_VALUE, 0, 0);

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
	 * A run with its key as read once, to sort by.
	 */
	private record Ranked(Key key, StoredRun run) implements Comparable<Ranked> {

		@Override
		public int compareTo(Ranked other) {
			return this.key.compareTo(other.key);
		}

	}

	/**
	 * One run: its segments from every save, keyed by segment ID (most runs have one,
	 * kept in a field). Guarded by its own monitor; its place in the line by the store's
	 * lock.
	 */
	private static final class StoredRun {

		private static final RunStatus[] DROPPED_FIRST = { RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.RUNNING };

		final String id;

		final @Nullable String parentId;

		final long sequence;

		// written under the monitor, read by lookups and eviction without it
		private volatile @Nullable Key key;

		// kept with each put, so that eviction reads one field of a run that has long
		// left the CPU's caches rather than walk its segments
		private volatile RunStatus status = RunStatus.RUNNING;

		volatile boolean hasChildren;

		// set by an eviction that found it running
		volatile boolean passedOver;

		// the line, guarded by the store's lock
		@Nullable StoredRun older;

		@Nullable StoredRun newer;

		boolean linked;

		// guarded by this
		private @Nullable RunSegmentRecord first;

		private @Nullable Map<String, RunSegmentRecord> more;

		private boolean evicted;

		StoredRun(String id, @Nullable String parentId, long sequence) {
			this.id = id;
			this.parentId = parentId;
			this.sequence = sequence;
		}

		/**
		 * Add or replace a segment.
		 * @return {@code false} when the run was evicted and the record not kept
		 */
		synchronized boolean put(RunSegmentRecord record) {
			if (this.evicted) {
				return false;
			}
			RunSegmentRecord first = this.first;
			Map<String, RunSegmentRecord> more = this.more;
			if (first == null || first.segmentId().equals(record.segmentId())) {
				this.first = record;
				first = record;
			}
			else {
				if (more == null) {
					more = new LinkedHashMap<>(4);
					this.more = more;
				}
				if (more.size() + 1 >= MAX_SEGMENTS_PER_RUN && !more.containsKey(record.segmentId())) {
					dropOneSegment(more);
				}
				more.put(record.segmentId(), record);
			}
			this.status = (more == null) ? first.segment().status() : statusOf(records());
			Key key = this.key;
			Instant startedAt = record.segment().startedAt();
			if (key == null || key.startsAfter(startedAt)) {
				this.key = Key.of(startedAt, this.sequence);
			}
			return true;
		}

		synchronized void evict() {
			this.evicted = true;
		}

		/**
		 * Make room for a segment of a run that has many (a client that sends the same
		 * run ID with every request): forget one other than the first, so that the run's
		 * start and name stay as they were: the earliest that succeeded, else the
		 * earliest that failed (the run stays failed through the others), else the
		 * earliest.
		 */
		private static void dropOneSegment(Map<String, RunSegmentRecord> more) {
			for (RunStatus status : DROPPED_FIRST) {
				Iterator<RunSegmentRecord> records = more.values().iterator();
				while (records.hasNext()) {
					if (records.next().segment().status() == status) {
						records.remove();
						return;
					}
				}
			}
		}

		/**
		 * Where the run stands in the order of pages; set by its first save, before the
		 * run joins the line.
		 */
		Key key() {
			Key key = this.key;
			return (key != null) ? key : Key.UNSAVED;
		}

		RunStatus status() {
			return this.status;
		}

		/**
		 * The records of the segments, in the order they were first saved. Called with
		 * the monitor held.
		 */
		private List<RunSegmentRecord> records() {
			List<RunSegmentRecord> records = new ArrayList<>();
			if (this.first != null) {
				records.add(this.first);
			}
			if (this.more != null) {
				records.addAll(this.more.values());
			}
			return records;
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
			for (RunSegmentRecord record : records()) {
				String value = record.attributes().get("user");
				if (value != null) {
					user = value;
				}
			}
			return new RunSummary(this.id, this.parentId, statusOf(records()), segments.get(0).startedAt(),
					endedAt(segments), List.copyOf(services), segments.get(0).name(), user);
		}

		synchronized @Nullable RunRecord record(List<RunChild> children) {
			List<RunSegment> segments = sortedSegments();
			if (segments.isEmpty()) {
				return null;
			}
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
			return new RunRecord(this.id, this.parentId, statusOf(records()), segments.get(0).startedAt(),
					endedAt(segments), segments, attributes, usage, children);
		}

		private List<RunSegmentRecord> sortedRecords() {
			List<RunSegmentRecord> records = records();
			records.sort(Comparator.comparing((record) -> record.segment().startedAt()));
			return records;
		}

		private List<RunSegment> sortedSegments() {
			List<RunSegment> segments = new ArrayList<>();
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
