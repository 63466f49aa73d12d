-- 0005: a change counter for the policy door's facts. Every change to a
-- table that store_relation() reads counts it up in the same transaction,
-- by trigger, so that no write path (a page, the command line, a second
-- process, a hand-written UPDATE) can forget to. A process may reuse the
-- facts it read while the counter stands still (store/relcache.c).
-- The one row appears with the first such change.

CREATE TABLE policy_change (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n INTEGER NOT NULL
);

CREATE TRIGGER person_changed_ins AFTER INSERT ON person BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER person_changed_upd AFTER UPDATE ON person BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER person_changed_del AFTER DELETE ON person BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER network_member_changed_ins AFTER INSERT ON network_member BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER network_member_changed_upd AFTER UPDATE ON network_member BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER network_member_changed_del AFTER DELETE ON network_member BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER consent_changed_ins AFTER INSERT ON consent BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER consent_changed_upd AFTER UPDATE ON consent BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER consent_changed_del AFTER DELETE ON consent BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER emergency_access_changed_ins AFTER INSERT ON emergency_access BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER emergency_access_changed_upd AFTER UPDATE ON emergency_access BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER emergency_access_changed_del AFTER DELETE ON emergency_access BEGIN
	INSERT INTO policy_change (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;
END;
