-- Version 4: a run is a job. It can wait in a queue ('queued') with the request that describes it (JSON,
-- a database target's password never included), shows its progress, and names the instance that claimed
-- it and when that instance last showed it was alive, so any instance sharing the storage can answer for
-- it and a run whose instance died is failed instead of staying "running" for ever.
ALTER TABLE generation_runs DROP CONSTRAINT IF EXISTS generation_runs_status_check
;
ALTER TABLE generation_runs ADD CONSTRAINT generation_runs_status_check
    CHECK (status IN ('queued', 'running', 'finished', 'failed', 'cancelled'))
;
ALTER TABLE generation_runs ADD COLUMN request jsonb
;
ALTER TABLE generation_runs ADD COLUMN rows_done bigint NOT NULL DEFAULT 0
;
ALTER TABLE generation_runs ADD COLUMN rows_total bigint NOT NULL DEFAULT 0
;
ALTER TABLE generation_runs ADD COLUMN claimed_by text
;
ALTER TABLE generation_runs ADD COLUMN heartbeat timestamptz
;
ALTER TABLE generation_runs ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false
;
ALTER TABLE generation_runs ADD COLUMN error text NOT NULL DEFAULT ''
;
-- The queue is read oldest first by every worker; only waiting runs are indexed.
CREATE INDEX generation_runs_queued ON generation_runs (id) WHERE status = 'queued'
