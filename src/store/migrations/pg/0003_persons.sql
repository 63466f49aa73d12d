-- 0003: persons in recovery, their care network, consent, emergency access,
-- journal notes and the access log ("who looked at my record").
-- Every person-scoped table carries person_id first in its key, so a
-- sharded PostgreSQL can distribute them by person.

CREATE TABLE person (
	id TEXT PRIMARY KEY,
	display_name TEXT NOT NULL,          -- a name or a chosen pseudonym
	name_key TEXT NOT NULL,              -- case-folded, for search (core/person.c)
	name_sort TEXT NOT NULL,             -- collation key (hex), for order
	preferred_name TEXT,
	pronouns TEXT,
	birth_date TEXT,                     -- YYYY-MM-DD
	phone TEXT,
	email TEXT,
	address TEXT,
	lang TEXT CHECK (lang IS NULL OR lang IN ('en', 'nl', 'da')),
	national_id TEXT,                    -- optional; shown masked, found only by exact match
	time_zone TEXT NOT NULL,
	home_org_id TEXT NOT NULL REFERENCES organisation (id),
	about_me TEXT,                       -- in the person's own words
	about_me_lang TEXT,
	user_id TEXT REFERENCES user_account (id),
	created_us BIGINT NOT NULL,
	updated_us BIGINT NOT NULL,
	version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX person_sort ON person (name_sort, id);
CREATE INDEX person_key ON person (name_key, id);
CREATE UNIQUE INDEX person_user ON person (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX person_national_id ON person (national_id) WHERE national_id IS NOT NULL;

CREATE TABLE network_member (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	user_id TEXT REFERENCES user_account (id),
	org_id TEXT REFERENCES organisation (id),
	role TEXT NOT NULL CHECK (role IN ('coordinator', 'professional', 'peer_worker',
		'volunteer', 'family', 'supporter')),
	name TEXT,                           -- for people without an account
	contact TEXT,                        -- how to reach them
	from_date TEXT NOT NULL,
	until_date TEXT,                     -- NULL: still in the network
	created_us BIGINT NOT NULL,
	created_by TEXT,
	PRIMARY KEY (person_id, id)
);
CREATE INDEX network_member_user ON network_member (user_id, person_id);

CREATE TABLE consent (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	recipient_org_id TEXT REFERENCES organisation (id),
	recipient_member_id TEXT,            -- a network member (family, a volunteer)
	category TEXT NOT NULL CHECK (category IN ('basic', 'plan', 'appointments', 'notes',
		'questionnaires', 'substance')),
	granted BIGINT NOT NULL CHECK (granted IN (0, 1)),
	purpose TEXT,
	until_date TEXT,                     -- last day it holds, or NULL
	version BIGINT NOT NULL,
	updated_us BIGINT NOT NULL,
	updated_by TEXT,
	PRIMARY KEY (person_id, id),
	CHECK ((recipient_org_id IS NULL) != (recipient_member_id IS NULL))
);
CREATE UNIQUE INDEX consent_recipient ON consent (person_id, coalesce(recipient_org_id, ''),
	coalesce(recipient_member_id, ''), category);

-- Every version of every consent, as the person can see it.
CREATE TABLE consent_history (
	person_id TEXT NOT NULL,
	consent_id TEXT NOT NULL,
	version BIGINT NOT NULL,
	granted BIGINT NOT NULL,
	purpose TEXT,
	until_date TEXT,
	changed_us BIGINT NOT NULL,
	changed_by TEXT,
	PRIMARY KEY (person_id, consent_id, version)
);

CREATE TABLE emergency_access (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	user_id TEXT NOT NULL REFERENCES user_account (id),
	org_id TEXT NOT NULL REFERENCES organisation (id),
	reason TEXT NOT NULL,
	started_us BIGINT NOT NULL,
	expires_us BIGINT NOT NULL,
	PRIMARY KEY (person_id, id)
);
CREATE INDEX emergency_user ON emergency_access (user_id, person_id, expires_us);

CREATE TABLE note (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	author_id TEXT NOT NULL REFERENCES user_account (id),
	author_org_id TEXT REFERENCES organisation (id),
	body TEXT NOT NULL,
	body_lang TEXT,
	restricted BIGINT NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	restricted_reason TEXT,
	created_us BIGINT NOT NULL,
	PRIMARY KEY (person_id, id),
	CHECK (restricted = 0 OR restricted_reason IS NOT NULL)
);
CREATE INDEX note_time ON note (person_id, created_us);

-- Who read or changed a person's data: everyone but the person.
CREATE TABLE access_log (
	person_id TEXT NOT NULL REFERENCES person (id),
	at_us BIGINT NOT NULL,
	id TEXT NOT NULL,
	actor_id TEXT NOT NULL,
	actor_org_id TEXT,
	what TEXT NOT NULL,                  -- a category, or 'list'
	action TEXT NOT NULL CHECK (action IN ('read', 'write', 'list')),
	why TEXT NOT NULL CHECK (why IN ('duty', 'consent', 'emergency')),
	day TEXT NOT NULL,                   -- UTC date, for one 'list' entry a day
	PRIMARY KEY (person_id, at_us, id)
);
CREATE UNIQUE INDEX access_log_list_day ON access_log (person_id, actor_id, what, day)
	WHERE action = 'list';
