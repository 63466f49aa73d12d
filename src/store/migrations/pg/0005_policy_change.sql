-- 0005: a change counter for the policy door's facts. Every change to a
-- table that store_relation() reads counts it up in the same transaction,
-- by trigger, so that no write path (a page, the command line, another
-- process, a hand-written UPDATE) can forget to. A process may reuse the
-- facts it read while the counter stands still (store/relcache.c).
-- The one row appears with the first such change. Once per statement
-- here (a bulk COPY counts once); SQLite has only row triggers.

CREATE TABLE policy_change (
	id BIGINT PRIMARY KEY CHECK (id = 1),
	n BIGINT NOT NULL
);

CREATE FUNCTION policy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1)
	ON CONFLICT (id) DO UPDATE SET n = policy_change.n + 1;
	RETURN NULL;
END
$$;

CREATE TRIGGER person_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON person
	FOR EACH STATEMENT EXECUTE FUNCTION policy_changed();
CREATE TRIGGER network_member_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON network_member FOR EACH STATEMENT EXECUTE FUNCTION policy_changed();
CREATE TRIGGER consent_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON consent
	FOR EACH STATEMENT EXECUTE FUNCTION policy_changed();
CREATE TRIGGER emergency_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON emergency_access FOR EACH STATEMENT EXECUTE FUNCTION policy_changed();
