package dev.runid.spring.registry.jdbc;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.runid.spring.registry.RunError;
import dev.runid.spring.registry.RunPage;
import dev.runid.spring.registry.RunQuery;
import dev.runid.spring.registry.RunRecord;
import dev.runid.spring.registry.RunRecord.RunChild;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.registry.RunSegment;
import dev.runid.spring.registry.RunSegmentRecord;
import dev.runid.spring.registry.RunStatus;
import dev.runid.spring.registry.RunStore;
import dev.runid.spring.registry.RunSummary;
import dev.runid.spring.usage.RunUsage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link RunStore} in a relational database that several instances share (PostgreSQL,
 * H2, MySQL, MariaDB; tables {@code run_id_run} and {@code run_id_segment}, see the
 * {@code schema-*.sql} scripts next to this class).
 * <p>
 * {@link #save} only puts the write in a bounded in-memory queue ({@code queueCapacity}
 * segments; a later write of a queued segment replaces it), so a request never waits for
 * the database. One background thread writes the queue every {@code flushInterval} in
 * batches of up to {@value #BATCH_SIZE} segments, each written atomically (on PostgreSQL
 * one statement for both tables unless its segments have very large attributes, otherwise
 * one transaction), with idempotent upserts: a batch that failed is retried as it is and
 * never duplicates a row. While the database is down or slow, writes wait in the queue;
 * when it is full, further segments are dropped and counted ({@link #droppedCount()}),
 * with one WARN a minute at most. The same thread deletes runs older than
 * {@code retention} every {@value #PURGE_INTERVAL_MINUTES} minutes.
 * <p>
 * As a {@link SmartLifecycle} the store starts its thread with the application context
 * and, when the context stops, flushes what is queued after the web server has stopped
 * taking requests ({@link #PHASE}). Reads ({@link #find}, {@link #query}) go to the
 * database on the caller's thread and see what every instance has flushed. Thread-safe.
 */
public final class JdbcRunStore implements RunStore, SmartLifecycle {

	/**
	 * The lifecycle phase: below the web server's graceful shutdown, so that the store
	 * stops (and flushes) after the last request has ended.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/**
	 * The most segments written in one batch, which is written atomically.
	 */
	public static final int BATCH_SIZE = 500;

	static final int PURGE_INTERVAL_MINUTES = 10;

	private static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(JdbcRunStore.class);

	// the length of a typical value of each segment column (in the order of
	// SqlDialect.Columns.SEGMENT) in an array literal, with its quotes and comma: the
	// literals of a batch are sized once
	private static final int[] SEGMENT_VALUE_LENGTHS = { 48, 40, 16, 40, 7, 24, 12, 17, 17, 4, 5, 5, 5, 2, 2, 2 };

	// a batch of segments with large attributes is written in several statements of at
	// most about this many characters, far below what PostgreSQL takes in one message
	static final int MAX_STATEMENT_CHARS = 8 * 1024 * 1024;

	private static final String SEGMENT_QUERY = "SELECT " + SqlDialect.Columns.SEGMENT
			+ " FROM run_id_segment WHERE run_id = ? ORDER BY started_at, segment_id";

	// the rule of RunRecord.status in SQL, for filtering and for children
	private static final String RUN_STATUS = "CASE WHEN EXISTS (SELECT 1 FROM run_id_segment s "
			+ "WHERE s.run_id = r.run_id AND s.status = 'RUNNING') THEN 'RUNNING' "
			+ "WHEN EXISTS (SELECT 1 FROM run_id_segment s WHERE s.run_id = r.run_id AND s.status = 'FAILED') "
			+ "THEN 'FAILED' ELSE 'SUCCEEDED' END";

	private final DataSource dataSource;

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbcClient;

	private final TransactionTemplate transactions;

	private final PendingWrites pending;

	private final int queueCapacity;

	private final Duration flushInterval;

	private final Duration retention;

	private final Clock clock;

	private final Object lifecycleMonitor = new Object();

	private volatile @Nullable SqlDialect dialect;

	private @Nullable ScheduledThreadPoolExecutor writer;

	// the fields below belong to the writer thread (or to stop() once it has ended)

	private long warnedAt = Long.MIN_VALUE;

	private long droppedWhenWarned;

	private @Nullable String failure;

	/**
	 * Create a store on the given database. The tables must exist (see
	 * {@link JdbcRunStoreSchemaInitializer}); the database need not be up yet.
	 * @param dataSource the database
	 * @param queueCapacity the most segments waiting to be written
	 * @param flushInterval the pause between two writes of the queue
	 * @param retention how long runs are kept, counted from their start
	 */
	public JdbcRunStore(DataSource dataSource, int queueCapacity, Duration flushInterval, Duration retention) {
		this(dataSource, queueCapacity, flushInterval, retention, Clock.systemUTC());
	}

	JdbcRunStore(DataSource dataSource, int queueCapacity, Duration flushInterval, Duration retention, Clock clock) {
		if (flushInterval.isNegative() || flushInterval.isZero()) {
			throw new IllegalArgumentException("flushInterval must be positive, was " + flushInterval);
		}
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("retention must be positive, was " + retention);
		}
		this.dataSource = dataSource;
		this.jdbcTemplate = new JdbcTemplate(dataSource);
		this.jdbcClient = JdbcClient.create(this.jdbcTemplate);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.pending = new PendingWrites(queueCapacity);
		this.queueCapacity = queueCapacity;
		this.flushInterval = flushInterval;
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * Queue the segment for the background writer; never blocks, never throws for a
	 * database that is down. When the queue is full the write is dropped and counted.
	 * @param record the segment
	 */
	@Override
	public void save(RunSegmentRecord record) {
		this.pending.offer(record);
	}

	@Override
	public Optional<RunRecord> find(String id) {
		SqlDialect dialect = dialect();
		List<StoredSegment> segments = this.jdbcClient.sql(SEGMENT_QUERY)
			.param(id)
			.query((rs, row) -> segment(rs, dialect))
			.list();
		if (segments.isEmpty()) {
			return Optional.empty();
		}
		List<@Nullable String> parent = this.jdbcClient.sql("SELECT parent_id FROM run_id_run WHERE run_id = ?")
			.param(id)
			.query((rs, row) -> rs.getString(1))
			.list();
		List<RunChild> children = this.jdbcClient
			.sql("SELECT r.run_id, " + RUN_STATUS + " AS status FROM run_id_run r WHERE r.parent_id = ? "
					+ "ORDER BY r.started_at, r.run_id")
			.param(id)
			.query((rs, row) -> new RunChild(rs.getString(1), RunStatus.valueOf(rs.getString(2))))
			.list();
		Map<String, String> attributes = new LinkedHashMap<>();
		RunUsage usage = RunUsage.NONE;
		List<RunSegment> runSegments = new ArrayList<>(segments.size());
		for (StoredSegment segment : segments) {
			// as many attributes as one process keeps for a run, across all its segments
			segment.attributes().forEach((key, value) -> {
				if (attributes.size() < RunRecorder.MAX_ATTRIBUTES || attributes.containsKey(key)) {
					attributes.put(key, value);
				}
			});
			usage = usage.plus(segment.usage());
			runSegments.add(segment.segment());
		}
		Instant startedAt = runSegments.get(0).startedAt();
		return Optional.of(new RunRecord(id, parent.isEmpty() ? null : parent.get(0), status(runSegments), startedAt,
				endedAt(runSegments), List.copyOf(runSegments), Map.copyOf(attributes),
				usage.equals(RunUsage.NONE) ? null : usage, List.copyOf(children)));
	}

	@Override
	public RunPage query(RunQuery query) {
		Cursor cursor = (query.cursor() != null) ? Cursor.decode(query.cursor()) : null;
		SqlDialect dialect = dialect();
		StringBuilder sql = new StringBuilder(
				"SELECT r.run_id, r.parent_id, r.started_at FROM run_id_run r WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		String idPrefix = query.idPrefix();
		if (idPrefix != null) {
			sql.append(" AND r.run_id LIKE ? ESCAPE '!'");
			params.add(idPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
		}
		if (cursor != null) {
			sql.append(" AND (r.started_at < ? OR (r.started_at = ? AND r.run_id < ?))");
			params.add(dialect.timestamp(cursor.startedAt()));
			params.add(dialect.timestamp(cursor.startedAt()));
			params.add(cursor.runId());
		}
		if (query.status() != null) {
			sql.append(" AND ").append(RUN_STATUS).append(" = ?");
			params.add(query.status().name());
		}
		sql.append(" ORDER BY r.started_at DESC, r.run_id DESC LIMIT ?");
		// one more than asked, to know whether there is a next page
		params.add(query.limit() + 1);
		List<RunRow> runs = this.jdbcClient.sql(sql.toString())
			.params(params)
			.query((rs, row) -> new RunRow(rs.getString(1), rs.getString(2), instant(dialect, rs, 3)))
			.list();
		boolean more = runs.size() > query.limit();
		if (more) {
			runs = runs.subList(0, query.limit());
		}
		if (runs.isEmpty()) {
			return new RunPage(List.of(), null);
		}
		Map<String, List<StoredSegment>> segments = new LinkedHashMap<>();
		this.jdbcClient
			.sql("SELECT " + SqlDialect.Columns.SEGMENT
					+ " FROM run_id_segment WHERE run_id IN (:ids) ORDER BY started_at, segment_id")
			.param("ids", runs.stream().map(RunRow::runId).toList())
			.query((rs, row) -> segment(rs, dialect))
			.list()
			.forEach((segment) -> segments.computeIfAbsent(segment.runId(), (key) -> new ArrayList<>()).add(segment));
		List<RunSummary> summaries = new ArrayList<>(runs.size());
		for (RunRow run : runs) {
			List<StoredSegment> ofRun = segments.get(run.runId());
			if (ofRun != null) {
				summaries.add(summary(run, ofRun));
			}
		}
		RunRow last = runs.get(runs.size() - 1);
		return new RunPage(List.copyOf(summaries), more ? new Cursor(last.startedAt(), last.runId()).encode() : null);
	}

	private static RunSummary summary(RunRow run, List<StoredSegment> segments) {
		List<RunSegment> runSegments = new ArrayList<>(segments.size());
		Set<String> services = new LinkedHashSet<>();
		@Nullable String user = null;
		for (StoredSegment segment : segments) {
			runSegments.add(segment.segment());
			services.add(segment.segment().service());
			String userAttribute = segment.attributes().get("user");
			if (userAttribute != null) {
				user = userAttribute;
			}
		}
		return new RunSummary(run.runId(), run.parentId(), status(runSegments), runSegments.get(0).startedAt(),
				endedAt(runSegments), List.copyOf(services), runSegments.get(0).name(), user);
	}

	private static RunStatus status(List<RunSegment> segments) {
		boolean failed = false;
		for (RunSegment segment : segments) {
			if (segment.status() == RunStatus.RUNNING) {
				return RunStatus.RUNNING;
			}
			failed |= segment.status() == RunStatus.FAILED;
		}
		return failed ? RunStatus.FAILED : RunStatus.SUCCEEDED;
	}

	private static @Nullable Instant endedAt(List<RunSegment> segments) {
		Instant latest = null;
		for (RunSegment segment : segments) {
			Instant endedAt = segment.endedAt();
			if (endedAt == null) {
				return null;
			}
			if (latest == null || endedAt.isAfter(latest)) {
				latest = endedAt;
			}
		}
		return latest;
	}

	/**
	 * The number of segment writes dropped because the queue was full, since the store
	 * was created.
	 * @return the count
	 */
	public long droppedCount() {
		return this.pending.dropped();
	}

	/**
	 * The number of segments waiting to be written.
	 * @return the count
	 */
	public int queuedCount() {
		return this.pending.size();
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.writer != null) {
				return;
			}
			ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "run-id-registry-writer");
				thread.setDaemon(true);
				return thread;
			});
			long interval = this.flushInterval.toNanos();
			writer.scheduleWithFixedDelay(this::flushInBackground, interval, interval, TimeUnit.NANOSECONDS);
			writer.scheduleWithFixedDelay(this::purgeInBackground, 1, PURGE_INTERVAL_MINUTES, TimeUnit.MINUTES);
			this.writer = writer;
		}
	}

	/**
	 * Stop the writer thread and write what is still queued on the calling thread.
	 */
	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			ScheduledThreadPoolExecutor writer = this.writer;
			if (writer == null) {
				return;
			}
			this.writer = null;
			// lets a write under way finish; periodic tasks end
			writer.shutdown();
			try {
				if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
					logger.warn("The run registry's writer did not stop within 30 seconds");
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			flush();
			int left = this.pending.size();
			if (left > 0) {
				logger.warn("Stopped with " + left + " run segments not written to the database: " + this.failure);
			}
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.writer != null;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void flushInBackground() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			// never let an exception end the schedule
			logger.debug("Run registry flush failed", ex);
		}
	}

	private void purgeInBackground() {
		try {
			purge();
		}
		catch (RuntimeException ex) {
			logger.debug("Run registry purge failed", ex);
		}
	}

	/**
	 * Write what is queued, batch by batch, until the queue is empty or a batch fails (it
	 * goes back into the queue and is retried at the next flush).
	 */
	void flush() {
		List<RunSegmentRecord> batch;
		while (!(batch = this.pending.drain(BATCH_SIZE)).isEmpty()) {
			try {
				write(batch);
			}
			catch (RuntimeException ex) {
				this.pending.requeue(batch);
				boolean first = this.failure == null;
				this.failure = ex.getClass().getName() + ": " + ex.getMessage();
				warn(first, ex);
				return;
			}
			if (this.failure != null) {
				this.failure = null;
				logger.info("Writing run segments to the database again");
			}
		}
		warn(false, null);
	}

	// at most one WARN a minute, whether about failing writes or about dropped segments
	private void warn(boolean firstFailure, @Nullable Exception ex) {
		long dropped = this.pending.dropped();
		boolean newDrops = dropped > this.droppedWhenWarned;
		if (!firstFailure && !newDrops) {
			if (ex != null && logger.isDebugEnabled()) {
				logger.debug("Could not write run segments to the database", ex);
			}
			return;
		}
		long now = System.nanoTime();
		if (this.warnedAt != Long.MIN_VALUE && now - this.warnedAt < WARN_INTERVAL.toNanos()) {
			return;
		}
		this.warnedAt = now;
		this.droppedWhenWarned = dropped;
		StringBuilder message = new StringBuilder("Run registry: ");
		if (this.failure != null) {
			message.append("cannot write run segments to the database (").append(this.failure).append("); ");
		}
		message.append(this.pending.size())
			.append(" of at most ")
			.append(this.queueCapacity)
			.append(" segments queued, ")
			.append(dropped)
			.append(" dropped since the start because the queue was full");
		logger.warn(message);
	}

	private void write(List<RunSegmentRecord> batch) {
		SqlDialect dialect = dialect();
		List<RunSegmentRecord> segments = new ArrayList<>(batch);
		// rows in key order: concurrent writers of other instances then lock them in the
		// same order and cannot deadlock
		segments.sort(Comparator.comparing((record) -> segmentKey(record.segmentId())));
		List<RunRow> runs = runs(batch);
		if (dialect.arrays()) {
			writeAsArrays(dialect, segments, runs);
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			this.jdbcTemplate.batchUpdate(dialect.upsertSegment(), segments, segments.size(),
					(ps, record) -> setSegment(ps, record, dialect));
			this.jdbcTemplate.batchUpdate(dialect.upsertRun(), runs, runs.size(), (ps, run) -> {
				ps.setString(1, run.runId());
				setString(ps, 2, run.parentId(), 128);
				ps.setObject(3, dialect.timestamp(run.startedAt()));
			});
		});
	}

	/**
	 * The run rows of a batch, one per run with its earliest start and its parent, in the
	 * order of their IDs: concurrent writers of other instances lock a run they share in
	 * the same order and cannot deadlock. Sorted as a list, which is nearly in order
	 * already for time-ordered IDs.
	 */
	private static List<RunRow> runs(List<RunSegmentRecord> batch) {
		List<RunRow> rows = new ArrayList<>(batch.size());
		for (RunSegmentRecord record : batch) {
			rows.add(new RunRow(record.runId(), record.parentId(), micros(record.segment().startedAt())));
		}
		rows.sort(Comparator.comparing(RunRow::runId));
		List<RunRow> runs = new ArrayList<>(rows.size());
		for (RunRow row : rows) {
			int last = runs.size() - 1;
			if (last >= 0 && runs.get(last).runId().equals(row.runId())) {
				runs.set(last, runs.get(last).earliest(row));
			}
			else {
				runs.add(row);
			}
		}
		return runs;
	}

	/**
	 * Write a batch with statements whose parameters are the columns as array literals:
	 * what costs the writer per row is then appending its values to one text per column,
	 * not a bound statement each. A batch is one statement for both tables
	 * ({@link SqlDialect#upsertBatch()}), atomic on its own: on a connection in
	 * auto-commit mode (as pools hand them out by default) no transaction to begin and
	 * commit, one round trip. Segments with large attributes take several statements of
	 * at most about {@link #MAX_STATEMENT_CHARS} each, in one transaction, each built
	 * when the one before is written.
	 */
	private void writeAsArrays(SqlDialect dialect, List<RunSegmentRecord> segments, List<RunRow> runs) {
		String[] first = new String[SEGMENT_VALUE_LENGTHS.length];
		int next = segmentColumns(segments, 0, first);
		String[] runColumns = runColumns(runs);
		if (next == segments.size()) {
			String[] parameters = Arrays.copyOf(first, first.length + runColumns.length);
			System.arraycopy(runColumns, 0, parameters, first.length, runColumns.length);
			this.jdbcTemplate.execute((ConnectionCallback<Void>) (connection) -> {
				executeAtomically(connection, dialect.upsertBatch(), parameters);
				return null;
			});
			return;
		}
		this.transactions
			.executeWithoutResult((status) -> this.jdbcTemplate.execute((ConnectionCallback<Void>) (connection) -> {
				execute(connection, dialect.upsertSegment(), first);
				int from = next;
				while (from < segments.size()) {
					String[] columns = new String[SEGMENT_VALUE_LENGTHS.length];
					from = segmentColumns(segments, from, columns);
					execute(connection, dialect.upsertSegment(), columns);
				}
				execute(connection, dialect.upsertRun(), runColumns);
				return null;
			}));
	}

	/**
	 * Execute one statement: on a connection without auto-commit (a pool configured so)
	 * that takes part in no transaction of this thread, committed after it, or rolled
	 * back when it failed, so that the connection goes back to its pool clean.
	 */
	private void executeAtomically(Connection connection, String sql, String[] parameters) throws SQLException {
		boolean commit = !connection.getAutoCommit()
				&& !DataSourceUtils.isConnectionTransactional(connection, this.dataSource);
		try {
			execute(connection, sql, parameters);
			if (commit) {
				connection.commit();
			}
		}
		catch (SQLException | RuntimeException ex) {
			if (commit) {
				try {
					connection.rollback();
				}
				catch (SQLException rollbackFailure) {
					ex.addSuppressed(rollbackFailure);
				}
			}
			throw ex;
		}
	}

	private static void execute(Connection connection, String sql, String[] parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			statement.executeUpdate();
		}
	}

	/**
	 * The array literals of the segments from {@code from} on, or of as many of them as
	 * fit in {@link #MAX_STATEMENT_CHARS} (at least one), in the order of
	 * {@link SqlDialect.Columns#SEGMENT}.
	 * @return the index of the first segment not taken
	 */
	private static int segmentColumns(List<RunSegmentRecord> segments, int from, String[] literals) {
		ArrayLiteral[] columns = new ArrayLiteral[literals.length];
		for (int column = 0; column < columns.length; column++) {
			columns[column] = new ArrayLiteral(segments.size() - from, SEGMENT_VALUE_LENGTHS[column]);
		}
		int to = from;
		long chars = 0;
		while (to < segments.size() && chars < MAX_STATEMENT_CHARS) {
			RunSegmentRecord record = segments.get(to++);
			RunSegment segment = record.segment();
			RunError error = segment.error();
			RunUsage usage = record.usage();
			columns[0].add(segmentKey(record.segmentId()));
			columns[1].add(record.runId());
			columns[2].add(fit(segment.service(), 255));
			columns[3].add(fit(segment.instance(), 255));
			columns[4].add(fit(segment.kind(), 64));
			columns[5].add(fit(segment.name(), 1024));
			columns[6].add(segment.status().name());
			columns[7].add(epochMicros(segment.startedAt()));
			Instant endedAt = segment.endedAt();
			if (endedAt != null) {
				columns[8].add(epochMicros(endedAt));
			}
			else {
				columns[8].addNull();
			}
			Integer httpStatus = segment.httpStatus();
			if (httpStatus != null) {
				columns[9].add(httpStatus);
			}
			else {
				columns[9].addNull();
			}
			columns[10].add((error != null) ? fit(error.type(), 1024) : null);
			columns[11].add((error != null) ? fit(error.message(), 4000) : null);
			columns[12].add(fit(encode(record.attributes()), Integer.MAX_VALUE));
			columns[13].add(usage.llmCalls());
			columns[14].add(usage.inputTokens());
			columns[15].add(usage.outputTokens());
			chars = 0;
			for (ArrayLiteral column : columns) {
				chars += column.length();
			}
		}
		for (int column = 0; column < columns.length; column++) {
			literals[column] = columns[column].toString();
		}
		return to;
	}

	private static String[] runColumns(List<RunRow> runs) {
		ArrayLiteral runIds = new ArrayLiteral(runs.size(), 40);
		ArrayLiteral parentIds = new ArrayLiteral(runs.size(), 4);
		ArrayLiteral startedAt = new ArrayLiteral(runs.size(), 17);
		for (RunRow run : runs) {
			runIds.add(run.runId());
			parentIds.add(fit(run.parentId(), 128));
			startedAt.add(epochMicros(run.startedAt()));
		}
		return new String[] { runIds.toString(), parentIds.toString(), startedAt.toString() };
	}

	private static long epochMicros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	private SqlDialect dialect() {
		SqlDialect dialect = this.dialect;
		if (dialect == null) {
			try {
				String product = JdbcUtils.extractDatabaseMetaData(this.dataSource,
						DatabaseMetaData::getDatabaseProductName);
				dialect = SqlDialect.of(DatabaseDriver.fromProductName(product));
			}
			catch (MetaDataAccessException ex) {
				throw new IllegalStateException("Cannot tell which database holds the run registry", ex);
			}
			this.dialect = dialect;
		}
		return dialect;
	}

	/**
	 * Delete the runs and segments that started before the retention.
	 */
	void purge() {
		Object cutoff = dialect().timestamp(micros(this.clock.instant().minus(this.retention)));
		int segments = this.jdbcTemplate.update("DELETE FROM run_id_segment WHERE started_at < ?", cutoff);
		int runs = this.jdbcTemplate.update("DELETE FROM run_id_run WHERE started_at < ?", cutoff);
		if (logger.isDebugEnabled()) {
			logger.debug("Purged " + runs + " runs and " + segments + " segments older than " + this.retention);
		}
	}

	private static void setSegment(PreparedStatement ps, RunSegmentRecord record, SqlDialect dialect)
			throws SQLException {
		RunSegment segment = record.segment();
		ps.setString(1, segmentKey(record.segmentId()));
		ps.setString(2, record.runId());
		setString(ps, 3, segment.service(), 255);
		setString(ps, 4, segment.instance(), 255);
		setString(ps, 5, segment.kind(), 64);
		setString(ps, 6, segment.name(), 1024);
		ps.setString(7, segment.status().name());
		ps.setObject(8, dialect.timestamp(micros(segment.startedAt())));
		if (segment.endedAt() != null) {
			ps.setObject(9, dialect.timestamp(micros(segment.endedAt())));
		}
		else {
			ps.setNull(9, Types.TIMESTAMP);
		}
		if (segment.httpStatus() != null) {
			ps.setInt(10, segment.httpStatus());
		}
		else {
			ps.setNull(10, Types.INTEGER);
		}
		RunError error = segment.error();
		setString(ps, 11, (error != null) ? error.type() : null, 1024);
		setString(ps, 12, (error != null) ? error.message() : null, 4000);
		setString(ps, 13, encode(record.attributes()), Integer.MAX_VALUE);
		ps.setLong(14, record.usage().llmCalls());
		ps.setLong(15, record.usage().inputTokens());
		ps.setLong(16, record.usage().outputTokens());
	}

	// segment IDs hold the instance, and so the host name: one too long for the key
	// column
	// is replaced by its digest, the same for every write of the segment
	static String segmentKey(String segmentId) {
		if (segmentId.length() <= 255) {
			return segmentId;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(segmentId.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// a value longer than its column, or with a NUL (which PostgreSQL refuses), would
	// fail its whole batch again and again: cut and replace instead
	private static void setString(PreparedStatement ps, int index, @Nullable String value, int max)
			throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.VARCHAR);
			return;
		}
		ps.setString(index, fit(value, max));
	}

	private static @Nullable String fit(@Nullable String value, int max) {
		if (value == null) {
			return null;
		}
		String fitting = (value.length() > max) ? value.substring(0, max) : value;
		return (fitting.indexOf('\0') >= 0) ? fitting.replace('\0', '\uFFFD') : fitting;
	}

	private static StoredSegment segment(ResultSet rs, SqlDialect dialect) throws SQLException {
		String errorType = rs.getString("error_type");
		Integer httpStatus = rs.getObject("http_status", Integer.class);
		RunSegment segment = new RunSegment(rs.getString("service"), rs.getString("instance"), rs.getString("kind"),
				rs.getString("name"), RunStatus.valueOf(rs.getString("status")),
				instant(dialect, rs, rs.findColumn("started_at")), dialect.instant(rs, rs.findColumn("ended_at")),
				httpStatus,
				(errorType != null) ? new RunError(errorType, nonNull(rs.getString("error_message"))) : null);
		RunUsage usage = new RunUsage(rs.getLong("llm_calls"), rs.getLong("input_tokens"), rs.getLong("output_tokens"));
		return new StoredSegment(rs.getString("run_id"), segment, decode(rs.getString("attributes")), usage);
	}

	private static String nonNull(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static Instant instant(SqlDialect dialect, ResultSet rs, int column) throws SQLException {
		Instant instant = dialect.instant(rs, column);
		if (instant == null) {
			throw new SQLException("Column " + column + " is null");
		}
		return instant;
	}

	// every database keeps microseconds: cut before writing, so that reads and cursors
	// see the same instants whatever the database
	private static Instant micros(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	// attributes as one text column, form-encoded: keys are [A-Za-z0-9._-], values any
	// text
	static @Nullable String encode(Map<String, String> attributes) {
		if (attributes.isEmpty()) {
			return null;
		}
		StringBuilder encoded = new StringBuilder();
		attributes.forEach((key, value) -> {
			if (!encoded.isEmpty()) {
				encoded.append('&');
			}
			encoded.append(URLEncoder.encode(key, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		});
		return encoded.toString();
	}

	static Map<String, String> decode(@Nullable String encoded) {
		if (encoded == null || encoded.isEmpty()) {
			return Map.of();
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				attributes.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return attributes;
	}

	/**
	 * A segment as read back, with what the run gained in it.
	 */
	private record StoredSegment(String runId, RunSegment segment, Map<String, String> attributes, RunUsage usage) {

	}

	/**
	 * A row of {@code run_id_run}.
	 */
	private record RunRow(String runId, @Nullable String parentId, Instant startedAt) {

		RunRow earliest(RunRow other) {
			Instant startedAt = other.startedAt.isBefore(this.startedAt) ? other.startedAt : this.startedAt;
			return new RunRow(this.runId, (this.parentId != null) ? this.parentId : other.parentId, startedAt);
		}

	}

	/**
	 * Where a page of {@link #query} starts: after the run with this start and ID, in the
	 * order newest first, then by ID descending.
	 */
	record Cursor(Instant startedAt, String runId) {

		String encode() {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((this.startedAt + " " + this.runId).getBytes(StandardCharsets.UTF_8));
		}

		static Cursor decode(String cursor) {
			try {
				String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				int space = decoded.indexOf(' ');
				return new Cursor(Instant.parse(decoded.substring(0, space)), decoded.substring(space + 1));
			}
			catch (RuntimeException ex) {
				// the cursor comes from a request: not echoed
				throw new IllegalArgumentException("Not a cursor of this run registry", ex);
			}
		}

	}

}
