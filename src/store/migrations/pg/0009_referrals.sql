-- 0009: referrals from a person's plan to a service in the directory,
-- closed-loop. A referral moves through the statuses of core/referral.c;
-- every move is a referral_event with who, when and an optional note, and
-- the whole history stays. to_org_id is the rosc organisation that runs
-- the service (dir_organization.managed_by) when there is one: its staff
-- answer the referral from their inbox; without one the sender keeps the
-- referral's status. referral_consent remembers which consent the
-- person's acceptance granted, so that withdrawing ends exactly that.
-- Every row carries person_id first in its key.

CREATE TABLE referral (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	service_id TEXT NOT NULL REFERENCES service (id),
	to_org_id TEXT REFERENCES organisation (id),
	goal_id TEXT,
	reason TEXT,                         -- why this service, in plain words
	reason_lang TEXT,
	status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'sent',
		'received', 'needs_client_action', 'eligible', 'not_eligible', 'no_capacity',
		'scheduled', 'got_help', 'could_not_contact', 'could_not_get_help',
		'no_longer_interested', 'withdrawn')),
	status_us BIGINT NOT NULL,
	status_by TEXT,
	sent_us BIGINT,                     -- when it was sent (the answer is due from here)
	answer_due_us BIGINT,               -- sent_us + the service's response_days; NULL once answered
	proposed_by TEXT,                    -- a user; the person's own account when they proposed it
	proposed_by_org TEXT REFERENCES organisation (id),
	created_us BIGINT NOT NULL,
	version BIGINT NOT NULL DEFAULT 1,
	PRIMARY KEY (person_id, id)
);
CREATE INDEX referral_inbox ON referral (to_org_id, status, status_us);
CREATE INDEX referral_due ON referral (answer_due_us) WHERE answer_due_us IS NOT NULL;
CREATE INDEX referral_service ON referral (service_id);

CREATE TABLE referral_event (
	person_id TEXT NOT NULL,
	referral_id TEXT NOT NULL,
	seq BIGINT NOT NULL,
	from_status TEXT,                    -- NULL for the proposal
	to_status TEXT NOT NULL,
	at_us BIGINT NOT NULL,
	by_user TEXT,
	by_org TEXT,
	note TEXT,
	PRIMARY KEY (person_id, referral_id, seq)
);

CREATE TABLE referral_consent (
	person_id TEXT NOT NULL,
	referral_id TEXT NOT NULL,
	category TEXT NOT NULL,
	granted_here BIGINT NOT NULL CHECK (granted_here IN (0, 1)), -- 0: it was granted before
	PRIMARY KEY (person_id, referral_id, category)
);

-- The receiving organisation's access follows the referral's status.
CREATE TRIGGER referral_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON referral
	FOR EACH STATEMENT EXECUTE FUNCTION policy_changed();
