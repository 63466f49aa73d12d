-- 0010: appointments for a person (consent category "appointments"). When
-- is an instant in UTC (starts_us) with the time zone it was made in
-- (time_zone, where it happens), so a weekly series keeps its local hour
-- across a change of clocks and every viewer sees it in their own zone.
-- With whom: a member of the person's network, a service in the directory,
-- an organisation, or just a name; any of them, or none. Where: an address
-- or a video link. Every change is an appointment_event, and the history
-- stays. move_asked is the person's request to move it (the status does
-- not change until someone moves it). Every row carries person_id first
-- in its key.

CREATE TABLE appointment (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	title TEXT NOT NULL,                 -- what it is, in plain words
	title_lang TEXT,
	kind TEXT NOT NULL CHECK (kind IN ('treatment', 'health', 'social', 'housing',
		'work', 'peer', 'other')),
	starts_us BIGINT NOT NULL,
	minutes BIGINT NOT NULL CHECK (minutes BETWEEN 5 AND 720),
	time_zone TEXT NOT NULL,
	place TEXT,                          -- an address
	video_url TEXT,                      -- https only
	bring TEXT,                          -- what to bring
	with_member_id TEXT,                 -- network_member.id
	with_service_id TEXT REFERENCES service (id),
	with_org_id TEXT REFERENCES organisation (id),
	with_name TEXT,
	goal_id TEXT,
	step_id TEXT,
	referral_id TEXT,
	series_id TEXT,                      -- the appointments made together as a series
	status TEXT NOT NULL CHECK (status IN ('planned', 'confirmed', 'done', 'missed',
		'cancelled')),
	status_us BIGINT NOT NULL,
	status_by TEXT,
	cancel_reason TEXT,
	move_asked BIGINT NOT NULL DEFAULT 0 CHECK (move_asked IN (0, 1)),
	move_note TEXT,
	created_by TEXT,
	created_by_org TEXT REFERENCES organisation (id),
	created_us BIGINT NOT NULL,
	version BIGINT NOT NULL DEFAULT 1,
	PRIMARY KEY (person_id, id)
);
CREATE INDEX appointment_when ON appointment (person_id, starts_us);
CREATE UNIQUE INDEX appointment_id ON appointment (id);
CREATE INDEX appointment_missed ON appointment (status, status_us) WHERE status = 'missed';
CREATE INDEX appointment_referral ON appointment (person_id, referral_id)
	WHERE referral_id IS NOT NULL;

CREATE TABLE appointment_event (
	person_id TEXT NOT NULL,
	appointment_id TEXT NOT NULL,
	seq BIGINT NOT NULL,
	at_us BIGINT NOT NULL,
	what TEXT NOT NULL CHECK (what IN ('created', 'changed', 'planned', 'confirmed',
		'move_asked', 'done', 'missed', 'cancelled')),
	detail TEXT,                         -- what changed, or why
	by_user TEXT,
	by_org TEXT,
	PRIMARY KEY (person_id, appointment_id, seq)
);
