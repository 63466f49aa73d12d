-- 0016: pathways a person follows: one template version (0015), offered
-- to the person, agreed by them, then phase by phase. Part of the plan:
-- the "plan and goals" consent category. Dates are days of the person's
-- own calendar ("YYYY-MM-DD" in the pathway's time_zone), so a clock of
-- days is the same on either side of a change to summer time.

CREATE TABLE pathway (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	template_id TEXT NOT NULL REFERENCES pathway_template (id),
	org_id TEXT REFERENCES organisation (id),  -- the organisation that offered it
	status TEXT NOT NULL CHECK (status IN ('offered', 'running', 'finished', 'stopped',
		'declined')),
	time_zone TEXT NOT NULL,
	first_contact TEXT NOT NULL,   -- the day the person asked for help
	start_due TEXT,                -- the last day of the template's start guarantee
	started TEXT,                  -- the day treatment started: the first phase ended
	phase BIGINT,                 -- the current phase (pathway_phase.seq), running only
	phase_due TEXT,                -- the day the current phase is expected to end
	offered_us BIGINT NOT NULL,
	offered_by TEXT,
	agreed_us BIGINT,
	agreed_by TEXT,
	ended_us BIGINT,
	version BIGINT NOT NULL,
	PRIMARY KEY (person_id, id)
);
CREATE INDEX pathway_template_of ON pathway (template_id);
CREATE INDEX pathway_org ON pathway (org_id);

-- The phases of one person's pathway: the template's, in their order,
-- and any added for this person. seq names a phase for good; ord orders
-- them (an added phase goes between two).
CREATE TABLE pathway_phase (
	person_id TEXT NOT NULL,
	pathway_id TEXT NOT NULL,
	seq BIGINT NOT NULL,
	ord DOUBLE PRECISION NOT NULL,
	code TEXT NOT NULL,            -- the template's phase code; '' for an added one
	name TEXT,                     -- an added phase's name and purpose
	purpose TEXT,
	expected_days BIGINT NOT NULL CHECK (expected_days BETWEEN 1 AND 730),
	status TEXT NOT NULL CHECK (status IN ('waiting', 'current', 'done', 'skipped')),
	started TEXT,
	ended TEXT,
	PRIMARY KEY (person_id, pathway_id, seq),
	FOREIGN KEY (person_id, pathway_id) REFERENCES pathway (person_id, id)
);

-- What a phase proposes (the template's goals, activities as steps, and
-- appointments, or one added for this person), and what became of it:
-- accepted (made_id the goal, step or appointment it became) or declined.
-- src is the item's place in the template's phase; -1 for an added one,
-- whose title is then its own.
CREATE TABLE pathway_item (
	person_id TEXT NOT NULL,
	pathway_id TEXT NOT NULL,
	id TEXT NOT NULL,
	phase BIGINT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('goal', 'step', 'appointment')),
	src BIGINT NOT NULL,
	title TEXT,
	status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined')),
	made_id TEXT,
	decided_us BIGINT,
	decided_by TEXT,
	PRIMARY KEY (person_id, pathway_id, id),
	FOREIGN KEY (person_id, pathway_id, phase) REFERENCES pathway_phase (person_id, pathway_id, seq)
);

-- Every way a person's pathway departs from its template, with a reason.
CREATE TABLE pathway_deviation (
	person_id TEXT NOT NULL,
	pathway_id TEXT NOT NULL,
	id TEXT NOT NULL,
	phase BIGINT,
	kind TEXT NOT NULL CHECK (kind IN ('skip', 'add_phase', 'lengthen', 'shorten',
		'decline', 'add_item', 'stop')),
	reason TEXT NOT NULL CHECK (reason IN ('person_wish', 'going_well', 'needs_time',
		'health', 'life_event', 'waiting_list', 'other')),
	note TEXT,
	detail TEXT,                   -- what changed, for example "14 -> 21"
	at_us BIGINT NOT NULL,
	by_user TEXT,
	by_org TEXT,
	PRIMARY KEY (person_id, pathway_id, id),
	FOREIGN KEY (person_id, pathway_id) REFERENCES pathway (person_id, id)
);

-- A pathway's clock raises caseload flags (store/flagcache.c keeps them
-- while appointment_change stands still): count its changes there too.
CREATE TRIGGER pathway_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON pathway FOR EACH STATEMENT EXECUTE FUNCTION appointment_changed();
