-- run-id run registry, PostgreSQL. Idempotent: safe to run at every start of every instance.
-- IDs and statuses compare byte by byte (COLLATE "C") whatever the database's default
-- collation: their index entries need no locale-aware comparison on every write, and IDs
-- sort the same way as in the MySQL and MariaDB script (utf8mb4_bin). Only child runs are
-- looked up by parent, so only they are indexed by it: a run without a parent adds no key.
CREATE TABLE IF NOT EXISTS run_id_run (
	run_id VARCHAR(128) COLLATE "C" NOT NULL PRIMARY KEY,
	parent_id VARCHAR(128) COLLATE "C",
	started_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS run_id_run_started_at_idx ON run_id_run (started_at, run_id);
CREATE INDEX IF NOT EXISTS run_id_run_parent_id_idx ON run_id_run (parent_id) WHERE parent_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS run_id_segment (
	segment_id VARCHAR(255) COLLATE "C" NOT NULL PRIMARY KEY,
	run_id VARCHAR(128) COLLATE "C" NOT NULL,
	service VARCHAR(255) NOT NULL,
	instance VARCHAR(255) NOT NULL,
	kind VARCHAR(64) NOT NULL,
	name VARCHAR(1024) NOT NULL,
	status VARCHAR(16) COLLATE "C" NOT NULL,
	started_at TIMESTAMP WITH TIME ZONE NOT NULL,
	ended_at TIMESTAMP WITH TIME ZONE,
	http_status INTEGER,
	error_type VARCHAR(1024),
	error_message VARCHAR(4000),
	attributes TEXT,
	llm_calls BIGINT NOT NULL,
	input_tokens BIGINT NOT NULL,
	output_tokens BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS run_id_segment_run_id_idx ON run_id_segment (run_id, status);
CREATE INDEX IF NOT EXISTS run_id_segment_started_at_idx ON run_id_segment (started_at);
