-- 0021: early warning (see the SQLite migration of the same number for
-- what each table holds).

CREATE TABLE warning_rules (
	id TEXT PRIMARY KEY,
	version BIGINT NOT NULL UNIQUE CHECK (version >= 1),
	body TEXT NOT NULL,
	created_by TEXT,
	created_us BIGINT NOT NULL
);
CREATE FUNCTION warning_rules_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'a rule set never changes; import a new version';
END;
$$;
CREATE TRIGGER warning_rules_unchanged BEFORE UPDATE ON warning_rules
	FOR EACH ROW EXECUTE FUNCTION warning_rules_unchanged();

CREATE TABLE warning_flag (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	rule_code TEXT NOT NULL,
	kind TEXT NOT NULL,
	category TEXT NOT NULL CHECK (category IN ('basic', 'plan', 'appointments', 'notes',
		'questionnaires', 'substance')),
	rule TEXT NOT NULL,
	evidence_us BIGINT NOT NULL,
	value BIGINT,
	previous BIGINT,
	about_id TEXT,
	raised_us BIGINT NOT NULL,
	due_us BIGINT NOT NULL,
	assigned_user_id TEXT NOT NULL REFERENCES user_account (id),
	assigned_org_id TEXT REFERENCES organisation (id),
	resolved_us BIGINT,
	resolved_by TEXT,
	resolution TEXT CHECK (resolution IN ('reached', 'tried', 'not_needed', 'other')),
	resolution_note TEXT,
	PRIMARY KEY (person_id, id)
);
CREATE UNIQUE INDEX warning_flag_open ON warning_flag (person_id, rule_code)
	WHERE resolved_us IS NULL;
CREATE INDEX warning_flag_episode ON warning_flag (person_id, rule_code, evidence_us);
CREATE INDEX warning_flag_assigned ON warning_flag (assigned_user_id, due_us)
	WHERE resolved_us IS NULL;

-- Open flags show on the caseload: count their changes for the flag cache.
CREATE TRIGGER warning_flag_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON warning_flag FOR EACH STATEMENT EXECUTE FUNCTION appointment_changed();
