-- 0031: what the programme outcome reports count, kept per person
-- (store/outcomes.c), so that a report reads one run of rows in order,
-- kept for the organisation, instead of working out, for every report,
-- who may be counted, and each person's scores and lapses from all their
-- answers and check-ins, one lookup at a time.
--
-- A write to what these rows are made from marks the person in
-- outcome_dirty (by the triggers below, in any process); a report, and
-- the "outcomes" job now and then, make the marked persons' rows again
-- before reading. Rows that depend on today (consent that runs out) keep
-- the last day instead, and the report compares it with today.

-- Persons whose rows are to be made again, and which (kinds, the marks of
-- store/outcomes.c: 1 a place in a network, a consent or the home
-- organisation: all of them; 2 pathways, 4 check-ups, 8 answers, 16
-- check-ins, 32 goals, 64 early warnings, 128 referrals). claimed: taken
-- by the refresh in progress; a write meanwhile sets it back to 0, so the
-- person is done again.
CREATE TABLE outcome_dirty (
	person_id TEXT PRIMARY KEY,
	kinds INTEGER NOT NULL,
	claimed INTEGER NOT NULL DEFAULT 0 CHECK (claimed IN (0, 1))
) WITHOUT ROWID;

-- Each person an organisation has or had a place in the network of: their
-- time in its care (their first place's start to their last's end, stop
-- NULL while one is open; as text and as day numbers), and for each
-- category of data the last day the organisation may count it: far ahead
-- for the home organisation, a consent's last day, NULL for none.
CREATE TABLE outcome_seen (
	org_id TEXT NOT NULL,
	person_id TEXT NOT NULL,
	start TEXT NOT NULL,
	stop TEXT,
	start_dn INTEGER NOT NULL,
	stop_dn INTEGER,
	until_basic TEXT,
	until_plan TEXT,
	until_appointments TEXT,
	until_notes TEXT,
	until_questionnaires TEXT,
	until_substance TEXT,
	PRIMARY KEY (org_id, person_id)
) WITHOUT ROWID;
CREATE INDEX outcome_seen_person ON outcome_seen (person_id);

-- Each person's first scored answer to a questionnaire (m 0), and the
-- first in each window after it (m: the window's months; core/outcome.c):
-- the step from which outcome_event's score rows are made.
CREATE TABLE outcome_score (
	person_id TEXT NOT NULL,
	code TEXT NOT NULL,
	m INTEGER NOT NULL,
	day TEXT NOT NULL,
	score INTEGER NOT NULL,
	PRIMARY KEY (person_id, code, m)
) WITHOUT ROWID;

-- What each organisation may count of each person, one row per thing
-- counted (kind; src, the source row, or for scores the questionnaire):
-- until is the last day it may be counted (by its category: see
-- outcome_seen); the other columns by kind, as store/outcomes.c fills them:
--   start     day first contact, d its day number, sub the template code,
--             ok started within the time, ok2 started at all
--   checkup   day due, ok done (only check-ups done or missed)
--   score     day of the first scored answer, s0 its score, s1 s2 s3 the
--             first in each later window (NULL: none)
--   lapse     day of the check-in, ok back to no use, d the days it took
--   goal      at_us set, sub the life domain, ok reached
--   flag      at_us raised, ok followed up, ok2 by the day due, d the days
--   referral  at_us made, sub its status, ref the service, d the days to it
-- Ordered by person within a kind, so that a report counts persons as it
-- reads, without sorting.
CREATE TABLE outcome_event (
	org_id TEXT NOT NULL,
	kind TEXT NOT NULL,
	person_id TEXT NOT NULL,
	src TEXT NOT NULL,
	until TEXT,
	day TEXT,
	at_us INTEGER,
	sub TEXT,
	ref TEXT,
	ok INTEGER,
	ok2 INTEGER,
	d INTEGER,
	s0 INTEGER,
	s1 INTEGER,
	s2 INTEGER,
	s3 INTEGER,
	PRIMARY KEY (org_id, kind, person_id, src)
) WITHOUT ROWID;
CREATE INDEX outcome_event_person ON outcome_event (person_id);

-- Every write to what the rows above are made from marks its person.
CREATE TRIGGER outcome_network_member_ins AFTER INSERT ON network_member BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 1)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_network_member_upd AFTER UPDATE ON network_member BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 1)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_network_member_del AFTER DELETE ON network_member BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (OLD.person_id, 1)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_consent_ins AFTER INSERT ON consent BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 1)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_consent_upd AFTER UPDATE ON consent BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 1)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_consent_del AFTER DELETE ON consent BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (OLD.person_id, 1)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_pathway_ins AFTER INSERT ON pathway BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 2)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_pathway_upd AFTER UPDATE ON pathway BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 2)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_pathway_del AFTER DELETE ON pathway BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (OLD.person_id, 2)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_checkup_ins AFTER INSERT ON checkup BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 4)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_checkup_upd AFTER UPDATE ON checkup BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 4)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_checkup_del AFTER DELETE ON checkup BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (OLD.person_id, 4)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_questionnaire_response_ins AFTER INSERT ON questionnaire_response BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 8)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_questionnaire_response_upd AFTER UPDATE ON questionnaire_response BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 8)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_questionnaire_response_del AFTER DELETE ON questionnaire_response BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (OLD.person_id, 8)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_checkin_ins AFTER INSERT ON checkin BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 16)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_checkin_upd AFTER UPDATE ON checkin BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 16)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_checkin_del AFTER DELETE ON checkin BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (OLD.person_id, 16)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_goal_ins AFTER INSERT ON goal BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 32)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_goal_upd AFTER UPDATE ON goal BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 32)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_goal_del AFTER DELETE ON goal BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (OLD.person_id, 32)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_warning_flag_ins AFTER INSERT ON warning_flag BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 64)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_warning_flag_upd AFTER UPDATE ON warning_flag BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 64)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_warning_flag_del AFTER DELETE ON warning_flag BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (OLD.person_id, 64)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_referral_ins AFTER INSERT ON referral BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 128)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_referral_upd AFTER UPDATE ON referral BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, 128)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_referral_del AFTER DELETE ON referral BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (OLD.person_id, 128)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;
CREATE TRIGGER outcome_home AFTER UPDATE OF home_org_id ON person BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.id, 1)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
END;

-- Everyone already here, made on the first report or run of the job.
INSERT INTO outcome_dirty (person_id, kinds) SELECT id, 255 FROM person;

-- The reports no longer read these (0030): the rows above replace them.
DROP INDEX network_member_org;
DROP INDEX consent_org;
DROP INDEX questionnaire_response_code;
