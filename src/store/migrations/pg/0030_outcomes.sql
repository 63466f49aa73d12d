-- 0030: indexes for the programme outcome reports (store/outcomes.c), which
-- count over an organisation's persons: its places in networks, the
-- warnings given to it, the referrals it made, and questionnaire scores
-- and goals by kind, and the consents given to it.
CREATE INDEX network_member_org ON network_member (org_id, person_id, from_date, until_date);
CREATE INDEX warning_flag_org ON warning_flag (assigned_org_id, raised_us);
CREATE INDEX referral_made ON referral (proposed_by_org, created_us);
CREATE INDEX questionnaire_response_code ON questionnaire_response (code, person_id, day,
	given_us);
CREATE INDEX goal_domain ON goal (domain, created_us);
CREATE INDEX consent_org ON consent (recipient_org_id, person_id, category)
	WHERE recipient_org_id IS NOT NULL;
