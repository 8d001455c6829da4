package dev.runid.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.runid.RunId;
import dev.runid.spring.registry.MemoryRunStore;
import dev.runid.spring.registry.RunSegment;
import dev.runid.spring.registry.RunSegmentRecord;
import dev.runid.spring.registry.RunStatus;
import dev.runid.spring.registry.RunStore;
import dev.runid.spring.registry.jdbc.JdbcRunStore;
import dev.runid.spring.registry.jdbc.JdbcRunStoreSchemaInitializer;
import dev.runid.spring.usage.RunUsage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What a run registry store costs per run, the writes of a background writer included:
 * each operation saves one new run's segment twice, as the recorder does when a request
 * starts and when it ends ({@code RUNNING}, then {@code SUCCEEDED} with its HTTP status),
 * and the {@code jdbc} store's invocation then waits until its writer has taken every
 * queued segment (so the queue never fills and nothing is dropped). Measure it with
 * {@code -prof dev.runid.benchmarks.CpuTimeProfiler}: {@code cpu.process.norm} is the CPU
 * time of this JVM per run, the writer thread's included and the database's own processes
 * not, which is what the load script's {@code starter-jdbc} variant charges to the
 * server. Wall time includes waiting for the database and says little.
 * <p>
 * The {@code jdbc} store needs a PostgreSQL database, as for the load script:
 * {@code jdbc:postgresql://127.0.0.1:5432/runid}, user and password {@code runid} (system
 * properties {@code runid.benchmark.jdbc-url}, {@code runid.benchmark.jdbc-user},
 * {@code runid.benchmark.jdbc-password}); its tables are created if missing and emptied
 * before and after each trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@OperationsPerInvocation(RegistryStoreBenchmark.RUNS)
public class RegistryStoreBenchmark {

	static final int RUNS = 1000;

	private static final String INSTANCE = "benchmark-host:4242:5f3a9c01";

	@Param({ "memory", "jdbc" })
	public String store;

	private RunStore runStore;

	private SingleConnectionDataSource dataSource;

	private long segments;

	@Setup(Level.Trial)
	public void start() {
		if (this.store.equals("memory")) {
			this.runStore = new MemoryRunStore(1000);
			return;
		}
		String url = System.getProperty("runid.benchmark.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/runid");
		this.dataSource = new SingleConnectionDataSource(url, System.getProperty("runid.benchmark.jdbc-user", "runid"),
				System.getProperty("runid.benchmark.jdbc-password", "runid"), true);
		try {
			new JdbcRunStoreSchemaInitializer(this.dataSource, DatabaseInitializationMode.ALWAYS).initializeDatabase();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("RegistryStoreBenchmark with store=jdbc needs a PostgreSQL database at "
					+ url + " (see benchmarks/README.md), or run it with -p store=memory", ex);
		}
		emptyTables();
		JdbcRunStore jdbc = new JdbcRunStore(this.dataSource, 100_000, Duration.ofMillis(10), Duration.ofDays(7));
		jdbc.start();
		this.runStore = jdbc;
	}

	@TearDown(Level.Trial)
	public void stop() {
		if (this.runStore instanceof JdbcRunStore jdbc) {
			jdbc.stop();
			long dropped = jdbc.droppedCount();
			emptyTables();
			this.dataSource.destroy();
			if (dropped > 0) {
				throw new IllegalStateException(dropped + " segments dropped: the figures do not count their writes");
			}
		}
	}

	private void emptyTables() {
		JdbcTemplate jdbcTemplate = new JdbcTemplate(this.dataSource);
		jdbcTemplate.execute("TRUNCATE run_id_segment, run_id_run");
	}

	@Benchmark
	public void recordRuns() {
		for (int i = 0; i < RUNS; i++) {
			String runId = RunId.generate().value();
			String segmentId = INSTANCE + "#" + (++this.segments);
			Instant startedAt = Instant.now();
			this.runStore.save(record(runId, segmentId, RunStatus.RUNNING, startedAt, null, null));
			this.runStore.save(record(runId, segmentId, RunStatus.SUCCEEDED, startedAt, Instant.now(), 200));
		}
		if (this.runStore instanceof JdbcRunStore jdbc) {
			while (jdbc.queuedCount() > 0) {
				LockSupport.parkNanos(1_000_000);
			}
		}
	}

	private static RunSegmentRecord record(String runId, String segmentId, RunStatus status, Instant startedAt,
			Instant endedAt, Integer httpStatus) {
		RunSegment segment = new RunSegment("orders", INSTANCE, "http", "GET /orders/{id}", status, startedAt, endedAt,
				httpStatus, null);
		return new RunSegmentRecord(runId, null, segmentId, segment, Map.of(), RunUsage.NONE);
	}

}
