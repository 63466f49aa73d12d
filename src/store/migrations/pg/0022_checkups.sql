-- 0022: recovery check-ups (see the SQLite migration of the same number for
-- what each table holds).
CREATE TABLE checkup_plan (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	starts_on TEXT NOT NULL,
	every_months BIGINT NOT NULL DEFAULT 3 CHECK (every_months BETWEEN 1 AND 12),
	for_months BIGINT NOT NULL DEFAULT 24 CHECK (for_months BETWEEN 24 AND 120),
	questionnaires TEXT NOT NULL DEFAULT 'who-5 barc-10',
	with_member_id TEXT,
	at_time TEXT NOT NULL DEFAULT '10:00',
	minutes BIGINT NOT NULL DEFAULT 45 CHECK (minutes BETWEEN 5 AND 240),
	time_zone TEXT NOT NULL,
	pathway_id TEXT,
	created_by TEXT,
	created_us BIGINT NOT NULL,
	stopped_us BIGINT,
	stopped_by TEXT,
	PRIMARY KEY (person_id, id)
);
CREATE UNIQUE INDEX checkup_plan_in_force ON checkup_plan (person_id)
	WHERE stopped_us IS NULL;

CREATE TABLE checkup (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	plan_id TEXT NOT NULL,
	seq BIGINT NOT NULL CHECK (seq >= 1),
	due_on TEXT NOT NULL,
	due_us BIGINT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('due', 'done', 'missed', 'cancelled')),
	status_us BIGINT NOT NULL,
	appointment_id TEXT,
	reminded_us BIGINT,
	done_us BIGINT,
	done_by TEXT,
	PRIMARY KEY (person_id, id),
	UNIQUE (person_id, plan_id, seq),
	FOREIGN KEY (person_id, plan_id) REFERENCES checkup_plan (person_id, id)
);
CREATE INDEX checkup_open ON checkup (status, due_us);
CREATE INDEX checkup_missed ON checkup (reminded_us) WHERE status = 'missed';
