-- 0012: private calendar feeds (iCalendar), one or more per user: a long
-- random token in the feed's address, stored only as its hash, revocable.
-- A staff member's feed reads for the organisation they acted for when
-- they made it (org_id), like an API token. detail: what the feed may say
-- of each appointment ('minimal': that there is one, and when; 'full':
-- what, where, with whom), the owner's choice.

CREATE TABLE calendar_feed (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES user_account (id),
	org_id TEXT REFERENCES organisation (id),
	token_hash TEXT NOT NULL,
	detail TEXT NOT NULL CHECK (detail IN ('minimal', 'full')),
	created_us BIGINT NOT NULL,
	last_used_us BIGINT,
	revoked_us BIGINT
);
CREATE UNIQUE INDEX calendar_feed_hash ON calendar_feed (token_hash);
CREATE INDEX calendar_feed_user ON calendar_feed (user_id, created_us);
-- The appointments a staff member's feed shows: those they made.
CREATE INDEX appointment_created_by ON appointment (created_by, starts_us);
