-- 0022: recovery check-ups (Recovery Management Checkups, Scott & Dennis
-- 2009). checkup_plan is a person's plan of check-ups after treatment:
-- from starts_on, every every_months months for for_months months (at
-- least two years), each a set of questionnaires (codes, separated by
-- spaces) and a conversation with a member of the network (a coordinator
-- or peer worker) at at_time local time in time_zone. One plan in force
-- per person (a partial unique index); a stopped plan is kept.
-- pathway_id: the pathway whose aftercare began it, if one did.
-- checkup is one check-up of a plan: due on due_on (due_us: its
-- conversation's start), its status, the appointment booked for its
-- conversation, when the person was reminded after missing it, and when
-- and by whom it was recorded done.

CREATE TABLE checkup_plan (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	starts_on TEXT NOT NULL,
	every_months INTEGER NOT NULL DEFAULT 3 CHECK (every_months BETWEEN 1 AND 12),
	for_months INTEGER NOT NULL DEFAULT 24 CHECK (for_months BETWEEN 24 AND 120),
	questionnaires TEXT NOT NULL DEFAULT 'who-5 barc-10',
	with_member_id TEXT,
	at_time TEXT NOT NULL DEFAULT '10:00',
	minutes INTEGER NOT NULL DEFAULT 45 CHECK (minutes BETWEEN 5 AND 240),
	time_zone TEXT NOT NULL,
	pathway_id TEXT,
	created_by TEXT,
	created_us INTEGER NOT NULL,
	stopped_us INTEGER,
	stopped_by TEXT,
	PRIMARY KEY (person_id, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX checkup_plan_in_force ON checkup_plan (person_id)
	WHERE stopped_us IS NULL;

CREATE TABLE checkup (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	plan_id TEXT NOT NULL,
	seq INTEGER NOT NULL CHECK (seq >= 1),
	due_on TEXT NOT NULL,
	due_us INTEGER NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('due', 'done', 'missed', 'cancelled')),
	status_us INTEGER NOT NULL,
	appointment_id TEXT,
	reminded_us INTEGER,
	done_us INTEGER,
	done_by TEXT,
	PRIMARY KEY (person_id, id),
	UNIQUE (person_id, plan_id, seq),
	FOREIGN KEY (person_id, plan_id) REFERENCES checkup_plan (person_id, id)
) WITHOUT ROWID;
CREATE INDEX checkup_open ON checkup (status, due_us);
CREATE INDEX checkup_missed ON checkup (reminded_us) WHERE status = 'missed';
