-- 0021: early warning. warning_rules holds the rule sets (the JSON format
-- "rosc-warning-rules/1", docs/warnings.md), each version a row that never
-- changes; the newest is in force. warning_flag is a rule's finding about
-- a person and the follow-up task it gave a named person in their team:
-- one per episode (a partial unique index allows one open flag per
-- person and rule), resolved with what was done. rule keeps the rule as
-- it read when it fired, so the flag says what it said then. category
-- is the consent category of the evidence: only those who may read it
-- are told, or see the flag.

CREATE TABLE warning_rules (
	id TEXT PRIMARY KEY,
	version INTEGER NOT NULL UNIQUE CHECK (version >= 1),
	body TEXT NOT NULL,
	created_by TEXT,
	created_us INTEGER NOT NULL
);
CREATE TRIGGER warning_rules_unchanged BEFORE UPDATE ON warning_rules BEGIN
	SELECT RAISE(ABORT, 'a rule set never changes; import a new version');
END;

CREATE TABLE warning_flag (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	rule_code TEXT NOT NULL,
	kind TEXT NOT NULL,
	category TEXT NOT NULL CHECK (category IN ('basic', 'plan', 'appointments', 'notes',
		'questionnaires', 'substance')),
	rule TEXT NOT NULL,
	evidence_us INTEGER NOT NULL,
	value INTEGER,
	previous INTEGER,
	about_id TEXT,
	raised_us INTEGER NOT NULL,
	due_us INTEGER NOT NULL,
	assigned_user_id TEXT NOT NULL REFERENCES user_account (id),
	assigned_org_id TEXT REFERENCES organisation (id),
	resolved_us INTEGER,
	resolved_by TEXT,
	resolution TEXT CHECK (resolution IN ('reached', 'tried', 'not_needed', 'other')),
	resolution_note TEXT,
	PRIMARY KEY (person_id, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX warning_flag_open ON warning_flag (person_id, rule_code)
	WHERE resolved_us IS NULL;
CREATE INDEX warning_flag_episode ON warning_flag (person_id, rule_code, evidence_us);
CREATE INDEX warning_flag_assigned ON warning_flag (assigned_user_id, due_us)
	WHERE resolved_us IS NULL;

-- Open flags show on the caseload (store/flagcache.c keeps its flags
-- while appointment_change stands still): count their changes there too.
CREATE TRIGGER warning_flag_changed_ins AFTER INSERT ON warning_flag BEGIN
	INSERT INTO appointment_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER warning_flag_changed_upd AFTER UPDATE ON warning_flag BEGIN
	INSERT INTO appointment_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER warning_flag_changed_del AFTER DELETE ON warning_flag BEGIN
	INSERT INTO appointment_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
