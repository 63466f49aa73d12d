-- 0006: the door, hardened.
-- Emergency access ("break the glass") is a right the organisation admin
-- gives to a member with a duty of care, not something every staff
-- account has.
ALTER TABLE membership ADD COLUMN may_break_glass INTEGER NOT NULL DEFAULT 0
	CHECK (may_break_glass IN (0, 1));

-- A list entry in the access log is kept once a day per person, actor,
-- organisation and what: a staff member in two organisations who lists
-- the person through the second leaves an entry for it too.
DROP INDEX access_log_list_day;
CREATE UNIQUE INDEX access_log_list_day ON access_log (person_id, actor_id,
	coalesce(actor_org_id, ''), what, day) WHERE action = 'list';

-- Every emergency access is reviewed afterwards by the person's home
-- organisation: who looked at it, when, and what they concluded.
ALTER TABLE emergency_access ADD COLUMN reviewed_by TEXT REFERENCES user_account (id);
ALTER TABLE emergency_access ADD COLUMN reviewed_us INTEGER;
ALTER TABLE emergency_access ADD COLUMN review_note TEXT;
