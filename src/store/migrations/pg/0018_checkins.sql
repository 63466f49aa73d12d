-- 0018: check-ins by the person (consent category 'questionnaires':
-- "check-ins and questionnaires"). Only the person writes them. day is
-- the person's local date when they checked in (streaks and weeks count
-- calendar days where the person lives); use_since is any use of alcohol
-- or drugs since the last check-in, NULL when they chose not to say.
-- line is one short free line (at most 200 characters, checked in C).

CREATE TABLE checkin (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	day TEXT NOT NULL,
	at_us BIGINT NOT NULL,
	mood BIGINT NOT NULL CHECK (mood BETWEEN 1 AND 5),
	craving BIGINT NOT NULL CHECK (craving BETWEEN 0 AND 10),
	use_since TEXT CHECK (use_since IS NULL OR use_since IN ('none', 'little', 'lot')),
	sleep BIGINT NOT NULL CHECK (sleep BETWEEN 1 AND 5),
	supported BIGINT NOT NULL CHECK (supported BETWEEN 1 AND 5),
	line TEXT,
	created_by TEXT NOT NULL REFERENCES user_account (id),
	PRIMARY KEY (person_id, id)
);
-- Newest first per person (the page, the API's pages, the trends and the
-- last check-in of many persons at once).
-- It holds what the trends read (mood, craving, use), so a page of
-- sparklines reads the index alone.
CREATE INDEX checkin_newest ON checkin (person_id, day DESC, at_us DESC, mood, craving,
	use_since);

-- The person's rhythm and reminder. No row: no rhythm, no reminder.
-- every_days: 0 no rhythm chosen, 1 daily, 2, 3, 7 weekly. remind_at is
-- the local time of day of the reminder (kept while it is off); channel
-- as reminder_pref's (to the e-mail address or phone of the record).
-- reminded_day: the local day of the last reminder, so each due period
-- gets one.
CREATE TABLE checkin_pref (
	person_id TEXT PRIMARY KEY REFERENCES person (id),
	every_days BIGINT NOT NULL CHECK (every_days IN (0, 1, 2, 3, 7)),
	remind BIGINT NOT NULL CHECK (remind IN (0, 1)),
	remind_at TEXT NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'none')),
	reminded_day TEXT,
	updated_us BIGINT NOT NULL
);
-- The reminder job looks only at persons who asked for one.
CREATE INDEX checkin_pref_remind ON checkin_pref (remind, every_days);

-- Check-ins draw the caseload's trend: count their changes for its cache.
CREATE TRIGGER checkin_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON checkin FOR EACH STATEMENT EXECUTE FUNCTION appointment_changed();
