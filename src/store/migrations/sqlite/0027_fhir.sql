-- 0027: a record by its own id, for the FHIR API. A person's records are
-- keyed by (person_id, id), so that a person's rows stay together; FHIR
-- reads a resource by its id alone (Goal/{id}), and without these indexes
-- finding whose it is meant reading every row of the table (a goal read
-- answered 800 times a second over 10,000 persons). Ids are random, so
-- each is unique. The tables written often (the access log) have none:
-- their FHIR resources are found among the person's own.
CREATE UNIQUE INDEX goal_id ON goal (id);
CREATE UNIQUE INDEX network_member_id ON network_member (id);
CREATE UNIQUE INDEX referral_id ON referral (id);
CREATE UNIQUE INDEX checkin_id ON checkin (id);
CREATE UNIQUE INDEX questionnaire_response_id ON questionnaire_response (id);
CREATE UNIQUE INDEX message_id ON message (id);
