-- 0014: someone to come along to an appointment (a volunteer bridge
-- builder). The person, or their team with them, asks a volunteer
-- organisation (to_org_id) for company to one appointment. Its volunteers
-- see an open request with only what the job needs (the person's first
-- name, when, the area, the kind of appointment, the language); the one
-- who accepts it (volunteer_id) then sees where to meet and what the
-- person chose to share (share_place: the appointment's address;
-- share_phone: their phone number), and says how it went. A request is
-- part of the appointment, in the consent category "appointments".
-- At most one live (open or accepted) request per appointment.

CREATE TABLE accompaniment (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	appointment_id TEXT NOT NULL,
	to_org_id TEXT NOT NULL REFERENCES organisation (id),
	area TEXT NOT NULL,                  -- roughly where ("Nørrebro"), shown to all
	meet_at TEXT,                        -- where to meet, shown once accepted
	lang TEXT NOT NULL,                  -- the language to speak
	share_place INTEGER NOT NULL DEFAULT 0 CHECK (share_place IN (0, 1)),
	share_phone INTEGER NOT NULL DEFAULT 0 CHECK (share_phone IN (0, 1)),
	status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'reported', 'withdrawn')),
	volunteer_id TEXT REFERENCES user_account (id),
	outcome TEXT CHECK (outcome IS NULL OR outcome IN ('went_together', 'no_show',
		'cancelled', 'other')),
	outcome_note TEXT,
	asked_by TEXT,
	asked_by_org TEXT REFERENCES organisation (id),
	asked_us INTEGER NOT NULL,
	accepted_us INTEGER,
	accepted_starts_us INTEGER,          -- the appointment's time when accepted
	done_us INTEGER,                     -- reported or withdrawn
	done_by TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (person_id, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX accompaniment_id ON accompaniment (id);
CREATE UNIQUE INDEX accompaniment_live ON accompaniment (appointment_id)
	WHERE status IN ('open', 'accepted');
CREATE INDEX accompaniment_open ON accompaniment (to_org_id) WHERE status = 'open';
CREATE INDEX accompaniment_volunteer ON accompaniment (volunteer_id)
	WHERE volunteer_id IS NOT NULL;
CREATE INDEX accompaniment_asked_by ON accompaniment (asked_by) WHERE status = 'open';

-- The caseload's flags (store_appointment_flags()): from the user's own
-- persons, each probed by index, not from every missed appointment there
-- is (0010's index led there, and is no longer needed).
DROP INDEX appointment_missed;
CREATE INDEX network_member_coordinator ON network_member (user_id, person_id, until_date)
	WHERE role = 'coordinator';
CREATE INDEX appointment_missed_person ON appointment (person_id, status_us)
	WHERE status = 'missed';
CREATE INDEX appointment_missed_by ON appointment (created_by, status_us)
	WHERE status = 'missed';

-- A change counter for the caseload's appointment flags, as policy_change
-- (0005) is for the door's facts: every change to appointment or
-- accompaniment counts it up in the same transaction, by trigger, and a
-- process may reuse the flags it read while this counter and
-- policy_change stand still (store/flagcache.c).
CREATE TABLE appointment_change (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n INTEGER NOT NULL
);
CREATE TRIGGER appointment_changed_ins AFTER INSERT ON appointment BEGIN
	INSERT INTO appointment_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER appointment_changed_upd AFTER UPDATE ON appointment BEGIN
	INSERT INTO appointment_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER appointment_changed_del AFTER DELETE ON appointment BEGIN
	INSERT INTO appointment_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER accompaniment_changed_ins AFTER INSERT ON accompaniment BEGIN
	INSERT INTO appointment_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER accompaniment_changed_upd AFTER UPDATE ON accompaniment BEGIN
	INSERT INTO appointment_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER accompaniment_changed_del AFTER DELETE ON accompaniment BEGIN
	INSERT INTO appointment_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
