package dev.runid.spring.registry.jdbc;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.runid.RunId;
import dev.runid.spring.autoconfigure.RunIdRegistryJdbcAutoConfiguration;
import dev.runid.spring.test.ApplicationProcess;
import dev.runid.spring.test.Http;
import dev.runid.spring.test.PostgresServer;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared PostgreSQL of two applications is stopped while requests keep coming, then
 * started again: no request fails or waits for the database, what fitted the queues is
 * written after the restart, what did not is dropped and counted, and recording goes on.
 */
class JdbcRunStoreDatabaseOutageTests {

	private static final int QUEUE_CAPACITY = 100;

	private static final String DROPPED = RunIdRegistryJdbcAutoConfiguration.DROPPED_METER;

	private static final String QUEUED = RunIdRegistryJdbcAutoConfiguration.QUEUED_METER;

	@Test
	void requestsGoOnWhileTheDatabaseIsDownAndRecordingResumesWhenItIsBack() throws Exception {
		try (PostgresServer server = PostgresServer.start()) {
			String jdbcUrl = server.createDatabase();
			String[] settings = { "run-id.registry.jdbc.queue-capacity=" + QUEUE_CAPACITY,
					"run-id.registry.jdbc.flush-interval=100ms" };
			try (ApplicationProcess stock = JdbcRunStoreInstancesTests.startStock(jdbcUrl, settings);
					ApplicationProcess orders = JdbcRunStoreInstancesTests.startOrders(jdbcUrl, stock, settings)) {
				Load load = new Load(orders.port());
				load.start(8);
				load.await(200);
				load.phase = "during";
				server.stop();
				// requests during the outage: many more segments than the queues hold
				load.await(200 + 600);
				load.phase = "after";
				server.restart();
				load.await(200 + 600 + 200);
				List<String> runs = load.stop();

				assertThat(load.failures).as("failed requests").isEmpty();
				// a request that waited for the database would take the pool's 10 s
				// timeout
				assertThat(load.slowest()).isLessThan(Duration.ofSeconds(3));
				JdbcClient database = JdbcClient.create(PostgresServer.dataSource(jdbcUrl));
				// the pool retries its connections after the restart with a back-off of
				// a few seconds: until a flush gets one, the queues stay full and
				// further segments are dropped
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> orders.meter(QUEUED) == 0 && stock.meter(QUEUED) == 0);
				// the writer may have taken the last batch off the queue and not yet
				// committed
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
					int a = endedSegments(database, "");
					Thread.sleep(300);
					return a == endedSegments(database, "");
				});
				int kept = endedSegments(database, "");
				int keptOfOutage = endedSegments(database, "during-");
				long ordersDropped = (long) orders.meter(DROPPED);
				long stockDropped = (long) stock.meter(DROPPED);
				long dropped = ordersDropped + stockDropped;
				int expected = 2 * runs.size();
				System.out.printf(
						"Database outage: %d requests (%d during the outage), 0 failed, slowest %d ms (%d ms during the outage); "
								+ "%d of %d segments kept (%d of the outage's %d), %d missing; %d writes dropped and counted "
								+ "(orders %d, stock %d)%n",
						runs.size(), load.during(), load.slowest().toMillis(), load.slowestDuringOutage().toMillis(),
						kept, expected, keptOfOutage, 2 * load.during(), expected - kept, dropped, ordersDropped,
						stockDropped);
				assertThat(dropped).as("writes dropped during the outage").isPositive();
				assertThat((long) (expected - kept)).as("every missing segment was counted")
					.isLessThanOrEqualTo(dropped);
				assertThat(keptOfOutage).as("segments of the outage kept in the queues and written after the restart")
					.isPositive()
					.isLessThan(2 * load.during());
				// one WARN a minute at most
				assertThat(orders.log().lines().filter((line) -> line.contains("Run registry: "))).hasSizeBetween(1, 2);
				// recording goes on: every run after the outage is complete
				List<String> later = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					String runId = RunId.generate().value();
					later.add(runId);
					assertThat(Http.get(orders.port(), "/orders/" + i, "X-Run-Id", runId).statusCode()).isEqualTo(200);
				}
				await().atMost(Duration.ofSeconds(30))
					.until(() -> database
						.sql("SELECT COUNT(*) FROM run_id_segment WHERE run_id IN (:ids) AND ended_at IS NOT NULL")
						.param("ids", later)
						.query(Integer.class)
						.single() == 2 * later.size());
			}
		}
	}

	private static int endedSegments(JdbcClient database, String phase) {
		return database.sql("SELECT COUNT(*) FROM run_id_segment WHERE run_id LIKE ? AND ended_at IS NOT NULL")
			.param("outage-" + phase + "%")
			.query(Integer.class)
			.single();
	}

	/**
	 * Requests sent without pause by a few clients, each in a run of its own.
	 */
	static final class Load {

		final AtomicInteger sent = new AtomicInteger();

		volatile String phase = "before";

		private final AtomicInteger during = new AtomicInteger();

		final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

		private final ConcurrentLinkedQueue<String> runs = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong slowestNanos = new AtomicLong();

		private final AtomicLong slowestDuringOutageNanos = new AtomicLong();

		private final int port;

		private ExecutorService clients;

		private final List<Future<?>> loops = new ArrayList<>();

		Load(int port) {
			this.port = port;
		}

		void start(int threads) {
			this.clients = Executors.newFixedThreadPool(threads);
			CountDownLatch started = new CountDownLatch(threads);
			for (int t = 0; t < threads; t++) {
				this.loops.add(this.clients.submit(() -> {
					started.countDown();
					while (this.running.get()) {
						String phase = this.phase;
						if (phase.equals("during")) {
							this.during.incrementAndGet();
						}
						String runId = "outage-" + phase + "-" + RunId.generate().value();
						long begin = System.nanoTime();
						try {
							HttpResponse<String> response = Http.get(this.port, "/orders/1", "X-Run-Id", runId);
							if (response.statusCode() != 200) {
								this.failures.add(runId + ": " + response.statusCode());
							}
						}
						catch (RuntimeException ex) {
							this.failures.add(runId + ": " + ex);
						}
						long took = System.nanoTime() - begin;
						this.slowestNanos.accumulateAndGet(took, Math::max);
						if (phase.equals("during")) {
							this.slowestDuringOutageNanos.accumulateAndGet(took, Math::max);
						}
						this.runs.add(runId);
						this.sent.incrementAndGet();
					}
				}));
			}
		}

		void await(int requests) {
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.sent.get() >= requests);
		}

		List<String> stop() throws Exception {
			this.running.set(false);
			for (Future<?> loop : this.loops) {
				loop.get(60, TimeUnit.SECONDS);
			}
			this.clients.shutdown();
			return List.copyOf(this.runs);
		}

		int during() {
			return this.during.get();
		}

		Duration slowestDuringOutage() {
			return Duration.ofNanos(this.slowestDuringOutageNanos.get());
		}

		Duration slowest() {
			return Duration.ofNanos(this.slowestNanos.get());
		}

	}

}
