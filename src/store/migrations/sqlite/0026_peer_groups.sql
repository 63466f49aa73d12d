-- 0026: peer groups run by an organisation, and the suggestions a person
-- dismissed.
-- peer_group: a group's name, short description, language (a code: da, nl,
-- ar, en, ...), its weekly meeting (weekday 0 = Monday ... 6 = Sunday, at
-- at_time local time in time_zone, the organisation's, for minutes), from
-- starts_on until ends_on (NULL: no end), where (place: an address) or a
-- video link (one of them at least), its facilitator (a staff account of
-- the organisation) and whether it is open to new members (is_open 0/1).
-- The group itself is not person data.
-- peer_group_member: who joined, by their own choice (only the person
-- writes these rows). Person data, in the "appointments" consent category.
-- Leaving deletes the row; attendance stays (it is the person's history).
-- peer_group_attendance: who came to the session on session_on, marked by
-- the facilitator. Person data, "appointments".
-- peer_group_note: the facilitator's note of a session, WITHOUT personal
-- details (the form says so): not person data, never linked to persons.

CREATE TABLE peer_group (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES organisation (id),
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL,
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
	at_time TEXT NOT NULL,
	minutes INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 480),
	time_zone TEXT NOT NULL,
	starts_on TEXT NOT NULL,
	ends_on TEXT,
	place TEXT,
	video_url TEXT,
	facilitator_id TEXT NOT NULL REFERENCES user_account (id),
	is_open INTEGER NOT NULL DEFAULT 1 CHECK (is_open IN (0, 1)),
	created_by TEXT NOT NULL,
	created_us INTEGER NOT NULL,
	updated_us INTEGER NOT NULL,
	CHECK (place IS NOT NULL OR video_url IS NOT NULL)
);
CREATE INDEX peer_group_org ON peer_group (org_id);

CREATE TABLE peer_group_member (
	person_id TEXT NOT NULL REFERENCES person (id),
	group_id TEXT NOT NULL REFERENCES peer_group (id),
	joined_us INTEGER NOT NULL,
	PRIMARY KEY (person_id, group_id)
) WITHOUT ROWID;
CREATE INDEX peer_group_member_group ON peer_group_member (group_id);

CREATE TABLE peer_group_attendance (
	person_id TEXT NOT NULL REFERENCES person (id),
	group_id TEXT NOT NULL REFERENCES peer_group (id),
	session_on TEXT NOT NULL,
	marked_by TEXT NOT NULL,
	marked_us INTEGER NOT NULL,
	PRIMARY KEY (person_id, group_id, session_on)
) WITHOUT ROWID;
CREATE INDEX peer_group_attendance_session ON peer_group_attendance (group_id, session_on);

CREATE TABLE peer_group_note (
	group_id TEXT NOT NULL REFERENCES peer_group (id),
	session_on TEXT NOT NULL,
	body TEXT NOT NULL,
	written_by TEXT NOT NULL,
	written_us INTEGER NOT NULL,
	PRIMARY KEY (group_id, session_on)
) WITHOUT ROWID;

-- suggestion_dismissed: a suggestion the person said is not for them
-- (source: 'group', 'service', ...; item_id: the group's or service's
-- id), so it stays away. The person's own data, shown to nobody else.
CREATE TABLE suggestion_dismissed (
	person_id TEXT NOT NULL REFERENCES person (id),
	source TEXT NOT NULL,
	item_id TEXT NOT NULL,
	dismissed_us INTEGER NOT NULL,
	PRIMARY KEY (person_id, source, item_id)
) WITHOUT ROWID;
