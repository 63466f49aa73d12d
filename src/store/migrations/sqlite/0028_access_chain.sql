-- 0028: the access log, chained, so that nobody can thin it out unnoticed.
-- Each commit that writes access entries adds one link: a hash keyed with
-- the audit key over the link before it and the hashes of the entries it
-- covers (access_log.link_seq names the link). Link 1 covers every entry
-- written before this migration (link_seq NULL); rosc adds it when it
-- first writes after the migration. See src/store/access_chain.h.
ALTER TABLE access_log ADD COLUMN link_seq INTEGER;
CREATE INDEX access_log_link ON access_log (link_seq);
CREATE TABLE access_link (
	seq INTEGER PRIMARY KEY,
	at_us INTEGER NOT NULL,        -- when the commit was made
	entries INTEGER NOT NULL,      -- how many entries it covers
	digest TEXT NOT NULL,          -- over their hashes (hex)
	link TEXT NOT NULL             -- keyed: seq, at_us, entries, previous link, digest
);
