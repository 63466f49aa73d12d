-- 0013: appointment reminders. reminder_pref is the person's own choice
-- (no row: by e-mail the day before at 18:00, with the minimal words);
-- appointment_reminder remembers each reminder queued in the outbox (its
-- message is about 'appointment:ID'), in the same transaction, so a
-- reminder is queued once however often the job that plans them runs.
-- A change of time forgets them (new ones are planned); a cancel cancels
-- the queued message.

CREATE TABLE reminder_pref (
	person_id TEXT PRIMARY KEY REFERENCES person (id),
	channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'none')),
	day_before TEXT,                     -- local HH:MM the day before; NULL: not then
	hours_before INTEGER CHECK (hours_before IS NULL OR hours_before BETWEEN 1 AND 24),
	detail TEXT NOT NULL CHECK (detail IN ('minimal', 'full')),
	updated_us INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE appointment_reminder (
	person_id TEXT NOT NULL,
	appointment_id TEXT NOT NULL,
	slot TEXT NOT NULL CHECK (slot IN ('day_before', 'hours_before')),
	queued_us INTEGER NOT NULL,
	PRIMARY KEY (person_id, appointment_id, slot)
) WITHOUT ROWID;

-- The appointments still ahead, by when: what the reminder job looks at.
CREATE INDEX appointment_open_when ON appointment (starts_us)
	WHERE status IN ('planned', 'confirmed');
