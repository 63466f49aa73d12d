-- 0007: background work (src/jobs/). One row per job: queued until its
-- run_at_us, then claimed by one process's runner under a lease
-- (claimed_by, claimed_until_us), then done or failed. A running job whose
-- lease ran out (its process died) is claimed again. once_key, while the
-- job is queued or running, keeps a second one of the same from being
-- queued (the daily housekeeping); it is cleared when the job ends.
-- Number 0006 is left to another change.

CREATE TABLE job (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	payload TEXT NOT NULL,
	once_key TEXT UNIQUE,
	state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
	run_at_us BIGINT NOT NULL,
	attempts BIGINT NOT NULL,
	last_error TEXT,
	claimed_by TEXT,
	claimed_until_us BIGINT,
	created_us BIGINT NOT NULL,
	finished_us BIGINT
);
CREATE INDEX job_due ON job (state, run_at_us);
