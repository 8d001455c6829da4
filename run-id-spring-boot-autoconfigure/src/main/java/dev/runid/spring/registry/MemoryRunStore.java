package dev.runid.spring.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * twice. The runs sit in a line, in the order they were stored, held in an array that is
 * reused round and round, and are found by ID through an open-addressing table of their
 * places in it; both are allocated once, with the store. A new run takes the place after
 * the last one, and the run it evicts (most often the first in the line) leaves its place
 * and its table entry without being read itself, as the line keeps what eviction needs
 * (whether the run is running, the hash of its ID) beside it. So a save touches a few
 * cache lines of arrays, not the objects of a run stored a thousand runs earlier. The
 * runs still running at the head of the line are passed over once and remembered, so that
 * an eviction does not walk them again until one of them finishes; only when every run is
 * running does an eviction walk the whole line. Saves and lookups take the store's lock
 * for a moment each; a lookup copies and sorts what it returns outside it, which costs
 * the rare reader rather than every request. Pages are ordered by the runs' start, newest
 * first; a cursor names the last run of a page, so runs that start while a client pages
 * do not shift the pages that follow. A run keeps at most {@value #MAX_SEGMENTS_PER_RUN}
 * segments.
 */
public final class MemoryRunStore implements RunStore {

	/**
	 * The most segments kept per run. A client that sends the same run ID with every
	 * request adds a segment each time: past this many, one segment other than the first
	 * is forgotten for each new one: the earliest that succeeded, else the earliest that
	 * failed, else the earliest.
	 */
	public static final int MAX_SEGMENTS_PER_RUN = 100;

	/**
	 * The largest capacity: the store allocates two to four places in its line and its
	 * table per run of its capacity when it is created, 34 to 68 bytes (with compressed
	 * references).
	 */
	public static final int MAX_CAPACITY = 1 << 24;

	/**
	 * A place's flag: its run is running.
	 */
	private static final byte RUNNING = 1;

	/**
	 * A place's flag: its run has a parent or children, which its eviction tells.
	 */
	private static final byte RELATED = 2;

	private final int capacity;

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * The runs by their ID's parent, for the children of a run; changed with the lock
	 * held, read without it.
	 */
	private final Map<String, Set<String>> children = new ConcurrentHashMap<>();

	// everything below is guarded by the lock

	/**
	 * The line: the runs in the order they were stored, at positions that only grow. The
	 * run at a position sits at index {@code position & mask} of this array, and its ID's
	 * hash and its flags at the same index of the two arrays that follow; a forgotten run
	 * leaves its index empty ({@code null}) until the head passes it or the line is
	 * compacted.
	 */
	private final StoredRun[] line;

	private final int[] hashes;

	private final byte[] flags;

	private final int mask;

	/**
	 * The table of runs by ID: open addressing with linear probing; an entry is the hash
	 * of the run's ID in its high half and its index in the line plus one in its low
	 * half; 0 is empty.
	 */
	private final long[] table;

	private long head;

	private long tail;

	/**
	 * Where the next eviction starts: every run from the head up to here was passed over
	 * running.
	 */
	private long scanFrom;

	/**
	 * Set when a run that an eviction passed over finishes: the next eviction looks at
	 * the head of the line again.
	 */
	private boolean passedOverFinished;

	private int count;

	private long sequence;

	/**
	 * Create a store.
	 * @param capacity the most runs kept, from 1 to {@value #MAX_CAPACITY}
	 */
	public MemoryRunStore(int capacity) {
		if (capacity < 1 || capacity > MAX_CAPACITY) {
			throw new IllegalArgumentException("capacity must be from 1 to " + MAX_CAPACITY + ", was " + capacity);
		}
		this.capacity = capacity;
		// a power of two from twice the capacity up: when the line has gone once round
		// the array, at least half its places are empty, and the table is at most half
		// full
		int places = Integer.highestOneBit(2 * capacity - 1) << 1;
		this.line = new StoredRun[places];
		this.hashes = new int[places];
		this.flags = new byte[places];
		this.mask = places - 1;
		this.table = new long[places];
	}

	@Override
	public void save(RunSegmentRecord record) {
		String id = record.runId();
		int hash = hash(id);
		this.lock.lock();
		try {
			int entry = entry(id, hash);
			if (entry >= 0) {
				int index = (int) this.table[entry] - 1;
				StoredRun run = this.line[index];
				run.put(record);
				updated(run, index);
				return;
			}
			StoredRun run = new StoredRun(id, record.parentId(), this.sequence + 1);
			// before the run takes a place: a record it cannot keep holds none
			run.put(record);
			this.sequence++;
			if (this.count >= this.capacity) {
				evictOne();
			}
			append(run, hash);
		}
		finally {
			this.lock.unlock();
		}
	}

	private static int hash(String id) {
		int hash = id.hashCode();
		return hash ^ (hash >>> 16);
	}

	/**
	 * The table entry of a run.
	 * @return its index in the table, or -1 when no run has the ID
	 */
	private int entry(String id, int hash) {
		long[] table = this.table;
		int tableMask = table.length - 1;
		for (int i = hash & tableMask;; i = (i + 1) & tableMask) {
			long entry = table[i];
			if (entry == 0) {
				return -1;
			}
			if ((int) (entry >>> 32) == hash && this.line[(int) entry - 1].id.equals(id)) {
				return i;
			}
		}
	}

	private @Nullable StoredRun get(String id) {
		int hash = hash(id);
		this.lock.lock();
		try {
			int entry = entry(id, hash);
			return (entry >= 0) ? this.line[(int) this.table[entry] - 1] : null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Keep the flags of a run's place up to date after a save of a run that was stored.
	 */
	private void updated(StoredRun run, int index) {
		boolean running = run.status() == RunStatus.RUNNING;
		byte flags = this.flags[index];
		if (running != ((flags & RUNNING) != 0)) {
			this.flags[index] = (byte) (running ? (flags | RUNNING) : (flags & ~RUNNING));
			if (!running && run.position < this.scanFrom) {
				this.passedOverFinished = true;
			}
		}
	}

	/**
	 * A new run takes the place after the last one.
	 */
	private void append(StoredRun run, int hash) {
		if (this.tail - this.head == this.line.length) {
			compact();
		}
		long position = this.tail++;
		int index = (int) position & this.mask;
		byte flags = (run.status() == RunStatus.RUNNING) ? RUNNING : 0;
		String parentId = run.parentId;
		if (parentId != null) {
			flags |= RELATED;
			this.children.computeIfAbsent(parentId, (key) -> ConcurrentHashMap.newKeySet()).add(run.id);
			int parent = entry(parentId, hash(parentId));
			if (parent >= 0) {
				int parentIndex = (int) this.table[parent] - 1;
				this.flags[parentIndex] |= RELATED;
			}
		}
		run.position = position;
		this.line[index] = run;
		this.hashes[index] = hash;
		this.flags[index] = flags;
		this.count++;
		insert(hash, index);
	}

	private void insert(int hash, int index) {
		long[] table = this.table;
		int tableMask = table.length - 1;
		int i = hash & tableMask;
		while (table[i] != 0) {
			i = (i + 1) & tableMask;
		}
		table[i] = ((long) hash << 32) | (index + 1L);
	}

	/**
	 * Evict the first finished run in the line, passing over the running runs before it
	 * (remembered, so that the next eviction starts after them unless one of them has
	 * finished since); when every run is running, evict the one that started first.
	 */
	private void evictOne() {
		long position = this.scanFrom;
		if (this.passedOverFinished || position < this.head) {
			this.passedOverFinished = false;
			position = this.head;
		}
		for (; position < this.tail; position++) {
			int index = (int) position & this.mask;
			if (this.line[index] != null && (this.flags[index] & RUNNING) == 0) {
				this.scanFrom = position;
				remove(index);
				return;
			}
		}
		this.scanFrom = this.tail;
		int startedFirst = -1;
		Key firstKey = null;
		for (position = this.head; position < this.tail; position++) {
			int index = (int) position & this.mask;
			StoredRun run = this.line[index];
			if (run != null) {
				Key key = run.key();
				if (firstKey == null || key.compareTo(firstKey) > 0) {
					startedFirst = index;
					firstKey = key;
				}
			}
		}
		if (startedFirst >= 0) {
			remove(startedFirst);
		}
	}

	/**
	 * Forget the run at an index of the line: its table entry goes by its hash and index,
	 * and only a run with a parent or children is read.
	 */
	private void remove(int index) {
		StoredRun victim = this.line[index];
		deleteEntry(this.hashes[index], index);
		if ((this.flags[index] & RELATED) != 0) {
			forgetRelations(victim);
		}
		this.line[index] = null;
		this.flags[index] = 0;
		this.count--;
		while (this.head < this.tail && this.line[(int) this.head & this.mask] == null) {
			this.head++;
		}
	}

	private void forgetRelations(StoredRun victim) {
		this.children.remove(victim.id);
		String parentId = victim.parentId;
		if (parentId != null) {
			this.children.computeIfPresent(parentId, (id, ids) -> {
				ids.remove(victim.id);
				return ids.isEmpty() ? null : ids;
			});
		}
	}

	/**
	 * Delete a table entry and shift the entries after it that probed past it back, so
	 * that every entry stays reachable from its hash.
	 */
	private void deleteEntry(int hash, int index) {
		long[] table = this.table;
		int tableMask = table.length - 1;
		long wanted = index + 1L;
		int i = hash & tableMask;
		while ((table[i] & 0xFFFFFFFFL) != wanted) {
			i = (i + 1) & tableMask;
		}
		int j = i;
		while (true) {
			j = (j + 1) & tableMask;
			long entry = table[j];
			if (entry == 0) {
				break;
			}
			int home = (int) (entry >>> 32) & tableMask;
			if (((j - home) & tableMask) >= ((j - i) & tableMask)) {
				table[i] = entry;
				i = j;
			}
		}
		table[i] = 0;
	}

	/**
	 * Close the empty places of a line that has gone once round the array: the places
	 * left by runs evicted from behind running ones at its head. At least half the places
	 * are empty then, so this is rare and its cost shared by as many saves.
	 */
	private void compact() {
		long write = this.head;
		for (long read = this.head; read < this.tail; read++) {
			int from = (int) read & this.mask;
			StoredRun run = this.line[from];
			if (run != null) {
				int to = (int) write & this.mask;
				if (to != from) {
					this.line[to] = run;
					this.hashes[to] = this.hashes[from];
					this.flags[to] = this.flags[from];
					this.line[from] = null;
					this.flags[from] = 0;
				}
				run.position = write++;
			}
		}
		this.tail = write;
		this.scanFrom = this.head;
		this.passedOverFinished = false;
		Arrays.fill(this.table, 0);
		for (long position = this.head; position < this.tail; position++) {
			int index = (int) position & this.mask;
			insert(this.hashes[index], index);
		}
	}

	@Override
	public Optional<RunRecord> find(String id) {
		StoredRun run = get(id);
		if (run == null) {
			return Optional.empty();
		}
		List<RunChild> children = new ArrayList<>();
		List<Ranked> childRuns = new ArrayList<>();
		for (String childId : this.children.getOrDefault(id, Set.of())) {
			StoredRun child = get(childId);
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
		List<StoredRun> runs = runs();
		List<Ranked> candidates = new ArrayList<>(runs.size());
		for (StoredRun run : runs) {
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
	 * The runs kept, copied with the lock held.
	 */
	private List<StoredRun> runs() {
		this.lock.lock();
		try {
			List<StoredRun> runs = new ArrayList<>(this.count);
			for (long position = this.head; position < this.tail; position++) {
				StoredRun run = this.line[(int) position & this.mask];
				if (run != null) {
					runs.add(run);
				}
			}
			return runs;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The number of links from a parent to a child that the store keeps, for tests: one
	 * per child run kept whose parent is kept too, or was not stored yet.
	 * @return the number of links
	 */
	int childLinks() {
		this.lock.lock();
		try {
			return this.children.values().stream().mapToInt(Set::size).sum();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The number of runs kept.
	 * @return the number of runs
	 */
	public int size() {
		this.lock.lock();
		try {
			return this.count;
		}
		finally {
			this.lock.unlock();
		}
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

		// the earliest start of its segments (the record's own instant, so that a save
		// allocates no key): written under the monitor, read by lookups without it
		private volatile @Nullable Instant startedAt;

		// kept with each put, for lookups and the flags of its place in the line
		private volatile RunStatus status = RunStatus.RUNNING;

		/**
		 * Its place in the line; guarded by the store's lock.
		 */
		long position;

		// guarded by this
		private @Nullable RunSegmentRecord first;

		private @Nullable Map<String, RunSegmentRecord> more;

		StoredRun(String id, @Nullable String parentId, long sequence) {
			this.id = id;
			this.parentId = parentId;
			this.sequence = sequence;
		}

		/**
		 * Add or replace a segment. Called with the store's lock held.
		 */
		synchronized void put(RunSegmentRecord record) {
			// checked before anything changes: the run's place in the order of pages
			// needs it
			Instant startedAt = Objects.requireNonNull(record.segment().startedAt(), "startedAt");
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
			Instant earliest = this.startedAt;
			if (earliest == null || earliest.isAfter(startedAt)) {
				this.startedAt = startedAt;
			}
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
			Instant startedAt = this.startedAt;
			return (startedAt != null) ? Key.of(startedAt, this.sequence) : Key.UNSAVED;
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

		/**
		 * The records of the segments in the order they were first saved, copied with the
		 * monitor held: a summary or a record is built from them without it, so that a
		 * lookup holds up no save of the run (which waits for the monitor with the
		 * store's lock held).
		 */
		private synchronized List<RunSegmentRecord> snapshot() {
			return records();
		}

		@Nullable RunSummary summary() {
			List<RunSegmentRecord> records = snapshot();
			List<RunSegment> segments = segments(sorted(records));
			if (segments.isEmpty()) {
				return null;
			}
			Set<String> services = new LinkedHashSet<>();
			for (RunSegment segment : segments) {
				services.add(segment.service());
			}
			String user = null;
			for (RunSegmentRecord record : records) {
				String value = record.attributes().get("user");
				if (value != null) {
					user = value;
				}
			}
			return new RunSummary(this.id, this.parentId, statusOf(records), segments.get(0).startedAt(),
					endedAt(segments), List.copyOf(services), segments.get(0).name(), user);
		}

		@Nullable RunRecord record(List<RunChild> children) {
			List<RunSegmentRecord> records = snapshot();
			List<RunSegmentRecord> sorted = sorted(records);
			List<RunSegment> segments = segments(sorted);
			if (segments.isEmpty()) {
				return null;
			}
			Map<String, String> attributes = new LinkedHashMap<>();
			RunUsage usage = null;
			for (RunSegmentRecord record : sorted) {
				for (Map.Entry<String, String> attribute : record.attributes().entrySet()) {
					if (attributes.size() < RunRecorder.MAX_ATTRIBUTES || attributes.containsKey(attribute.getKey())) {
						attributes.put(attribute.getKey(), attribute.getValue());
					}
				}
				if (!record.usage().equals(RunUsage.NONE)) {
					usage = (usage != null) ? usage.plus(record.usage()) : record.usage();
				}
			}
			return new RunRecord(this.id, this.parentId, statusOf(records), segments.get(0).startedAt(),
					endedAt(segments), segments, attributes, usage, children);
		}

		private static List<RunSegmentRecord> sorted(List<RunSegmentRecord> records) {
			List<RunSegmentRecord> sorted = new ArrayList<>(records);
			sorted.sort(Comparator.comparing((record) -> record.segment().startedAt()));
			return sorted;
		}

		private static List<RunSegment> segments(List<RunSegmentRecord> records) {
			List<RunSegment> segments = new ArrayList<>(records.size());
			for (RunSegmentRecord record : records) {
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
