-- 0023: the self-help meeting finder. meeting is one weekly mutual-help
-- meeting (AA, NA, ...) from a feed in the Meeting Guide JSON format,
-- public listing data: no person's name is ever kept (the format's
-- contact_N_* fields are not read). source names the feed it came from;
-- slug is the feed's own key, so a re-import of the same source updates
-- by slug and removes what the feed no longer lists (import_id: the import
-- that last listed it). days: bit d set for day d (0 Sunday ... 6
-- Saturday); start_time and end_time "HH:MM" local time in time_zone (an
-- IANA name); types: the feed's codes with a space before and after each
-- (" O D EN "), so a code is found with LIKE '% EN %'; online: 1 when the
-- meeting has a video link or the type ONL; place: the address words,
-- lower-case, for the place search; fingerprint: what was imported, to
-- tell an unchanged meeting from an updated one.
-- meeting_favourite is a person's own choice of meetings, part of their
-- plan (consent category "plan").

CREATE TABLE meeting (
	id TEXT PRIMARY KEY,
	source TEXT NOT NULL,
	slug TEXT NOT NULL,
	name TEXT NOT NULL,
	days BIGINT NOT NULL DEFAULT 0 CHECK (days BETWEEN 0 AND 127),
	start_time TEXT,
	end_time TEXT,
	time_zone TEXT NOT NULL,
	types TEXT NOT NULL DEFAULT '',
	location TEXT,
	address TEXT,
	city TEXT,
	postal_code TEXT,
	country TEXT,
	formatted_address TEXT,
	region TEXT,
	latitude DOUBLE PRECISION,
	longitude DOUBLE PRECISION,
	conference_url TEXT,
	conference_url_notes TEXT,
	conference_phone TEXT,
	conference_phone_notes TEXT,
	online BIGINT NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
	notes TEXT,
	location_notes TEXT,
	updated TEXT,
	place TEXT NOT NULL DEFAULT '',
	fingerprint TEXT NOT NULL,
	created_us BIGINT NOT NULL,
	updated_us BIGINT NOT NULL,
	import_id TEXT NOT NULL,
	UNIQUE (source, slug)
);
CREATE INDEX meeting_name ON meeting (name, id);

CREATE TABLE meeting_favourite (
	person_id TEXT NOT NULL REFERENCES person (id),
	meeting_id TEXT NOT NULL REFERENCES meeting (id),
	created_us BIGINT NOT NULL,
	PRIMARY KEY (person_id, meeting_id)
);
CREATE INDEX meeting_favourite_meeting ON meeting_favourite (meeting_id);
