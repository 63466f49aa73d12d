-- 0027: what the FHIR API reads by id that no index held: a message
-- (Communication/{id}) by its own id, so that a read finds it at once
-- instead of looking through every message there is.
CREATE UNIQUE INDEX message_id ON message (id);
