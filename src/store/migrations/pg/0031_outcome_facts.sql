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
	kinds BIGINT NOT NULL,
	claimed BIGINT NOT NULL DEFAULT 0 CHECK (claimed IN (0, 1))
);

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
	start_dn BIGINT NOT NULL,
	stop_dn BIGINT,
	until_basic TEXT,
	until_plan TEXT,
	until_appointments TEXT,
	until_notes TEXT,
	until_questionnaires TEXT,
	until_substance TEXT,
	PRIMARY KEY (org_id, person_id) INCLUDE (start, stop, start_dn, stop_dn, until_basic,
		until_plan, until_appointments, until_notes, until_questionnaires, until_substance)
);
CREATE INDEX outcome_seen_person ON outcome_seen (person_id);

-- Each person's first scored answer to a questionnaire (m 0), and the
-- first in each window after it (m: the window's months; core/outcome.c):
-- the step from which outcome_event's score rows are made.
CREATE TABLE outcome_score (
	person_id TEXT NOT NULL,
	code TEXT NOT NULL,
	m BIGINT NOT NULL,
	day TEXT NOT NULL,
	score BIGINT NOT NULL,
	PRIMARY KEY (person_id, code, m)
);

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
	at_us BIGINT,
	sub TEXT,
	ref TEXT,
	ok BIGINT,
	ok2 BIGINT,
	d BIGINT,
	s0 BIGINT,
	s1 BIGINT,
	s2 BIGINT,
	s3 BIGINT,
	-- Every column in the key's index, so that a report reads the range
	-- from the index alone (as SQLite's WITHOUT ROWID table is read).
	PRIMARY KEY (org_id, kind, person_id, src) INCLUDE (until, day, at_us, sub, ref, ok, ok2, d,
		s0, s1, s2, s3)
);
CREATE INDEX outcome_event_person ON outcome_event (person_id);

-- Every write to what the rows above are made from marks its person.
-- The trigger's argument: the mark of the table's rows.
CREATE FUNCTION outcome_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		INSERT INTO outcome_dirty (person_id, kinds) VALUES (OLD.person_id, TG_ARGV[0]::bigint)
		ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
		claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
		OR outcome_dirty.claimed = 1;
	ELSE
		INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.person_id, TG_ARGV[0]::bigint)
		ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
		claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
		OR outcome_dirty.claimed = 1;
	END IF;
	RETURN NULL;
END
$$;

CREATE FUNCTION outcome_home_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO outcome_dirty (person_id, kinds) VALUES (NEW.id, 1)
	ON CONFLICT (person_id) DO UPDATE SET kinds = outcome_dirty.kinds | excluded.kinds,
	claimed = 0 WHERE (outcome_dirty.kinds & excluded.kinds) <> excluded.kinds
	OR outcome_dirty.claimed = 1;
	RETURN NULL;
END
$$;

CREATE TRIGGER outcome_network_member AFTER INSERT OR UPDATE OR DELETE ON network_member
	FOR EACH ROW EXECUTE FUNCTION outcome_person_changed('1');
CREATE TRIGGER outcome_consent AFTER INSERT OR UPDATE OR DELETE ON consent
	FOR EACH ROW EXECUTE FUNCTION outcome_person_changed('1');
CREATE TRIGGER outcome_pathway AFTER INSERT OR UPDATE OR DELETE ON pathway
	FOR EACH ROW EXECUTE FUNCTION outcome_person_changed('2');
CREATE TRIGGER outcome_checkup AFTER INSERT OR UPDATE OR DELETE ON checkup
	FOR EACH ROW EXECUTE FUNCTION outcome_person_changed('4');
CREATE TRIGGER outcome_questionnaire_response AFTER INSERT OR UPDATE OR DELETE ON questionnaire_response
	FOR EACH ROW EXECUTE FUNCTION outcome_person_changed('8');
CREATE TRIGGER outcome_checkin AFTER INSERT OR UPDATE OR DELETE ON checkin
	FOR EACH ROW EXECUTE FUNCTION outcome_person_changed('16');
CREATE TRIGGER outcome_goal AFTER INSERT OR UPDATE OR DELETE ON goal
	FOR EACH ROW EXECUTE FUNCTION outcome_person_changed('32');
CREATE TRIGGER outcome_warning_flag AFTER INSERT OR UPDATE OR DELETE ON warning_flag
	FOR EACH ROW EXECUTE FUNCTION outcome_person_changed('64');
CREATE TRIGGER outcome_referral AFTER INSERT OR UPDATE OR DELETE ON referral
	FOR EACH ROW EXECUTE FUNCTION outcome_person_changed('128');
CREATE TRIGGER outcome_home AFTER UPDATE OF home_org_id ON person
	FOR EACH ROW EXECUTE FUNCTION outcome_home_changed();

-- Everyone already here, made on the first report or run of the job.
INSERT INTO outcome_dirty (person_id, kinds) SELECT id, 255 FROM person;

-- The reports no longer read these (0030): the rows above replace them.
DROP INDEX network_member_org;
DROP INDEX consent_org;
DROP INDEX questionnaire_response_code;
