package dev.runid.spring.registry.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.runid.spring.registry.RunStatus;
import dev.runid.spring.test.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The JDBC store while its PostgreSQL server is stopped and started again: what it keeps,
 * what it drops and counts, and that saving never fails nor waits for the database.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcRunStoreOutageTests {

	private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

	@Test
	void keepsWhatFitsItsQueueWhileTheDatabaseIsDownCountsWhatItDropsAndResumes(CapturedOutput output)
			throws Exception {
		try (PostgresServer server = PostgresServer.start(); HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(server.createDatabase());
			dataSource.setMaximumPoolSize(4);
			dataSource.setConnectionTimeout(500);
			new JdbcRunStoreSchemaInitializer(dataSource, DatabaseInitializationMode.ALWAYS).initializeDatabase();
			int capacity = 300;
			JdbcRunStore store = new JdbcRunStore(dataSource, capacity, Duration.ofMillis(50), Duration.ofDays(7));
			store.start();
			try {
				saveConcurrently(store, "before", 200, true);
				await().atMost(Duration.ofSeconds(10)).until(() -> segments(dataSource, "before") == 200);

				server.stop();
				long started = System.nanoTime();
				// every save returns at once: none throws, none waits for a connection;
				// one write per segment (they end during the outage), so that each one
				// is either kept or dropped
				saveConcurrently(store, "during", 500, false);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
				// the writer retries a batch while the database is down: between two
				// tries every segment of the outage is either queued or dropped (during
				// a try, a batch is out of the queue and may still be dropped when it
				// comes back to a queue that filled up meanwhile)
				await().atMost(Duration.ofSeconds(20))
					.pollInterval(Duration.ofMillis(2))
					.until(() -> store.queuedCount() + store.droppedCount() == 500);
				long dropped = store.droppedCount();
				assertThat(store.queuedCount()).isLessThanOrEqualTo(capacity);
				assertThat(dropped).isGreaterThanOrEqualTo(500 - capacity);

				server.restart();
				// each segment of the outage is either in the database, once, or dropped
				// and counted; none stays queued
				await().atMost(Duration.ofSeconds(20))
					.ignoreExceptions()
					.until(() -> segments(dataSource, "during") == 500 - dropped);
				assertThat(store.queuedCount()).isZero();
				assertThat(store.droppedCount()).isEqualTo(dropped);
				assertThat(JdbcClient.create(dataSource)
					.sql("SELECT COUNT(DISTINCT segment_id) FROM run_id_segment")
					.query(Integer.class)
					.single()).isEqualTo(200 + 500 - (int) dropped);

				saveConcurrently(store, "after", 100, true);
				await().atMost(Duration.ofSeconds(10)).until(() -> segments(dataSource, "after") == 100);
			}
			finally {
				store.stop();
			}
			// one WARN for the outage (at most one a minute), and a note when writing
			// resumed
			assertThat(output.getAll().lines().filter((line) -> line.contains("Run registry: "))).singleElement()
				.asString()
				.contains("WARN")
				.contains("cannot write run segments")
				.contains("dropped");
			assertThat(output.getAll()).contains("Writing run segments to the database again");
		}
	}

	private static void saveConcurrently(JdbcRunStore store, String phase, int segments, boolean startAndEnd)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> saved = new ArrayList<>();
			for (int i = 0; i < segments; i++) {
				String id = phase + "-" + i;
				saved.add(pool.submit(() -> {
					if (startAndEnd) {
						store.save(JdbcRunStoreTests.record(id, id + "-s", RunStatus.RUNNING, T0, null));
					}
					store.save(JdbcRunStoreTests.record(id, id + "-s", RunStatus.SUCCEEDED, T0, T0.plusMillis(5)));
				}));
			}
			for (Future<?> future : saved) {
				future.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static int segments(HikariDataSource dataSource, String phase) {
		return JdbcClient.create(dataSource)
			.sql("SELECT COUNT(*) FROM run_id_segment WHERE run_id LIKE ? AND status = 'SUCCEEDED'")
			.param(phase + "-%")
			.query(Integer.class)
			.single();
	}

}
