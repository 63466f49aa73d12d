-- 0019: a person's answers to questionnaires (WHO-5, BARC-10, AUDIT, ...).
-- A response names the exact version answered (questionnaire.id), so it
-- keeps the items, options and scoring rule it was given with when a new
-- version is imported. Its score is worked out when it is given and kept
-- beside the answers: NULL when too many items were left unanswered for
-- the definition's rule. day is the person's local date. source says who
-- entered it: 'self' (the person) or 'staff' (from a conversation with
-- them). A response and its answers are written in one transaction, and
-- never changed afterwards.

CREATE TABLE questionnaire_response (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	questionnaire_id TEXT NOT NULL REFERENCES questionnaire (id),
	code TEXT NOT NULL,
	day TEXT NOT NULL,
	given_us BIGINT NOT NULL,
	scored BIGINT NOT NULL CHECK (scored IN (0, 1)),
	score BIGINT,
	zone TEXT,
	answered BIGINT NOT NULL CHECK (answered >= 0),
	missing BIGINT NOT NULL CHECK (missing >= 0),
	source TEXT NOT NULL CHECK (source IN ('self', 'staff')),
	created_by TEXT NOT NULL REFERENCES user_account (id),
	PRIMARY KEY (person_id, id),
	CHECK ((scored = 1) = (score IS NOT NULL)),
	CHECK (scored = 1 OR zone IS NULL)
);
CREATE INDEX questionnaire_response_series ON questionnaire_response
	(person_id, code, day, given_us);
CREATE INDEX questionnaire_response_of ON questionnaire_response (questionnaire_id);

CREATE TABLE questionnaire_answer (
	person_id TEXT NOT NULL,
	response_id TEXT NOT NULL,
	item_id TEXT NOT NULL,
	value BIGINT NOT NULL,
	PRIMARY KEY (person_id, response_id, item_id),
	FOREIGN KEY (person_id, response_id) REFERENCES questionnaire_response (person_id, id)
);
