-- run-id run registry, MySQL 8 and MariaDB 10.5+. Idempotent: safe to run at every start of every
-- instance. Indexes are declared in CREATE TABLE because MySQL has no CREATE INDEX IF NOT EXISTS.
-- DATETIME(6) rather than TIMESTAMP: no 2038 limit and no implicit ON UPDATE CURRENT_TIMESTAMP
-- (explicit_defaults_for_timestamp=OFF, MariaDB's default before 10.10); the store writes and
-- reads them as UTC, whatever the time zone of the JVM, the connection or the server.
-- utf8mb4_bin: run IDs differ by case (the servers' default collations ignore it).
CREATE TABLE IF NOT EXISTS run_id_run (
	run_id VARCHAR(128) NOT NULL PRIMARY KEY,
	parent_id VARCHAR(128),
	started_at DATETIME(6) NOT NULL,
	INDEX run_id_run_started_at_idx (started_at, run_id),
	INDEX run_id_run_parent_id_idx (parent_id)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE TABLE IF NOT EXISTS run_id_segment (
	segment_id VARCHAR(255) NOT NULL PRIMARY KEY,
	run_id VARCHAR(128) NOT NULL,
	service VARCHAR(255) NOT NULL,
	instance VARCHAR(255) NOT NULL,
	kind VARCHAR(64) NOT NULL,
	name VARCHAR(1024) NOT NULL,
	status VARCHAR(16) NOT NULL,
	started_at DATETIME(6) NOT NULL,
	ended_at DATETIME(6),
	http_status INTEGER,
	error_type VARCHAR(1024),
	error_message VARCHAR(4000),
	attributes MEDIUMTEXT,
	llm_calls BIGINT NOT NULL,
	input_tokens BIGINT NOT NULL,
	output_tokens BIGINT NOT NULL,
	INDEX run_id_segment_run_id_idx (run_id, status),
	INDEX run_id_segment_started_at_idx (started_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
