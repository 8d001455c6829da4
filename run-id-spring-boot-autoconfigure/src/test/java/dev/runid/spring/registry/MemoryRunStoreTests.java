package dev.runid.spring.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.runid.spring.registry.RunRecord.RunChild;
import dev.runid.spring.usage.RunUsage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class MemoryRunStoreTests {

	private static final Instant T0 = Instant.parse("2026-12-01T04:00:00Z");

	@Test
	void runStatusAndTimesSpanTheSegments() {
		MemoryRunStore store = new MemoryRunStore(10);
		store.save(segment("r1", null, "a#1", "orders", T0, null, RunStatus.RUNNING));
		store.save(segment("r1", null, "b#1", "billing", T0.plusSeconds(1), null, RunStatus.RUNNING));
		assertThat(store.find("r1")).get().satisfies((run) -> {
			assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
			assertThat(run.endedAt()).isNull();
		});
		store.save(segment("r1", null, "b#1", "billing", T0.plusSeconds(1), T0.plusSeconds(2), RunStatus.FAILED));
		assertThat(store.find("r1").get().status()).isEqualTo(RunStatus.RUNNING);
		store.save(segment("r1", null, "a#1", "orders", T0, T0.plusSeconds(3), RunStatus.SUCCEEDED));
		RunRecord run = store.find("r1").get();
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.startedAt()).isEqualTo(T0);
		assertThat(run.endedAt()).isEqualTo(T0.plusSeconds(3));
		assertThat(run.segments()).extracting(RunSegment::service).containsExactly("orders", "billing");
		assertThat(store.query(RunQuery.latest()).runs()).singleElement().satisfies((summary) -> {
			assertThat(summary.services()).containsExactly("orders", "billing");
			assertThat(summary.status()).isEqualTo(RunStatus.FAILED);
		});
	}

	@Test
	void aRunKeepsItsFirstAndFailedSegmentsWithinTheBound() {
		MemoryRunStore store = new MemoryRunStore(10);
		store.save(segment("reused", null, "a#0", "first", T0, T0.plusSeconds(1), RunStatus.SUCCEEDED));
		store.save(segment("reused", null, "a#1", "failing", T0.plusSeconds(1), T0.plusSeconds(2), RunStatus.FAILED));
		for (int i = 2; i < 500; i++) {
			store.save(segment("reused", null, "a#" + i, "later", T0.plusSeconds(i), T0.plusSeconds(i + 1),
					RunStatus.SUCCEEDED));
		}
		RunRecord run = store.find("reused").get();
		assertThat(run.segments()).hasSize(MemoryRunStore.MAX_SEGMENTS_PER_RUN);
		assertThat(run.segments().get(0).service()).isEqualTo("first");
		assertThat(run.segments()).extracting(RunSegment::service).contains("failing");
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.startedAt()).isEqualTo(T0);
		assertThat(run.endedAt()).isEqualTo(T0.plusSeconds(500));
	}

	@Test
	void rewritingASegmentReplacesIt() {
		MemoryRunStore store = new MemoryRunStore(10);
		RunSegmentRecord record = segment("r1", null, "a#1", "orders", T0, T0.plusSeconds(1), RunStatus.SUCCEEDED);
		store.save(record);
		store.save(record);
		assertThat(store.find("r1").get().segments()).hasSize(1);
		assertThat(store.find("r1").get().status()).isEqualTo(RunStatus.SUCCEEDED);
	}

	@Test
	void attributesAndUsageAddUpOverSegments() {
		MemoryRunStore store = new MemoryRunStore(10);
		store.save(new RunSegmentRecord("r1", null, "a#1", segmentOf("orders", T0, T0, RunStatus.SUCCEEDED),
				Map.of("user", "ada"), new RunUsage(1, 10, 5)));
		store.save(new RunSegmentRecord("r1", null, "b#1",
				segmentOf("billing", T0.plusSeconds(1), T0.plusSeconds(1), RunStatus.SUCCEEDED), Map.of("order", "42"),
				new RunUsage(2, 20, 7)));
		store.save(segment("r2", null, "a#2", "orders", T0, T0, RunStatus.SUCCEEDED));
		RunRecord run = store.find("r1").get();
		assertThat(run.attributes()).containsExactly(Map.entry("user", "ada"), Map.entry("order", "42"));
		assertThat(run.usage()).isEqualTo(new RunUsage(3, 30, 12));
		assertThat(store.find("r2").get().usage()).isNull();
		assertThat(store.query(RunQuery.latest()).runs()).filteredOn((summary) -> summary.id().equals("r1"))
			.singleElement()
			.extracting(RunSummary::user)
			.isEqualTo("ada");
	}

	@Test
	void childrenAreListedUnderTheirParentEarliestFirst() {
		MemoryRunStore store = new MemoryRunStore(10);
		store.save(segment("child-2", "parent", "a#3", "orders", T0.plusSeconds(2), null, RunStatus.RUNNING));
		store.save(segment("parent", null, "a#1", "orders", T0, T0.plusSeconds(5), RunStatus.SUCCEEDED));
		store.save(
				segment("child-1", "parent", "a#2", "orders", T0.plusSeconds(1), T0.plusSeconds(2), RunStatus.FAILED));
		assertThat(store.find("parent").get().children()).containsExactly(new RunChild("child-1", RunStatus.FAILED),
				new RunChild("child-2", RunStatus.RUNNING));
		assertThat(store.find("child-1").get().parentId()).isEqualTo("parent");
		assertThat(store.find("unknown")).isEmpty();
	}

	@Test
	void oldestFinishedRunsAreEvictedFirst() {
		MemoryRunStore store = new MemoryRunStore(3);
		store.save(segment("running-oldest", null, "a#1", "s", T0, null, RunStatus.RUNNING));
		store.save(segment("done-1", null, "a#2", "s", T0.plusSeconds(1), T0.plusSeconds(1), RunStatus.SUCCEEDED));
		store.save(segment("done-2", null, "a#3", "s", T0.plusSeconds(2), T0.plusSeconds(2), RunStatus.FAILED));
		store.save(segment("new", null, "a#4", "s", T0.plusSeconds(3), null, RunStatus.RUNNING));
		assertThat(store.size()).isEqualTo(3);
		assertThat(store.find("done-1")).isEmpty();
		assertThat(store.find("running-oldest")).isPresent();
		store.save(segment("newer", null, "a#5", "s", T0.plusSeconds(4), null, RunStatus.RUNNING));
		assertThat(store.find("done-2")).isEmpty();
		store.save(segment("newest", null, "a#6", "s", T0.plusSeconds(5), null, RunStatus.RUNNING));
		// nothing finished is left: the oldest run goes
		assertThat(store.find("running-oldest")).isEmpty();
		assertThat(ids(store.query(RunQuery.latest()))).containsExactly("newest", "newer", "new");
	}

	@Test
	void aRunStillRunningIsPassedOverUntilItEndsThenGoesFirst() {
		for (int newer = 19; newer <= 23; newer++) {
			MemoryRunStore store = new MemoryRunStore(3);
			store.save(segment("agent", null, "a#0", "s", T0, null, RunStatus.RUNNING));
			for (int i = 1; i <= newer; i++) {
				Instant at = T0.plusSeconds(i);
				store.save(segment("short-" + i, null, "a#" + i, "s", at, at, RunStatus.SUCCEEDED));
				assertThat(store.size()).isEqualTo(Math.min(i + 1, 3));
				assertThat(store.find("agent")).as("running, after %d newer runs", i).isPresent();
			}
			store.save(segment("agent", null, "a#0", "s", T0, T0.plusSeconds(30), RunStatus.SUCCEEDED));
			// finished now, and stored before the others: it goes first, whatever its
			// place among the runs passed over
			store.save(segment("next", null, "a#99", "s", T0.plusSeconds(31), null, RunStatus.RUNNING));
			assertThat(store.find("agent")).as("after %d newer runs", newer).isEmpty();
			assertThat(ids(store.query(RunQuery.latest()))).containsExactly("next", "short-" + newer,
					"short-" + (newer - 1));
		}
	}

	@Test
	void runsStillRunningAtTheHeadAreKeptWhileTheFinishedRunsAfterThemGoInOrder() {
		MemoryRunStore store = new MemoryRunStore(5);
		store.save(segment("long-1", null, "a#1", "s", T0, null, RunStatus.RUNNING));
		store.save(segment("long-2", null, "a#2", "s", T0.plusSeconds(1), null, RunStatus.RUNNING));
		for (int i = 3; i <= 40; i++) {
			Instant at = T0.plusSeconds(i);
			store.save(segment("short-" + i, null, "a#" + i, "s", at, at, RunStatus.SUCCEEDED));
		}
		assertThat(ids(store.query(RunQuery.latest()))).containsExactly("short-40", "short-39", "short-38", "long-2",
				"long-1");
		store.save(segment("long-2", null, "a#2", "s", T0.plusSeconds(1), T0.plusSeconds(50), RunStatus.SUCCEEDED));
		store.save(segment("new", null, "a#41", "s", T0.plusSeconds(51), null, RunStatus.RUNNING));
		assertThat(store.find("long-2")).isEmpty();
		store.save(segment("newer", null, "a#42", "s", T0.plusSeconds(52), null, RunStatus.RUNNING));
		assertThat(ids(store.query(RunQuery.latest()))).containsExactly("newer", "new", "short-40", "short-39",
				"long-1");
	}

	@Test
	void aFirstSaveThatFailsHoldsNoPlace() {
		MemoryRunStore store = new MemoryRunStore(2);
		RunSegment broken = new RunSegment("s", "s-1", "http", "GET /x", RunStatus.RUNNING, null, null, null, null);
		assertThatNullPointerException()
			.isThrownBy(() -> store.save(new RunSegmentRecord("broken", null, "a#0", broken, Map.of(), RunUsage.NONE)));
		assertThat(store.size()).isZero();
		assertThat(store.find("broken")).isEmpty();
		store.save(segment("one", null, "a#1", "s", T0, T0, RunStatus.SUCCEEDED));
		store.save(segment("two", null, "a#2", "s", T0.plusSeconds(1), T0.plusSeconds(1), RunStatus.SUCCEEDED));
		store.save(segment("three", null, "a#3", "s", T0.plusSeconds(2), null, RunStatus.RUNNING));
		assertThat(ids(store.query(RunQuery.latest()))).containsExactly("three", "two");
	}

	@Test
	void aRunOfFailedSegmentsKeepsWithinTheBound() {
		MemoryRunStore store = new MemoryRunStore(10);
		store.save(segment("failing", null, "a#0", "first", T0, T0.plusSeconds(1), RunStatus.SUCCEEDED));
		for (int i = 1; i < 300; i++) {
			store.save(segment("failing", null, "a#" + i, "later", T0.plusSeconds(i), T0.plusSeconds(i + 1),
					RunStatus.FAILED));
		}
		RunRecord run = store.find("failing").get();
		assertThat(run.segments()).hasSize(MemoryRunStore.MAX_SEGMENTS_PER_RUN);
		assertThat(run.segments().get(0).service()).isEqualTo("first");
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.endedAt()).isEqualTo(T0.plusSeconds(300));
	}

	@Test
	void anEvictedRunSavedAgainIsStoredAgainAsANewRun() {
		MemoryRunStore store = new MemoryRunStore(1);
		store.save(segment("first", null, "a#1", "s", T0, T0, RunStatus.SUCCEEDED));
		store.save(segment("second", null, "a#2", "s", T0.plusSeconds(1), T0.plusSeconds(1), RunStatus.SUCCEEDED));
		assertThat(store.find("first")).isEmpty();
		store.save(segment("first", null, "a#3", "s", T0.plusSeconds(2), null, RunStatus.RUNNING));
		assertThat(store.find("first").get().segments()).singleElement()
			.satisfies((segment) -> assertThat(segment.status()).isEqualTo(RunStatus.RUNNING));
		assertThat(store.find("second")).isEmpty();
		assertThat(store.size()).isEqualTo(1);
	}

	@Test
	void concurrentRunsBeyondTheCapacityLeaveTheNewestFinishedRunsWithinIt() throws Exception {
		int capacity = 100;
		MemoryRunStore store = new MemoryRunStore(capacity);
		saveRunsConcurrently(store, 8, 2_000);
		assertThat(store.size()).isEqualTo(capacity);
		List<RunSummary> kept = store.query(new RunQuery(null, null, RunQuery.MAX_LIMIT, null)).runs();
		assertThat(kept).hasSize(capacity).allSatisfy((run) -> {
			assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
			// each thread's runs are evicted in its own order: only its last ones are
			// kept
			int index = Integer.parseInt(run.id().substring(run.id().lastIndexOf('-') + 1));
			assertThat(index).isGreaterThanOrEqualTo(2_000 - capacity);
		});
	}

	@Test
	void pagesAreNewestFirstAndCursorsStayStableUnderInserts() {
		MemoryRunStore store = new MemoryRunStore(100);
		for (int i = 0; i < 10; i++) {
			store.save(segment("r" + i, null, "a#" + i, "s", T0.plusSeconds(i), T0.plusSeconds(i),
					(i % 2 == 0) ? RunStatus.SUCCEEDED : RunStatus.FAILED));
		}
		RunPage first = store.query(new RunQuery(null, null, 4, null));
		assertThat(ids(first)).containsExactly("r9", "r8", "r7", "r6");
		assertThat(first.next()).isNotNull();
		store.save(segment("later", null, "a#99", "s", T0.plusSeconds(60), null, RunStatus.RUNNING));
		RunPage second = store.query(new RunQuery(null, null, 4, first.next()));
		assertThat(ids(second)).containsExactly("r5", "r4", "r3", "r2");
		RunPage third = store.query(new RunQuery(null, null, 4, second.next()));
		assertThat(ids(third)).containsExactly("r1", "r0");
		assertThat(third.next()).isNull();
		assertThat(ids(store.query(new RunQuery(RunStatus.FAILED, null, 50, null)))).containsExactly("r9", "r7", "r5",
				"r3", "r1");
		assertThat(ids(store.query(new RunQuery(RunStatus.RUNNING, null, 50, null)))).containsExactly("later");
		assertThat(ids(store.query(new RunQuery(null, "r1", 50, null)))).containsExactly("r1");
		assertThatIllegalArgumentException().isThrownBy(() -> store.query(new RunQuery(null, null, 4, "garbage")));
	}

	@Test
	void concurrentRunsAreEachStoredOnce() throws Exception {
		MemoryRunStore store = new MemoryRunStore(10_000);
		saveRunsConcurrently(store, 8, 500);
		assertThat(store.size()).isEqualTo(4000);
		Set<String> seen = new HashSet<>();
		String cursor = null;
		do {
			RunPage page = store.query(new RunQuery(null, null, 500, cursor));
			for (RunSummary run : page.runs()) {
				assertThat(seen.add(run.id())).as("listed once: %s", run.id()).isTrue();
				assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
			}
			cursor = page.next();
		}
		while (cursor != null);
		assertThat(seen).hasSize(4000);
	}

	/**
	 * Save runs from several threads at once, each run's start and then its end, as the
	 * recorder does for a request: run {@code run-T-I} is thread T's I-th.
	 */
	private static void saveRunsConcurrently(MemoryRunStore store, int threads, int runsPerThread) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < runsPerThread; i++) {
						String id = "run-" + thread + "-" + i;
						Instant at = T0.plusMillis(i);
						store.save(segment(id, null, id + "#1", "s", at, null, RunStatus.RUNNING));
						store.save(segment(id, null, id + "#1", "s", at, at.plusMillis(1), RunStatus.SUCCEEDED));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void keepsWhatTheLineOfRunsSaysUnderRandomSaves() {
		for (int seed = 0; seed < 40; seed++) {
			Random random = new Random(seed);
			int capacity = 1 + random.nextInt(12);
			MemoryRunStore store = new MemoryRunStore(capacity);
			// the runs in the order they were stored, and what the store must keep of
			// them: the first finished goes first, else the one that started first
			List<ModelRun> line = new ArrayList<>();
			for (int step = 0; step < 2000; step++) {
				List<ModelRun> running = line.stream().filter((run) -> !run.finished).toList();
				if (!running.isEmpty() && random.nextInt(3) == 0) {
					ModelRun run = running.get(random.nextInt(running.size()));
					store.save(segment(run.id, run.parentId, run.id + "#1", "s", run.startedAt,
							run.startedAt.plusMillis(1), RunStatus.SUCCEEDED));
					run.finished = true;
				}
				else {
					String id = "run-" + seed + "-" + step;
					String parentId = (!line.isEmpty() && random.nextInt(4) == 0)
							? line.get(random.nextInt(line.size())).id : null;
					boolean finished = random.nextBoolean();
					Instant startedAt = T0.plusMillis(random.nextInt(100_000));
					store.save(
							segment(id, parentId, id + "#1", "s", startedAt, finished ? startedAt.plusMillis(1) : null,
									finished ? RunStatus.SUCCEEDED : RunStatus.RUNNING));
					if (line.size() == capacity) {
						ModelRun evicted = line.stream()
							.filter((run) -> run.finished)
							.findFirst()
							.orElseGet(() -> line.stream()
								.min(Comparator.comparing((ModelRun run) -> run.startedAt))
								.orElseThrow());
						line.remove(evicted);
						// its children forget it; a child forgets its parent only then
						line.stream()
							.filter((run) -> evicted.id.equals(run.parentId))
							.forEach((run) -> run.linkedToParent = false);
					}
					line.add(new ModelRun(id, parentId, startedAt, finished));
				}
				assertThat(store.size()).isEqualTo(line.size());
				assertThat(store.childLinks()).as("links to children")
					.isEqualTo((int) line.stream().filter((run) -> run.linkedToParent).count());
				assertThat(store.query(RunQuery.latest()).runs()).extracting(RunSummary::id)
					.containsExactlyInAnyOrderElementsOf(line.stream().map((run) -> run.id).toList());
				ModelRun looked = line.get(random.nextInt(line.size()));
				List<String> children = line.stream()
					.filter((run) -> looked.id.equals(run.parentId))
					.sorted(Comparator.comparing((ModelRun run) -> run.startedAt))
					.map((run) -> run.id)
					.toList();
				assertThat(store.find(looked.id)).get().satisfies((found) -> {
					assertThat(found.status()).isEqualTo(looked.finished ? RunStatus.SUCCEEDED : RunStatus.RUNNING);
					assertThat(found.children()).extracting(RunChild::id).containsExactlyInAnyOrderElementsOf(children);
				});
			}
		}
	}

	private static final class ModelRun {

		final String id;

		final @Nullable String parentId;

		final Instant startedAt;

		boolean finished;

		boolean linkedToParent;

		ModelRun(String id, @Nullable String parentId, Instant startedAt, boolean finished) {
			this.id = id;
			this.parentId = parentId;
			this.startedAt = startedAt;
			this.finished = finished;
			this.linkedToParent = (parentId != null);
		}

	}

	private static List<String> ids(RunPage page) {
		return page.runs().stream().map(RunSummary::id).toList();
	}

	private static RunSegmentRecord segment(String runId, @Nullable String parentId, String segmentId, String service,
			Instant startedAt, @Nullable Instant endedAt, RunStatus status) {
		return new RunSegmentRecord(runId, parentId, segmentId, segmentOf(service, startedAt, endedAt, status),
				Map.of(), RunUsage.NONE);
	}

	private static RunSegment segmentOf(String service, Instant startedAt, @Nullable Instant endedAt,
			RunStatus status) {
		return new RunSegment(service, service + "-1", "http", "GET /x", status, startedAt, endedAt, 200, null);
	}

}
