-- Version 4: a run is a job. It can wait in a queue ('queued') with the request that describes it (JSON,
-- a database target's password never included), shows its progress, and names the instance that claimed
-- it and when that instance last showed it was alive, so a run whose instance died is failed instead of
-- staying "running" for ever.
-- SQLite cannot change a CHECK constraint, so the table is rebuilt (sqlite.org/lang_altertable.html,
-- "other kinds of table schema changes"): Migrations turns foreign keys off around the step, so dropping
-- the old table does not cascade into generated_data, and checks them before committing. Ids are kept,
-- so generated_data's rows still point at their runs.
CREATE TABLE generation_runs_v4 (
    id INTEGER PRIMARY KEY,
    schema_id INTEGER NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seed TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'finished', 'failed', 'cancelled')),
    row_counts TEXT NOT NULL DEFAULT '{}',
    target TEXT NOT NULL DEFAULT 'storage',
    bytes INTEGER NOT NULL DEFAULT 0,
    request TEXT,
    rows_done INTEGER NOT NULL DEFAULT 0,
    rows_total INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    heartbeat TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
    error TEXT NOT NULL DEFAULT ''
)
;
INSERT INTO generation_runs_v4 (id, schema_id, user_id, seed, started, finished, status, row_counts, target, bytes)
    SELECT id, schema_id, user_id, seed, started, finished, status, row_counts, target, bytes FROM generation_runs
;
DROP TABLE generation_runs
;
ALTER TABLE generation_runs_v4 RENAME TO generation_runs
;
CREATE INDEX generation_runs_schema ON generation_runs (schema_id)
;
CREATE INDEX generation_runs_user ON generation_runs (user_id)
;
CREATE INDEX generation_runs_queued ON generation_runs (id) WHERE status = 'queued'
