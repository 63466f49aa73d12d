-- 0026: peer groups (see the SQLite migration of the same number for what
-- each table holds).

CREATE TABLE peer_group (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES organisation (id),
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL,
	weekday BIGINT NOT NULL CHECK (weekday BETWEEN 0 AND 6),
	at_time TEXT NOT NULL,
	minutes BIGINT NOT NULL CHECK (minutes BETWEEN 15 AND 480),
	time_zone TEXT NOT NULL,
	starts_on TEXT NOT NULL,
	ends_on TEXT,
	place TEXT,
	video_url TEXT,
	facilitator_id TEXT NOT NULL REFERENCES user_account (id),
	is_open BIGINT NOT NULL DEFAULT 1 CHECK (is_open IN (0, 1)),
	created_by TEXT NOT NULL,
	created_us BIGINT NOT NULL,
	updated_us BIGINT NOT NULL,
	CHECK (place IS NOT NULL OR video_url IS NOT NULL)
);
CREATE INDEX peer_group_org ON peer_group (org_id);

CREATE TABLE peer_group_member (
	person_id TEXT NOT NULL REFERENCES person (id),
	group_id TEXT NOT NULL REFERENCES peer_group (id),
	joined_us BIGINT NOT NULL,
	PRIMARY KEY (person_id, group_id)
);
CREATE INDEX peer_group_member_group ON peer_group_member (group_id);

CREATE TABLE peer_group_attendance (
	person_id TEXT NOT NULL REFERENCES person (id),
	group_id TEXT NOT NULL REFERENCES peer_group (id),
	session_on TEXT NOT NULL,
	marked_by TEXT NOT NULL,
	marked_us BIGINT NOT NULL,
	PRIMARY KEY (person_id, group_id, session_on)
);
CREATE INDEX peer_group_attendance_session ON peer_group_attendance (group_id, session_on);

CREATE TABLE peer_group_note (
	group_id TEXT NOT NULL REFERENCES peer_group (id),
	session_on TEXT NOT NULL,
	body TEXT NOT NULL,
	written_by TEXT NOT NULL,
	written_us BIGINT NOT NULL,
	PRIMARY KEY (group_id, session_on)
);

CREATE TABLE suggestion_dismissed (
	person_id TEXT NOT NULL REFERENCES person (id),
	source TEXT NOT NULL,
	item_id TEXT NOT NULL,
	dismissed_us BIGINT NOT NULL,
	PRIMARY KEY (person_id, source, item_id)
);
