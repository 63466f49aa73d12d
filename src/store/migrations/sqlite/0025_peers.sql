-- 0025: Peer workers, matching and coaching (src/store/peers.c).
-- peer_profile is what a peer worker chooses to share, per organisation
-- they are a peer worker for: their lived experience in their own words,
-- languages, substances and weekdays as bit masks over the fixed lists in
-- core/peer.h, gender as they state it (NULL: not stated), an age band
-- (never a birth date), areas as municipality or city names separated by
-- commas, and whether they take new people and meet by video.
-- peer_preference is what a person says matters in a peer (their data, in
-- the "plan" consent category; the substance only with "substance").
-- peer_exclusion is a peer the person never wants suggested again.
-- coaching_note is a session the peer worker logged (the "notes" consent
-- category), by the network place they wrote it through.

CREATE TABLE peer_profile (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES user_account (id),
	org_id TEXT NOT NULL REFERENCES organisation (id),
	story TEXT NOT NULL,
	langs INTEGER NOT NULL CHECK (langs >= 0),
	substances INTEGER NOT NULL CHECK (substances >= 0),
	gender TEXT CHECK (gender IN ('woman', 'man', 'nonbinary')),
	age_band TEXT CHECK (age_band IN ('18-29', '30-44', '45-59', '60+')),
	areas TEXT NOT NULL,
	days INTEGER NOT NULL CHECK (days >= 0 AND days <= 127),
	times INTEGER NOT NULL CHECK (times >= 0 AND times <= 3),
	taking_new INTEGER NOT NULL CHECK (taking_new IN (0, 1)),
	video INTEGER NOT NULL CHECK (video IN (0, 1)),
	updated_us INTEGER NOT NULL,
	UNIQUE (user_id, org_id)
);
-- Those taking new people, for matching.
CREATE INDEX peer_profile_new ON peer_profile (taking_new, org_id);

CREATE TABLE peer_preference (
	person_id TEXT NOT NULL PRIMARY KEY REFERENCES person (id),
	langs INTEGER NOT NULL CHECK (langs >= 0),
	gender TEXT CHECK (gender IN ('woman', 'man', 'nonbinary')),
	substance TEXT CHECK (substance IN ('alcohol', 'cannabis', 'opioids', 'stimulants',
		'sedatives', 'other')),
	age_band TEXT CHECK (age_band IN ('18-29', '30-44', '45-59', '60+')),
	area TEXT,
	days INTEGER NOT NULL CHECK (days >= 0 AND days <= 127),
	times INTEGER NOT NULL CHECK (times >= 0 AND times <= 3),
	video INTEGER NOT NULL CHECK (video IN (0, 1)),
	updated_us INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE peer_exclusion (
	person_id TEXT NOT NULL REFERENCES person (id),
	profile_id TEXT NOT NULL REFERENCES peer_profile (id),
	created_us INTEGER NOT NULL,
	PRIMARY KEY (person_id, profile_id)
) WITHOUT ROWID;

CREATE TABLE coaching_note (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	member_id TEXT NOT NULL,
	author_id TEXT NOT NULL REFERENCES user_account (id),
	org_id TEXT NOT NULL REFERENCES organisation (id),
	day TEXT NOT NULL,
	minutes INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 480),
	text TEXT NOT NULL,
	created_us INTEGER NOT NULL,
	PRIMARY KEY (person_id, id),
	FOREIGN KEY (person_id, member_id) REFERENCES network_member (person_id, id)
) WITHOUT ROWID;
CREATE INDEX coaching_note_day ON coaching_note (person_id, day);
