-- 0001: facts about this installation (its id, when it was created, whether
-- it holds demo data). Later migrations add the domain's tables.
CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
