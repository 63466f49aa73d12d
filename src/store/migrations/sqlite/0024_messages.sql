-- 0024: messages between a person and their network (src/store/messages.c).
-- A thread belongs to one person; its participants are the person (member_id
-- NULL) and members of the person's network, each through the network row
-- they were in when the thread began (member_id): a member who leaves the
-- network loses the thread, old messages too. Messages are numbered within
-- their thread (seq, from 1); last_seq is the newest, and each participant's
-- read_seq the last one they have read, so an unread count is a subtraction.
-- The words are in the "notes" consent category (the door decides).

CREATE TABLE message_thread (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	subject TEXT NOT NULL,
	started_by TEXT NOT NULL REFERENCES user_account (id),
	created_us INTEGER NOT NULL,
	last_us INTEGER NOT NULL,
	last_seq INTEGER NOT NULL CHECK (last_seq >= 1),
	PRIMARY KEY (person_id, id)
) WITHOUT ROWID;
CREATE INDEX message_thread_last ON message_thread (person_id, last_us);

CREATE TABLE message_participant (
	person_id TEXT NOT NULL,
	thread_id TEXT NOT NULL,
	user_id TEXT NOT NULL REFERENCES user_account (id),
	member_id TEXT,
	read_seq INTEGER NOT NULL CHECK (read_seq >= 0),
	PRIMARY KEY (person_id, thread_id, user_id),
	FOREIGN KEY (person_id, thread_id) REFERENCES message_thread (person_id, id),
	FOREIGN KEY (person_id, member_id) REFERENCES network_member (person_id, id)
) WITHOUT ROWID;
CREATE INDEX message_participant_user ON message_participant (user_id, person_id);

CREATE TABLE message (
	person_id TEXT NOT NULL,
	thread_id TEXT NOT NULL,
	seq INTEGER NOT NULL CHECK (seq >= 1),
	id TEXT NOT NULL,
	author_id TEXT NOT NULL REFERENCES user_account (id),
	author_org_id TEXT REFERENCES organisation (id),
	body TEXT NOT NULL,
	created_us INTEGER NOT NULL,
	PRIMARY KEY (person_id, thread_id, seq),
	FOREIGN KEY (person_id, thread_id) REFERENCES message_thread (person_id, id)
) WITHOUT ROWID;
