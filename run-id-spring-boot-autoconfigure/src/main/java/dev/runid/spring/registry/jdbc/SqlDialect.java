package dev.runid.spring.registry.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * What differs per database: the idempotent upserts, and how instants are written and
 * read.
 */
enum SqlDialect {

	/**
	 * PostgreSQL: {@code INSERT ... ON CONFLICT}, which is safe against concurrent
	 * writers (unlike PostgreSQL's {@code MERGE}), a whole batch in one statement per
	 * table, or one for both ({@link #upsertBatch()}): every column an array parameter
	 * that {@code unnest} makes rows of, instants as microseconds since the epoch. One
	 * {@code Bind} message and one result instead of one per row, and no timestamp text
	 * to format per value. The run row is only touched when it changes, so that repeated
	 * writes of a run leave no dead tuples behind.
	 */
	POSTGRESQL("INSERT INTO run_id_segment (" + Columns.SEGMENT + ") SELECT segment_id, run_id, service, instance, "
			+ "kind, name, status, " + fromMicros("started_at") + ", " + fromMicros("ended_at")
			+ ", http_status, error_type, error_message, attributes, llm_calls, input_tokens, output_tokens "
			+ "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
			+ "?::int8[], ?::int8[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], "
			+ "?::int8[]) AS t(" + Columns.SEGMENT + ") ON CONFLICT (segment_id) DO UPDATE SET name = EXCLUDED.name, "
			+ "status = EXCLUDED.status, ended_at = EXCLUDED.ended_at, http_status = EXCLUDED.http_status, "
			+ "error_type = EXCLUDED.error_type, error_message = EXCLUDED.error_message, "
			+ "attributes = EXCLUDED.attributes, llm_calls = EXCLUDED.llm_calls, "
			+ "input_tokens = EXCLUDED.input_tokens, output_tokens = EXCLUDED.output_tokens",
			"INSERT INTO run_id_run (run_id, parent_id, started_at) SELECT run_id, parent_id, "
					+ fromMicros("started_at")
					+ " FROM unnest(?::text[], ?::text[], ?::int8[]) AS t(run_id, parent_id, started_at) "
					+ "ON CONFLICT (run_id) DO UPDATE SET "
					+ "started_at = LEAST(run_id_run.started_at, EXCLUDED.started_at), "
					+ "parent_id = COALESCE(run_id_run.parent_id, EXCLUDED.parent_id) "
					+ "WHERE run_id_run.started_at > EXCLUDED.started_at "
					+ "OR (run_id_run.parent_id IS NULL AND EXCLUDED.parent_id IS NOT NULL)",
			true, true),

	/**
	 * MySQL and MariaDB: {@code INSERT ... ON DUPLICATE KEY UPDATE}. Their
	 * {@code DATETIME} has no time zone, and their drivers convert zoned values to the
	 * JVM's or the connection's zone: instants are written and read as UTC date-times, so
	 * that instances in different zones agree.
	 */
	MYSQL("INSERT INTO run_id_segment (" + Columns.SEGMENT + ") VALUES (" + Columns.SEGMENT_PARAMETERS
			+ ") ON DUPLICATE KEY UPDATE name = VALUES(name), status = VALUES(status), ended_at = VALUES(ended_at), "
			+ "http_status = VALUES(http_status), error_type = VALUES(error_type), "
			+ "error_message = VALUES(error_message), attributes = VALUES(attributes), "
			+ "llm_calls = VALUES(llm_calls), input_tokens = VALUES(input_tokens), "
			+ "output_tokens = VALUES(output_tokens)",
			"INSERT INTO run_id_run (run_id, parent_id, started_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
					+ "parent_id = COALESCE(parent_id, VALUES(parent_id)), "
					+ "started_at = LEAST(started_at, VALUES(started_at))",
			false, false),

	/**
	 * H2: {@code MERGE ... KEY} for segments (a whole row replaced), standard
	 * {@code MERGE ... USING} for runs. Also tried for databases the store has no script
	 * for.
	 */
	H2("MERGE INTO run_id_segment (" + Columns.SEGMENT + ") KEY (segment_id) VALUES (" + Columns.SEGMENT_PARAMETERS
			+ ")",
			"MERGE INTO run_id_run t USING (SELECT CAST(? AS VARCHAR(128)) run_id, CAST(? AS VARCHAR(128)) parent_id, "
					+ "CAST(? AS TIMESTAMP(6) WITH TIME ZONE) started_at) s ON t.run_id = s.run_id "
					+ "WHEN MATCHED THEN UPDATE SET started_at = LEAST(t.started_at, s.started_at), "
					+ "parent_id = COALESCE(t.parent_id, s.parent_id) "
					+ "WHEN NOT MATCHED THEN INSERT (run_id, parent_id, started_at) "
					+ "VALUES (s.run_id, s.parent_id, s.started_at)",
			true, false);

	private final String upsertSegment;

	private final String upsertRun;

	private final String upsertBatch;

	private final boolean zonedTimestamps;

	private final boolean arrays;

	SqlDialect(String upsertSegment, String upsertRun, boolean zonedTimestamps, boolean arrays) {
		this.upsertSegment = upsertSegment;
		this.upsertRun = upsertRun;
		this.upsertBatch = "WITH segments AS (" + upsertSegment + ") " + upsertRun;
		this.zonedTimestamps = zonedTimestamps;
		this.arrays = arrays;
	}

	/**
	 * The upsert of segment rows, with the parameters in the order of
	 * {@link Columns#SEGMENT}: one row's values, or with {@link #arrays()} a whole
	 * batch's.
	 * @return the statement
	 */
	String upsertSegment() {
		return this.upsertSegment;
	}

	/**
	 * The upsert of run rows ({@code run_id}, {@code parent_id}, {@code started_at}),
	 * which keeps the earliest start and the first parent known: one row's values, or
	 * with {@link #arrays()} a whole batch's.
	 * @return the statement
	 */
	String upsertRun() {
		return this.upsertRun;
	}

	/**
	 * With {@link #arrays()}, both upserts in one statement: the segments' in a
	 * {@code WITH} clause, then the runs'; the parameters of {@link #upsertSegment()}
	 * followed by those of {@link #upsertRun()}. One statement is atomic without a
	 * transaction around it and takes one round trip.
	 * @return the statement
	 */
	String upsertBatch() {
		return this.upsertBatch;
	}

	/**
	 * Whether the upserts take a whole batch, each parameter an array literal of one
	 * column ({@link ArrayLiteral}: text for text columns, {@code int8} microseconds
	 * since the epoch for instants, {@code int4} for the HTTP status), rather than one
	 * row that JDBC batches repeat.
	 * @return whether the parameters are arrays
	 */
	boolean arrays() {
		return this.arrays;
	}

	// whole seconds and the microseconds left, each times an interval: exact for
	// instants within about 18,000 years of 1970 (an interval times a number goes
	// through double precision), whatever the session's time zone
	private static String fromMicros(String column) {
		return "'epoch'::timestamptz + (t." + column + " / 1000000) * INTERVAL '1 second' + (t." + column
				+ " % 1000000) * INTERVAL '1 microsecond'";
	}

	/**
	 * The parameter value of an instant for a timestamp column.
	 * @param instant the instant
	 * @return an {@link OffsetDateTime} in UTC for columns with a time zone, else a
	 * {@link LocalDateTime} in UTC
	 */
	Object timestamp(Instant instant) {
		return this.zonedTimestamps ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
				: LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * Read an instant that {@link #timestamp(Instant)} wrote.
	 * @param rs the result set
	 * @param column the column's index
	 * @return the instant, {@code null} for SQL {@code NULL}
	 * @throws SQLException when the column cannot be read
	 */
	@Nullable Instant instant(ResultSet rs, int column) throws SQLException {
		if (this.zonedTimestamps) {
			OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
			return (value != null) ? value.toInstant() : null;
		}
		LocalDateTime value = rs.getObject(column, LocalDateTime.class);
		return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
	}

	static SqlDialect of(DatabaseDriver driver) {
		return switch (driver) {
			case POSTGRESQL -> POSTGRESQL;
			case MYSQL, MARIADB -> MYSQL;
			default -> H2;
		};
	}

	/**
	 * Column lists shared by the statements.
	 */
	static final class Columns {

		static final String SEGMENT = "segment_id, run_id, service, instance, kind, name, status, started_at, "
				+ "ended_at, http_status, error_type, error_message, attributes, llm_calls, input_tokens, output_tokens";

		static final String SEGMENT_PARAMETERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

		private Columns() {
		}

	}

}
