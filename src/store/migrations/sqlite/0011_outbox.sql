-- 0011: the outbox (src/store/outbox.c, src/jobs/outbox.c). One row per
-- message to a person (or to an admin: person_id NULL), queued in the same
-- transaction as what causes it (about: 'appointment:ID' and the like, so
-- a cancelled cause cancels its messages). The sender claims one due
-- message at a time ('queued' → 'sending', durably, before it talks to the
-- mail server), then: 'sent'; 'queued' again with send_at_us moved on
-- after a failure where nothing was accepted; 'failed' for good. A message
-- found 'sending' after its claim ran out (its process died mid-send) may
-- have arrived: it becomes 'unsure' and is never sent again by itself.
-- sent_us is when it left the queue: sent, failed or cancelled.
-- Number 0010 is left to another change.

CREATE TABLE outbox (
	id TEXT PRIMARY KEY,
	person_id TEXT REFERENCES person (id),
	about TEXT,
	channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
	recipient TEXT NOT NULL,
	subject TEXT,
	body TEXT NOT NULL,
	lang TEXT,
	state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed',
	    'cancelled', 'unsure')),
	send_at_us INTEGER NOT NULL,
	attempts INTEGER NOT NULL,
	last_error TEXT,
	claimed_by TEXT,
	claimed_until_us INTEGER,
	created_us INTEGER NOT NULL,
	sent_us INTEGER
) WITHOUT ROWID;
CREATE INDEX outbox_due ON outbox (state, send_at_us);
CREATE INDEX outbox_about ON outbox (about, state) WHERE about IS NOT NULL;
