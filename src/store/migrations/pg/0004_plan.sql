-- 0004: the person-centred recovery plan: the person's own words per life
-- domain, self-ratings over time, goals and their steps, comments on any
-- item, the relapse-prevention plan with crisis contacts, and the history
-- of every change. Every row carries person_id first in its key.

CREATE TABLE plan_domain (
	person_id TEXT NOT NULL REFERENCES person (id),
	domain TEXT NOT NULL CHECK (domain IN ('substance_use', 'physical_health',
		'mental_health', 'housing', 'work_education', 'finances', 'family',
		'social_network', 'meaning', 'practical_legal')),
	now_text TEXT,                 -- where I am now
	strengths TEXT,                -- my strengths and resources
	hopes TEXT,                    -- my hopes and dreams
	matters_most TEXT,             -- what matters most to me
	text_lang TEXT,
	version BIGINT NOT NULL,
	updated_us BIGINT NOT NULL,
	updated_by TEXT,
	PRIMARY KEY (person_id, domain)
);

CREATE TABLE plan_rating (
	person_id TEXT NOT NULL REFERENCES person (id),
	domain TEXT NOT NULL,
	rated_us BIGINT NOT NULL,
	rating BIGINT NOT NULL CHECK (rating BETWEEN 1 AND 10),
	rated_by TEXT,
	PRIMARY KEY (person_id, domain, rated_us)
);

CREATE TABLE goal (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	domain TEXT NOT NULL,
	title TEXT NOT NULL,           -- in the person's words
	why TEXT,                      -- why it matters
	text_lang TEXT,
	status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'reached', 'let_go')),
	reached_us BIGINT,
	version BIGINT NOT NULL,
	created_us BIGINT NOT NULL,
	created_by TEXT,
	updated_us BIGINT NOT NULL,
	updated_by TEXT,
	PRIMARY KEY (person_id, id)
);

CREATE TABLE step (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	goal_id TEXT NOT NULL,
	title TEXT NOT NULL,
	owner_kind TEXT NOT NULL CHECK (owner_kind IN ('person', 'member', 'organisation')),
	owner_member_id TEXT,          -- a network member (owner_kind = 'member')
	owner_org_id TEXT,             -- an organisation (owner_kind = 'organisation')
	due_date TEXT,
	status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'reached', 'let_go')),
	version BIGINT NOT NULL,
	created_us BIGINT NOT NULL,
	created_by TEXT,
	updated_us BIGINT NOT NULL,
	updated_by TEXT,
	PRIMARY KEY (person_id, id),
	FOREIGN KEY (person_id, goal_id) REFERENCES goal (person_id, id)
);
CREATE INDEX step_member ON step (owner_member_id, due_date) WHERE owner_member_id IS NOT NULL;
CREATE INDEX step_org ON step (owner_org_id, due_date) WHERE owner_org_id IS NOT NULL;

-- Comments and progress notes on any plan item.
CREATE TABLE plan_comment (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	item_kind TEXT NOT NULL CHECK (item_kind IN ('domain', 'goal', 'step', 'relapse')),
	item_id TEXT NOT NULL,         -- a domain code, goal id, step id, or 'relapse'
	body TEXT NOT NULL,
	body_lang TEXT,
	author_id TEXT NOT NULL,
	author_org_id TEXT,
	created_us BIGINT NOT NULL,
	PRIMARY KEY (person_id, id)
);
CREATE INDEX plan_comment_item ON plan_comment (person_id, item_kind, item_id, created_us);

CREATE TABLE relapse_plan (
	person_id TEXT PRIMARY KEY REFERENCES person (id),
	triggers TEXT,                 -- my triggers
	warning_signs TEXT,            -- my early warning signs
	what_helps TEXT,               -- what helps me
	people_to_call TEXT,           -- people I can call, and when
	if_i_lapse TEXT,               -- what I want others to do if I lapse
	text_lang TEXT,
	version BIGINT NOT NULL,
	updated_us BIGINT NOT NULL,
	updated_by TEXT
);

CREATE TABLE crisis_contact (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	name TEXT NOT NULL,
	phone TEXT NOT NULL,
	note TEXT,                     -- when to call
	position BIGINT NOT NULL,
	PRIMARY KEY (person_id, id)
);

-- Every change to the plan: who, when, which item and field, before, after.
CREATE TABLE plan_history (
	person_id TEXT NOT NULL REFERENCES person (id),
	changed_us BIGINT NOT NULL,
	id TEXT NOT NULL,
	item_kind TEXT NOT NULL,
	item_id TEXT NOT NULL,
	field TEXT NOT NULL,
	before TEXT,
	after TEXT,
	version BIGINT NOT NULL,
	changed_by TEXT,
	changed_org_id TEXT,
	PRIMARY KEY (person_id, changed_us, id)
);
CREATE INDEX plan_history_item ON plan_history (person_id, item_kind, item_id, changed_us);
