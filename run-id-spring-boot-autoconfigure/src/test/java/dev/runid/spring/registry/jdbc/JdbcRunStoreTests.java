package dev.runid.spring.registry.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdRegistryJdbcAutoConfiguration;
import dev.runid.spring.registry.RunError;
import dev.runid.spring.registry.RunPage;
import dev.runid.spring.registry.RunQuery;
import dev.runid.spring.registry.RunRecord;
import dev.runid.spring.registry.RunRecord.RunChild;
import dev.runid.spring.registry.RunSegment;
import dev.runid.spring.registry.RunSegmentRecord;
import dev.runid.spring.registry.RunStatus;
import dev.runid.spring.registry.RunSummary;
import dev.runid.spring.test.MariaDbServer;
import dev.runid.spring.test.PostgresServer;
import dev.runid.spring.usage.RunUsage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The JDBC run store against real databases: PostgreSQL (started by the build), H2 in
 * memory, and MariaDB where the machine runs one (skipped otherwise, see
 * {@link MariaDbServer}). Each runs the same {@link Contract}.
 */
class JdbcRunStoreTests {

	private static final Instant T0 = Instant.parse("2026-11-30T10:00:00.123456Z");

	@Nested
	class OnPostgreSql extends ServerContract {

		@Override
		String createDatabase() {
			return PostgresServer.shared().createDatabase();
		}

		@Override
		DataSource dataSource(String url) {
			return PostgresServer.dataSource(url);
		}

		@Test
		void writesBatchesWithServerPreparedStatementsAndUntypedStrings() {
			// prepareThreshold=1: from the second execution on, the driver uses named
			// server-side statements; stringtype=unspecified: strings are sent untyped
			DataSource database = dataSource(createDatabase() + "&prepareThreshold=1&stringtype=unspecified");
			new JdbcRunStoreSchemaInitializer(database, DatabaseInitializationMode.ALWAYS).initializeDatabase();
			JdbcRunStore store = new JdbcRunStore(new SingleConnectionDataSource(connection(database), true), 1000,
					Duration.ofSeconds(1), Duration.ofDays(7));
			List<RunSegmentRecord> saved = awkwardRecords(90);
			for (int batch = 0; batch < 3; batch++) {
				saved.subList(batch * 30, batch * 30 + 30).forEach(store::save);
				store.flush();
				assertThat(store.queuedCount()).isZero();
			}
			assertReadBackAsSaved(store, saved);
		}

		@Test
		void comparesIdsAndStatusesByteByByteWhateverTheDatabasesCollation() {
			List<String> collated = JdbcClient.create(database())
				.sql("SELECT table_name || '.' || column_name || ' ' || collation_name FROM information_schema.columns "
						+ "WHERE table_name IN ('run_id_run', 'run_id_segment') AND collation_name IS NOT NULL")
				.query(String.class)
				.list();
			assertThat(collated).containsExactlyInAnyOrder("run_id_run.run_id C", "run_id_run.parent_id C",
					"run_id_segment.segment_id C", "run_id_segment.run_id C", "run_id_segment.status C");
		}

		@Test
		void indexesOnlyChildRunsByParentAndFindsChildrenThroughThatIndex() throws SQLException {
			DataSource database = database();
			String definition = JdbcClient.create(database)
				.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'run_id_run_parent_id_idx'")
				.query(String.class)
				.single();
			assertThat(definition).endsWith("WHERE (parent_id IS NOT NULL)");
			JdbcRunStore store = new JdbcRunStore(database, 1000, Duration.ofSeconds(1), Duration.ofDays(7));
			store.save(record("parent-run", "segment-1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(2)));
			store.save(new RunSegmentRecord("child-run", "parent-run", "segment-2",
					segment("svc", RunStatus.SUCCEEDED, T0.plusSeconds(1), T0.plusSeconds(2)), Map.of(),
					RunUsage.NONE));
			store.flush();
			assertThat(JdbcClient.create(database)
				.sql("SELECT count(*) FROM run_id_run WHERE parent_id IS NOT NULL")
				.query(Long.class)
				.single()).isOne();
			try (Connection connection = database.getConnection(); var statement = connection.createStatement()) {
				// the children query's shape, with the planner told to use an index where
				// it can: a partial index it cannot prove usable leaves a sequential scan
				statement.execute("SET enable_seqscan = off");
				List<String> plan = new ArrayList<>();
				try (var rows = statement
					.executeQuery("EXPLAIN SELECT r.run_id FROM run_id_run r WHERE r.parent_id = 'parent-run'")) {
					while (rows.next()) {
						plan.add(rows.getString(1));
					}
				}
				assertThat(plan).anySatisfy((line) -> assertThat(line).contains("run_id_run_parent_id_idx"));
			}
			assertThat(store.find("parent-run")).hasValueSatisfying(
					(run) -> assertThat(run.children()).extracting(RunChild::id).containsExactly("child-run"));
		}

		@Test
		void writesABatchInOneStatementForBothTablesWithoutATransaction() {
			List<String> calls = new ArrayList<>();
			JdbcRunStore store = new JdbcRunStore(recording(database(), calls, false), 1000, Duration.ofSeconds(1),
					Duration.ofDays(7));
			List<RunSegmentRecord> saved = awkwardRecords(40);
			saved.forEach(store::save);
			store.flush();
			assertThat(store.queuedCount()).isZero();
			assertThat(calls)
				.filteredOn((call) -> call.startsWith("prepareStatement") || call.startsWith("setAutoCommit")
						|| call.equals("commit") || call.equals("rollback"))
				.containsExactly("prepareStatement WITH segments AS (INSERT INTO run_id_segment");
			assertReadBackAsSaved(store, saved);
		}

		@Test
		void commitsABatchOnConnectionsWithoutAutoCommit() {
			List<String> calls = new ArrayList<>();
			DataSource database = database();
			JdbcRunStore store = new JdbcRunStore(recording(database, calls, true), 1000, Duration.ofSeconds(1),
					Duration.ofDays(7));
			List<RunSegmentRecord> saved = awkwardRecords(40);
			saved.forEach(store::save);
			store.flush();
			// read through connections of their own: what was not committed is gone
			assertReadBackAsSaved(new JdbcRunStore(database, 1000, Duration.ofSeconds(1), Duration.ofDays(7)), saved);
			assertThat(calls).contains("commit");
		}

		@Test
		void rollsBackAFailedBatchOnConnectionsWithoutAutoCommit() throws SQLException {
			// no tables yet: the first write fails inside the transaction that the
			// connection without auto-commit began, which must not stay open (and
			// aborted) on the one connection that the next write uses
			DataSource database = dataSource(createDatabase());
			Connection connection = database.getConnection();
			connection.setAutoCommit(false);
			JdbcRunStore store = new JdbcRunStore(new SingleConnectionDataSource(connection, true), 1000,
					Duration.ofSeconds(1), Duration.ofDays(7));
			List<RunSegmentRecord> saved = awkwardRecords(10);
			saved.forEach(store::save);
			store.flush();
			assertThat(store.queuedCount()).isEqualTo(10);
			new JdbcRunStoreSchemaInitializer(database, DatabaseInitializationMode.ALWAYS).initializeDatabase();
			store.flush();
			assertThat(store.queuedCount()).isZero();
			assertReadBackAsSaved(new JdbcRunStore(database, 1000, Duration.ofSeconds(1), Duration.ofDays(7)), saved);
			connection.close();
		}

		/**
		 * A data source whose connections record the calls made on them (a statement's
		 * SQL up to its first table name), optionally with auto-commit off as some pools
		 * are configured.
		 */
		private static DataSource recording(DataSource database, List<String> calls, boolean noAutoCommit) {
			return new DelegatingDataSource(database) {

				@Override
				public Connection getConnection() throws SQLException {
					Connection connection = database.getConnection();
					if (noAutoCommit) {
						connection.setAutoCommit(false);
					}
					return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
							new Class<?>[] { Connection.class }, (proxy, method, args) -> {
								String call = method.getName();
								if (call.equals("prepareStatement")) {
									String sql = (String) args[0];
									int table = sql.indexOf("run_id_");
									call += " " + sql.substring(0, sql.indexOf(' ', table));
								}
								else if (args != null && args.length == 1 && args[0] instanceof Boolean value) {
									call += " " + value;
								}
								synchronized (calls) {
									calls.add(call);
								}
								try {
									return method.invoke(connection, args);
								}
								catch (InvocationTargetException ex) {
									throw ex.getCause();
								}
							});
				}

			};
		}

		@Test
		void writesSegmentsWithLargeAttributesInSeveralStatements() {
			List<String> calls = new ArrayList<>();
			DataSource recording = recording(database(), calls, false);
			JdbcRunStore store = new JdbcRunStore(recording, 1000, Duration.ofSeconds(1), Duration.ofDays(7));
			// 32 attributes of 1,024 characters that URL-encode to 9 characters each:
			// about 300,000 characters a segment
			Map<String, String> attributes = new LinkedHashMap<>();
			for (int i = 0; i < 32; i++) {
				attributes.put("a" + i, "\u2713".repeat(1024));
			}
			int count = 2 * JdbcRunStore.MAX_STATEMENT_CHARS / 300_000 + 5;
			List<RunSegmentRecord> saved = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				RunSegmentRecord record = new RunSegmentRecord("run-" + i, null, "seg-" + i,
						segment("svc", RunStatus.SUCCEEDED, T0.plusMillis(i), T0.plusMillis(i + 1)), attributes,
						RunUsage.NONE);
				saved.add(record);
				store.save(record);
			}
			store.flush();
			assertThat(store.queuedCount()).isZero();
			// in one transaction
			assertThat(calls).filteredOn((call) -> call.startsWith("prepareStatement"))
				.containsExactly("prepareStatement INSERT INTO run_id_segment",
						"prepareStatement INSERT INTO run_id_segment", "prepareStatement INSERT INTO run_id_segment",
						"prepareStatement INSERT INTO run_id_run");
			assertThat(calls).contains("setAutoCommit false", "commit");
			assertReadBackAsSaved(store, saved);
		}

		private static Connection connection(DataSource database) {
			try {
				return database.getConnection();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Test
		void anInstanceWaitsWhileAnotherCreatesTheTables() throws Exception {
			DataSource fresh = dataSource(createDatabase());
			JdbcClient jdbc = JdbcClient.create(fresh);
			ExecutorService pool = Executors.newSingleThreadExecutor();
			try (Connection other = fresh.getConnection()) {
				// another instance is creating the tables: it holds the lock
				try (var statement = other.createStatement()) {
					statement.execute("SELECT pg_advisory_lock(491596441956)");
				}
				Future<Boolean> initialized = pool
					.submit(() -> new JdbcRunStoreSchemaInitializer(fresh, DatabaseInitializationMode.ALWAYS)
						.initializeDatabase());
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
					.query(Long.class)
					.single() == 0) {
					assertThat(System.nanoTime()).as("the initializer waits for the lock").isLessThan(deadline);
					assertThat(initialized).isNotDone();
					Thread.onSpinWait();
				}
				assertThat(jdbc.sql("SELECT to_regclass('run_id_run') IS NULL").query(Boolean.class).single())
					.as("nothing created while the other instance holds the lock")
					.isTrue();
				try (var statement = other.createStatement()) {
					statement.execute("SELECT pg_advisory_unlock(491596441956)");
				}
				assertThat(initialized.get(60, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").query(Long.class).single())
				.as("the lock is released")
				.isZero();
			assertThat(jdbc.sql("SELECT to_regclass('run_id_segment') IS NOT NULL").query(Boolean.class).single())
				.isTrue();
		}

	}

	@Nested
	class OnH2 extends Contract {

		@Override
		String createDatabase() {
			return "jdbc:h2:mem:runid-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		}

		@Override
		DataSource dataSource(String url) {
			return new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
		}

	}

	/**
	 * MariaDB (and the MySQL script and statements), where one answers: see
	 * {@link MariaDbServer}.
	 */
	@Nested
	class OnMariaDb extends ServerContract {

		@Override
		String createDatabase() {
			return MariaDbServer.shared().createDatabase();
		}

		@Override
		DataSource dataSource(String url) {
			return MariaDbServer.dataSource(url);
		}

		@Test
		void storesInstantsAsUtcWhateverTheTimeZoneOfTheInstance() {
			TimeZone zone = TimeZone.getDefault();
			try {
				// DATETIME has no time zone: two instances in different zones must agree
				TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
				JdbcRunStore tokyo = store(100);
				tokyo.save(record("run-1", "seg-1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
				tokyo.flush();
				TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
				JdbcRunStore losAngeles = store(100);
				RunRecord run = losAngeles.find("run-1").orElseThrow();
				assertThat(run.startedAt()).isEqualTo(T0);
				assertThat(run.endedAt()).isEqualTo(T0.plusSeconds(1));
				assertThat(losAngeles.query(RunQuery.latest()).runs()).extracting(RunSummary::startedAt)
					.containsExactly(T0);
			}
			finally {
				TimeZone.setDefault(zone);
			}
			assertThat(JdbcClient.create(database())
				.sql("SELECT DATE_FORMAT(started_at, '%Y-%m-%d %H:%i:%s.%f') FROM run_id_run")
				.query(String.class)
				.single()).isEqualTo("2026-11-30 10:00:00.123456");
		}

		@Test
		void initializerRunsTheMySqlScriptOnlyWhenAlways() {
			DataSource fresh = dataSource(createDatabase());
			JdbcClient client = JdbcClient.create(fresh);
			String tables = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
					+ "AND table_name IN ('run_id_run', 'run_id_segment') AND engine = 'InnoDB'";
			// a server, not an embedded database: the default mode leaves it alone
			assertThat(
					new JdbcRunStoreSchemaInitializer(fresh, DatabaseInitializationMode.EMBEDDED).initializeDatabase())
				.isFalse();
			assertThat(client.sql(tables).query(Integer.class).single()).isZero();
			assertThat(new JdbcRunStoreSchemaInitializer(fresh, DatabaseInitializationMode.ALWAYS).initializeDatabase())
				.isTrue();
			assertThat(client.sql(tables).query(Integer.class).single()).isEqualTo(2);
			// the MySQL script: DATETIME(6), which PostgreSQL's and H2's scripts do not
			// use
			assertThat(client
				.sql("SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE() "
						+ "AND table_name = 'run_id_segment' AND column_name = 'started_at'")
				.query(String.class)
				.single()).isEqualTo("datetime(6)");
		}

		@Test
		void initializeSchemaPropertyCreatesTheTablesOnMariaDbOnlyWhenAlways() {
			String url = createDatabase();
			ApplicationContextRunner contextRunner = new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class,
						DataSourceAutoConfiguration.class, RunIdRegistryJdbcAutoConfiguration.class))
				.withPropertyValues("run-id.registry.store=jdbc", "spring.datasource.url=" + url,
						"spring.datasource.username=" + MariaDbServer.user(),
						"spring.datasource.password=" + MariaDbServer.password());
			String tables = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
					+ "AND table_name IN ('run_id_run', 'run_id_segment')";
			JdbcClient client = JdbcClient.create(dataSource(url));
			contextRunner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcRunStore.class));
			assertThat(client.sql(tables).query(Integer.class).single()).isZero();
			contextRunner.withPropertyValues("run-id.registry.jdbc.initialize-schema=always").run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(client.sql(tables).query(Integer.class).single()).isEqualTo(2);
				JdbcRunStore store = context.getBean(JdbcRunStore.class);
				store.save(record("run-1", "seg-1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
				store.flush();
				assertThat(store.find("run-1")).isPresent();
			});
		}

	}

	/**
	 * What a database server shared by several instances must also do.
	 */
	abstract static class ServerContract extends Contract {

		@Test
		void severalInstancesCreateTheTablesAtTheSameTime() throws Exception {
			// the race is narrow: several fresh databases, each created by 8 instances at
			// once
			for (int round = 0; round < 5; round++) {
				DataSource fresh = dataSource(createDatabase());
				int instances = 8;
				CountDownLatch ready = new CountDownLatch(instances);
				ExecutorService pool = Executors.newFixedThreadPool(instances);
				try {
					List<Future<Boolean>> results = new ArrayList<>();
					for (int i = 0; i < instances; i++) {
						Callable<Boolean> initialize = () -> {
							JdbcRunStoreSchemaInitializer initializer = new JdbcRunStoreSchemaInitializer(fresh,
									DatabaseInitializationMode.ALWAYS);
							ready.countDown();
							assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
							return initializer.initializeDatabase();
						};
						results.add(pool.submit(initialize));
					}
					for (Future<Boolean> result : results) {
						assertThat(result.get(120, TimeUnit.SECONDS)).isTrue();
					}
				}
				finally {
					pool.shutdownNow();
				}
				JdbcRunStore store = new JdbcRunStore(fresh, 10, Duration.ofSeconds(1), Duration.ofDays(7));
				store.save(record("run-1", "s-1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
				store.flush();
				assertThat(store.find("run-1")).isPresent();
			}
		}

	}

	abstract static class Contract {

		private DataSource database;

		private final Switch connections = new Switch();

		private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));

		abstract String createDatabase();

		abstract DataSource dataSource(String url);

		@BeforeEach
		void createTables() {
			this.database = dataSource(createDatabase());
			this.connections.setTargetDataSource(this.database);
			assertThat(new JdbcRunStoreSchemaInitializer(this.database, DatabaseInitializationMode.ALWAYS)
				.initializeDatabase()).isTrue();
		}

		DataSource database() {
			return this.database;
		}

		JdbcRunStore store(int capacity) {
			return new JdbcRunStore(this.connections, capacity, Duration.ofSeconds(1), Duration.ofDays(7), this.clock);
		}

		private int rows(String table) {
			return JdbcClient.create(this.database).sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
		}

		@Test
		void schemaScriptCanRunAgain() {
			assertThat(new JdbcRunStoreSchemaInitializer(this.database, DatabaseInitializationMode.ALWAYS)
				.initializeDatabase()).isTrue();
		}

		@Test
		void keepsRunsWhoseIdsDifferOnlyInCaseApart() {
			JdbcRunStore store = store(100);
			store.save(record("Run-A", "seg-A", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
			store.save(record("run-a", "seg-a", RunStatus.FAILED, T0.plusSeconds(1), T0.plusSeconds(2)));
			store.flush();
			assertThat(store.queuedCount()).isZero();
			assertThat(rows("run_id_run")).isEqualTo(2);
			assertThat(rows("run_id_segment")).isEqualTo(2);
			assertThat(store.find("Run-A").orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
			assertThat(store.find("run-a").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
			assertThat(store.find("RUN-A")).isEmpty();
			assertThat(ids(store, new RunQuery(null, "Run", 10, null))).containsExactly("Run-A");
		}

		@Test
		void findsWhatWasSavedOnceFlushed() {
			JdbcRunStore store = store(100);
			RunSegmentRecord saved = new RunSegmentRecord("run-1", "parent-1", "seg-1",
					new RunSegment("orders", "orders-1", "http", "GET /orders/{id}", RunStatus.FAILED, T0,
							T0.plusMillis(250), 500, new RunError("java.lang.IllegalStateException", "no stock\\n")),
					Map.of("user", "alice", "tenant", "a&b=c %"), new RunUsage(2, 100, 20));
			store.save(saved);
			assertThat(store.find("run-1")).isEmpty();
			store.flush();
			RunRecord run = store.find("run-1").orElseThrow();
			assertThat(run.id()).isEqualTo("run-1");
			assertThat(run.parentId()).isEqualTo("parent-1");
			assertThat(run.status()).isEqualTo(RunStatus.FAILED);
			assertThat(run.startedAt()).isEqualTo(T0);
			assertThat(run.endedAt()).isEqualTo(T0.plusMillis(250));
			assertThat(run.segments()).containsExactly(saved.segment());
			assertThat(run.attributes()).isEqualTo(Map.of("user", "alice", "tenant", "a&b=c %"));
			assertThat(run.usage()).isEqualTo(new RunUsage(2, 100, 20));
			assertThat(run.children()).isEmpty();
			assertThat(store.find("run-2")).isEmpty();
		}

		@Test
		void writesEveryValueOfBatchesAsItWasSaved() {
			JdbcRunStore store = store(1000);
			List<RunSegmentRecord> saved = awkwardRecords(JdbcRunStore.BATCH_SIZE + 100);
			saved.forEach(store::save);
			store.flush();
			assertThat(store.queuedCount()).isZero();
			assertThat(rows("run_id_segment")).isEqualTo(saved.size());
			assertThat(rows("run_id_run")).isEqualTo(saved.size());
			assertReadBackAsSaved(store, saved);
		}

		@Test
		void keepsInstantsToTheMicrosecondFarFromNow() {
			JdbcRunStore store = store(100);
			Instant[] instants = { Instant.parse("1900-01-01T00:00:00.000001999Z"),
					Instant.parse("1969-12-31T23:59:59.999999999Z"), T0.plusNanos(789),
					Instant.parse("2400-02-29T23:59:59.999999999Z") };
			for (int i = 0; i < instants.length; i++) {
				store.save(record("run-" + i, "seg-" + i, RunStatus.SUCCEEDED, instants[i], instants[i]));
			}
			store.flush();
			for (int i = 0; i < instants.length; i++) {
				Instant micros = instants[i].truncatedTo(ChronoUnit.MICROS);
				RunRecord run = store.find("run-" + i).orElseThrow();
				assertThat(run.startedAt()).isEqualTo(micros);
				assertThat(run.segments().get(0).endedAt()).isEqualTo(micros);
			}
		}

		@Test
		void writesASegmentThatStartsAndEndsBetweenTwoFlushesOnce() {
			JdbcRunStore store = store(100);
			store.save(record("run-1", "seg-1", RunStatus.RUNNING, T0, null));
			store.save(record("run-1", "seg-1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
			assertThat(store.queuedCount()).isOne();
			store.flush();
			assertThat(store.queuedCount()).isZero();
			assertThat(rows("run_id_segment")).isOne();
			assertThat(store.find("run-1").orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
		}

		@Test
		void laterWriteOfASegmentReplacesTheEarlierOneAndRepeatedWritesChangeNothing() {
			JdbcRunStore store = store(100);
			store.save(record("run-1", "seg-1", RunStatus.RUNNING, T0, null));
			store.flush();
			RunRecord running = store.find("run-1").orElseThrow();
			assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
			assertThat(running.endedAt()).isNull();
			RunSegmentRecord ended = record("run-1", "seg-1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(2));
			for (int i = 0; i < 3; i++) {
				store.save(ended);
				store.flush();
			}
			assertThat(rows("run_id_segment")).isOne();
			assertThat(rows("run_id_run")).isOne();
			RunRecord run = store.find("run-1").orElseThrow();
			assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
			assertThat(run.segments()).containsExactly(ended.segment());
		}

		@Test
		void keepsWritesQueuedWhileTheDatabaseIsDownAndWritesThemWhenItIsBack() {
			JdbcRunStore store = store(100);
			this.connections.down = true;
			store.save(record("run-1", "seg-1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
			store.save(record("run-2", "seg-2", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
			store.flush();
			store.flush();
			assertThat(store.queuedCount()).isEqualTo(2);
			assertThat(store.droppedCount()).isZero();
			this.connections.down = false;
			store.flush();
			assertThat(store.queuedCount()).isZero();
			assertThat(store.find("run-1")).isPresent();
			assertThat(store.find("run-2")).isPresent();
			assertThat(rows("run_id_segment")).isEqualTo(2);
		}

		@Test
		void aFailedWriteRetriedLaterDoesNotOverwriteALaterWriteOfTheSameSegment() {
			JdbcRunStore store = store(100);
			this.connections.down = true;
			store.save(record("run-1", "seg-1", RunStatus.RUNNING, T0, null));
			store.flush();
			store.save(record("run-1", "seg-1", RunStatus.FAILED, T0, T0.plusSeconds(1)));
			this.connections.down = false;
			store.flush();
			assertThat(store.find("run-1").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
			assertThat(rows("run_id_segment")).isOne();
		}

		@Test
		void dropsAndCountsSegmentsThatFindTheQueueFull() {
			JdbcRunStore store = store(2);
			this.connections.down = true;
			store.save(record("run-1", "seg-1", RunStatus.RUNNING, T0, null));
			store.save(record("run-2", "seg-2", RunStatus.RUNNING, T0, null));
			store.save(record("run-3", "seg-3", RunStatus.RUNNING, T0, null));
			// a queued segment still takes its later write
			store.save(record("run-1", "seg-1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
			store.flush();
			assertThat(store.queuedCount()).isEqualTo(2);
			assertThat(store.droppedCount()).isOne();
			this.connections.down = false;
			store.flush();
			assertThat(store.find("run-1").orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
			assertThat(store.find("run-2")).isPresent();
			assertThat(store.find("run-3")).isEmpty();
		}

		@Test
		void derivesTheRunFromItsSegments() {
			JdbcRunStore store = store(100);
			store.save(new RunSegmentRecord("run-1", null, "a-1",
					segment("a", RunStatus.SUCCEEDED, T0.plusMillis(10), T0.plusMillis(900)),
					Map.of("step", "one", "user", "alice"), new RunUsage(1, 10, 1)));
			store.save(new RunSegmentRecord("run-1", null, "b-1",
					segment("b", RunStatus.RUNNING, T0.plusMillis(20), null), Map.of("step", "two"), RunUsage.NONE));
			store.save(new RunSegmentRecord("run-1", null, "c-1",
					segment("c", RunStatus.SUCCEEDED, T0, T0.plusMillis(500)), Map.of(), new RunUsage(2, 5, 5)));
			store.flush();
			RunRecord running = store.find("run-1").orElseThrow();
			assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
			assertThat(running.startedAt()).isEqualTo(T0);
			assertThat(running.endedAt()).isNull();
			assertThat(running.segments()).extracting(RunSegment::service).containsExactly("c", "a", "b");
			assertThat(running.attributes()).isEqualTo(Map.of("step", "two", "user", "alice"));
			assertThat(running.usage()).isEqualTo(new RunUsage(3, 15, 6));

			store.save(new RunSegmentRecord("run-1", null, "b-1",
					segment("b", RunStatus.FAILED, T0.plusMillis(20), T0.plusMillis(1200)), Map.of("step", "two"),
					RunUsage.NONE));
			store.flush();
			RunRecord failed = store.find("run-1").orElseThrow();
			assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
			assertThat(failed.endedAt()).isEqualTo(T0.plusMillis(1200));

			store.save(new RunSegmentRecord("run-2", null, "d-1", segment("d", RunStatus.SUCCEEDED, T0, T0), Map.of(),
					RunUsage.NONE));
			store.flush();
			RunRecord succeeded = store.find("run-2").orElseThrow();
			assertThat(succeeded.status()).isEqualTo(RunStatus.SUCCEEDED);
			assertThat(succeeded.usage()).isNull();
		}

		@Test
		void listsChildrenUnderTheirParent() {
			JdbcRunStore store = store(100);
			store.save(record("parent", "p-1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(5)));
			store.save(new RunSegmentRecord("child-b", "parent", "cb-1",
					segment("x", RunStatus.RUNNING, T0.plusSeconds(2), null), Map.of(), RunUsage.NONE));
			store.save(new RunSegmentRecord("child-a", "parent", "ca-1",
					segment("x", RunStatus.FAILED, T0.plusSeconds(1), T0.plusSeconds(3)), Map.of(), RunUsage.NONE));
			// a later segment of the child in a service that did not know the parent
			store.save(new RunSegmentRecord("child-a", null, "ca-2",
					segment("y", RunStatus.SUCCEEDED, T0.plusMillis(1500), T0.plusSeconds(2)), Map.of(),
					RunUsage.NONE));
			store.flush();
			assertThat(store.find("parent").orElseThrow().children())
				.containsExactly(new RunChild("child-a", RunStatus.FAILED), new RunChild("child-b", RunStatus.RUNNING));
			assertThat(store.find("child-a").orElseThrow().parentId()).isEqualTo("parent");
		}

		@Test
		void pagesThroughRunsNewestFirst() {
			JdbcRunStore store = store(100);
			for (int i = 1; i <= 5; i++) {
				store.save(
						record("run-" + i, "seg-" + i, RunStatus.SUCCEEDED, T0.plusSeconds(i), T0.plusSeconds(i + 1)));
			}
			// same start as run-3: the ID breaks the tie
			store.save(record("run-3b", "seg-3b", RunStatus.SUCCEEDED, T0.plusSeconds(3), T0.plusSeconds(4)));
			store.flush();
			List<String> seen = new ArrayList<>();
			String cursor = null;
			int pages = 0;
			do {
				RunPage page = store.query(new RunQuery(null, null, 2, cursor));
				page.runs().forEach((run) -> seen.add(run.id()));
				cursor = page.next();
				pages++;
			}
			while (cursor != null);
			assertThat(seen).containsExactly("run-5", "run-4", "run-3b", "run-3", "run-2", "run-1");
			assertThat(pages).isEqualTo(3);
		}

		@Test
		void summarisesRunsOfAPage() {
			JdbcRunStore store = store(100);
			store.save(new RunSegmentRecord("run-1", "p", "a",
					segment("front", RunStatus.SUCCEEDED, T0, T0.plusSeconds(2)), Map.of("user", "bob"),
					RunUsage.NONE));
			store.save(new RunSegmentRecord("run-1", "p", "b",
					segment("back", RunStatus.SUCCEEDED, T0.plusSeconds(1), T0.plusSeconds(3)), Map.of(),
					RunUsage.NONE));
			store.flush();
			RunSummary summary = store.query(RunQuery.latest()).runs().get(0);
			assertThat(summary).isEqualTo(new RunSummary("run-1", "p", RunStatus.SUCCEEDED, T0, T0.plusSeconds(3),
					List.of("front", "back"), "GET /front", "bob"));
		}

		@Test
		void filtersRunsByStatusAndIdPrefix() {
			JdbcRunStore store = store(100);
			store.save(record("abc-1", "s1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
			store.save(record("abc-2", "s2", RunStatus.FAILED, T0.plusSeconds(1), T0.plusSeconds(2)));
			store.save(record("abd_3", "s3", RunStatus.RUNNING, T0.plusSeconds(2), null));
			store.save(record("abdx3", "s4", RunStatus.SUCCEEDED, T0.plusSeconds(3), T0.plusSeconds(4)));
			store.flush();
			assertThat(ids(store, new RunQuery(RunStatus.SUCCEEDED, null, 10, null))).containsExactly("abdx3", "abc-1");
			assertThat(ids(store, new RunQuery(RunStatus.FAILED, null, 10, null))).containsExactly("abc-2");
			assertThat(ids(store, new RunQuery(RunStatus.RUNNING, null, 10, null))).containsExactly("abd_3");
			assertThat(ids(store, new RunQuery(null, "abc", 10, null))).containsExactly("abc-2", "abc-1");
			// '_' is a character of run IDs, not a wildcard
			assertThat(ids(store, new RunQuery(null, "abd_", 10, null))).containsExactly("abd_3");
			assertThat(ids(store, new RunQuery(null, "abc-2", 10, null))).containsExactly("abc-2");
			assertThat(ids(store, new RunQuery(RunStatus.FAILED, "abd", 10, null))).isEmpty();
		}

		@Test
		void refusesACursorItDidNotMake() {
			JdbcRunStore store = store(100);
			assertThatIllegalArgumentException().isThrownBy(() -> store.query(new RunQuery(null, null, 5, "bogus!")))
				.withMessageNotContaining("bogus");
		}

		@Test
		void purgesRunsOlderThanTheRetention() {
			JdbcRunStore store = store(100);
			store.save(record("old", "s-old", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
			store.save(record("new", "s-new", RunStatus.SUCCEEDED, T0.plus(Duration.ofDays(3)),
					T0.plus(Duration.ofDays(3)).plusSeconds(1)));
			store.flush();
			this.clock.now = T0.plus(Duration.ofDays(7)).plusSeconds(1);
			store.purge();
			assertThat(store.find("old")).isEmpty();
			assertThat(store.find("new")).isPresent();
			assertThat(rows("run_id_run")).isOne();
			assertThat(rows("run_id_segment")).isOne();
		}

		@Test
		void cutsValuesLongerThanTheirColumns() {
			JdbcRunStore store = store(100);
			String longName = "GET /" + "x".repeat(3000);
			store.save(new RunSegmentRecord("run-1", null, "seg-1",
					new RunSegment("svc\0", "i", "http", longName, RunStatus.SUCCEEDED, T0, T0, 200, null), Map.of(),
					RunUsage.NONE));
			store.flush();
			assertThat(store.queuedCount()).isZero();
			RunSegment segment = store.find("run-1").orElseThrow().segments().get(0);
			assertThat(segment.name()).hasSize(1024).startsWith("GET /x");
			assertThat(segment.service()).isEqualTo("svc\uFFFD");
		}

		@Test
		void keysASegmentWhoseIdIsLongerThanItsColumnByItsDigest() {
			JdbcRunStore store = store(100);
			String segmentId = "h".repeat(300) + ":1:abcdef01#1";
			store.save(record("run-1", segmentId, RunStatus.RUNNING, T0, null));
			store.flush();
			store.save(record("run-1", segmentId, RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
			store.save(record("run-1", "h".repeat(300) + ":1:abcdef01#2", RunStatus.SUCCEEDED, T0, T0));
			store.flush();
			assertThat(store.queuedCount()).isZero();
			assertThat(rows("run_id_segment")).isEqualTo(2);
			assertThat(store.find("run-1").orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
		}

		@Test
		void flushesWhatIsQueuedWhenStopped() {
			JdbcRunStore store = new JdbcRunStore(this.connections, 100, Duration.ofHours(1), Duration.ofDays(7));
			store.start();
			assertThat(store.isRunning()).isTrue();
			store.save(record("run-1", "seg-1", RunStatus.SUCCEEDED, T0, T0.plusSeconds(1)));
			assertThat(store.find("run-1")).isEmpty();
			store.stop();
			assertThat(store.isRunning()).isFalse();
			assertThat(store.find("run-1")).isPresent();
		}

		private static List<String> ids(JdbcRunStore store, RunQuery query) {
			return store.query(query).runs().stream().map(RunSummary::id).toList();
		}

	}

	/**
	 * Segments whose text values are quotes, backslashes, braces, the word NULL, empty,
	 * white space, line breaks and non-ASCII, each value in each text column, with and
	 * without an end, an error, a parent, attributes and usage.
	 */
	static List<RunSegmentRecord> awkwardRecords(int count) {
		String[] texts = { "quote \" and 'single'", "back\\slash \\\\", "{braces},[brackets]", "NULL", "", " padded ",
				"tab\tnew\nline", "\u00fcn\u00efc\u00f8d\u00e9 \u2713 \ud834\udd1e", "comma, and; semi" };
		List<RunSegmentRecord> records = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Instant startedAt = T0.plusNanos(i * 1_001_000L);
			boolean running = i % 7 == 0;
			boolean failed = !running && i % 3 != 2;
			RunStatus status = running ? RunStatus.RUNNING : (failed ? RunStatus.FAILED : RunStatus.SUCCEEDED);
			RunSegment segment = new RunSegment(texts[i % texts.length], texts[(i + 1) % texts.length],
					texts[(i + 2) % texts.length], texts[(i + 3) % texts.length], status, startedAt,
					running ? null : startedAt.plusMillis(i), running ? null : (failed ? 500 : 200),
					failed ? new RunError(texts[(i + 4) % texts.length], texts[(i + 5) % texts.length]) : null);
			records.add(new RunSegmentRecord("run-" + i, (i % 2 == 0) ? null : "parent-" + i, "seg-" + i, segment,
					(i % 4 == 0) ? Map.of() : Map.of("note", texts[(i + 6) % texts.length], "n", String.valueOf(i)),
					(i % 5 == 0) ? RunUsage.NONE : new RunUsage(i, 2L * i, Long.MAX_VALUE - i)));
		}
		return records;
	}

	static void assertReadBackAsSaved(JdbcRunStore store, List<RunSegmentRecord> saved) {
		for (RunSegmentRecord record : saved) {
			RunRecord run = store.find(record.runId()).orElseThrow();
			assertThat(run.parentId()).isEqualTo(record.parentId());
			assertThat(run.startedAt()).isEqualTo(record.segment().startedAt());
			assertThat(run.segments()).containsExactly(record.segment());
			assertThat(run.attributes()).isEqualTo(record.attributes());
			assertThat(run.usage()).isEqualTo(record.usage().equals(RunUsage.NONE) ? null : record.usage());
		}
	}

	static RunSegmentRecord record(String runId, String segmentId, RunStatus status, Instant startedAt,
			@Nullable Instant endedAt) {
		return new RunSegmentRecord(runId, null, segmentId, segment("svc", status, startedAt, endedAt), Map.of(),
				RunUsage.NONE);
	}

	static RunSegment segment(String service, RunStatus status, Instant startedAt, @Nullable Instant endedAt) {
		return new RunSegment(service, service + "-1", "http", "GET /" + service, status, startedAt, endedAt,
				(endedAt != null) ? ((status == RunStatus.FAILED) ? 500 : 200) : null, null);
	}

	/**
	 * The store's connections, which a test can cut as if the database were down.
	 */
	static final class Switch extends DelegatingDataSource {

		volatile boolean down;

		@Override
		public Connection getConnection() throws SQLException {
			if (this.down) {
				throw new SQLException("database down (test)");
			}
			return super.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}

	static final class MutableClock extends Clock {

		volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
