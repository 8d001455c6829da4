package dev.runid.spring.registry.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.runid.spring.registry.RunSegmentRecord;
import dev.runid.spring.registry.RunStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingWritesTests {

	private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

	@Test
	void holdsOneWritePerSegmentTheLatest() {
		PendingWrites pending = new PendingWrites(10);
		pending.offer(JdbcRunStoreTests.record("run", "seg", RunStatus.RUNNING, T0, null));
		RunSegmentRecord ended = JdbcRunStoreTests.record("run", "seg", RunStatus.SUCCEEDED, T0, T0);
		pending.offer(ended);
		assertThat(pending.size()).isOne();
		assertThat(pending.drain(10)).containsExactly(ended);
		assertThat(pending.size()).isZero();
	}

	@Test
	void requeuedWriteLosesToALaterWriteOfTheSameSegment() {
		PendingWrites pending = new PendingWrites(10);
		pending.offer(JdbcRunStoreTests.record("run", "seg", RunStatus.RUNNING, T0, null));
		List<RunSegmentRecord> failed = pending.drain(10);
		RunSegmentRecord ended = JdbcRunStoreTests.record("run", "seg", RunStatus.SUCCEEDED, T0, T0);
		pending.offer(ended);
		pending.requeue(failed);
		assertThat(pending.drain(10)).containsExactly(ended);
	}

	@Test
	void drainTakesOneWriteOfASegmentQueuedAgainWhileItDrains() {
		PendingWrites pending = new PendingWrites(10);
		// "Aa" and "BB" have the same hash: one bin, which the drain walks on after
		// taking "Aa" out, when "Aa" has been queued again at the bin's end
		pending.offer(JdbcRunStoreTests.record("run-a", "Aa", RunStatus.RUNNING, T0, null));
		RunSegmentRecord other = JdbcRunStoreTests.record("run-b", "BB", RunStatus.RUNNING, T0, null);
		pending.offer(other);
		RunSegmentRecord ended = JdbcRunStoreTests.record("run-a", "Aa", RunStatus.SUCCEEDED, T0, T0);
		boolean[] queuedAgain = { false };
		List<RunSegmentRecord> drained = pending.drain(10, () -> {
			if (!queuedAgain[0]) {
				queuedAgain[0] = true;
				pending.offer(ended);
			}
		});
		assertThat(drained).containsExactly(ended, other);
		assertThat(pending.size()).isZero();
	}

	@Test
	void drainsInBatches() {
		PendingWrites pending = new PendingWrites(10);
		for (int i = 0; i < 5; i++) {
			pending.offer(JdbcRunStoreTests.record("run", "seg-" + i, RunStatus.RUNNING, T0, null));
		}
		assertThat(pending.drain(2)).hasSize(2);
		assertThat(pending.drain(2)).hasSize(2);
		assertThat(pending.drain(2)).hasSize(1);
		assertThat(pending.drain(2)).isEmpty();
	}

	@Test
	void neverHoldsMoreThanItsCapacityUnderConcurrentOffers() throws Exception {
		int capacity = 1000;
		int threads = 8;
		int perThread = 500;
		PendingWrites pending = new PendingWrites(capacity);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> accepted = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				accepted.add(pool.submit(() -> {
					start.await();
					int ok = 0;
					for (int i = 0; i < perThread; i++) {
						String segment = "seg-" + thread + "-" + i;
						// every segment is written twice (start, end), like a request
						RunSegmentRecord started = JdbcRunStoreTests.record("run", segment, RunStatus.RUNNING, T0,
								null);
						if (pending.offer(started)) {
							ok++;
							pending.offer(JdbcRunStoreTests.record("run", segment, RunStatus.SUCCEEDED, T0, T0));
						}
					}
					return ok;
				}));
			}
			start.countDown();
			int total = 0;
			for (Future<Integer> future : accepted) {
				total += future.get(30, TimeUnit.SECONDS);
			}
			assertThat(total).isEqualTo(capacity);
			assertThat(pending.size()).isEqualTo(capacity);
			assertThat(pending.dropped()).isEqualTo((long) threads * perThread - capacity);
			Set<String> segments = new HashSet<>();
			List<RunSegmentRecord> drained = pending.drain(Integer.MAX_VALUE);
			drained.forEach((record) -> segments.add(record.segmentId()));
			assertThat(drained).hasSize(capacity)
				.allMatch((record) -> record.segment().status() == RunStatus.SUCCEEDED);
			assertThat(segments).hasSize(capacity);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
