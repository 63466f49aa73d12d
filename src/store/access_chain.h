/* The access log's chain: whoever can edit the database cannot thin out
 * "who looked at my record" unnoticed.
 *
 * Each entry has a hash of its content (every column, its link's number
 * included). Each commit of the writer that wrote access entries adds one
 * link, numbered in order:
 *   digest = BLAKE2b-256 over the entries' hashes, sorted
 *   link   = BLAKE2b-256 keyed with the audit key
 *            (seq, at_us, entries, previous link, digest)
 * and each entry names its link (access_log.link_seq). Link 1 covers every
 * entry written before the chain began (link_seq NULL); its link is
 * recorded in the audit log (ACCESS_CHAIN_START), so that a chain begun
 * anew over entries moved back before it is found. The cost is one
 * more row per commit; the hashes are made in memory. On PostgreSQL the
 * writer's transaction holds the chain's advisory lock (the audit chain's)
 * from BEGIN, so several processes still make one chain. On SQLite the
 * newest link is mirrored to PATH.access-head beside the database, so a
 * cut-off tail is noticed, as for the audit chain.
 *
 * rosc never deletes access entries (a person's record is not deleted
 * while the log must be kept). */
#ifndef ROSC_STORE_ACCESS_CHAIN_H
#define ROSC_STORE_ACCESS_CHAIN_H

#include <stdint.h>

struct arena;
struct store;

/* What a check found, at the first link that is wrong:
 *   entry_changed  an entry of link first_bad was changed (or moved)
 *   entry_removed  an entry of link first_bad was removed
 *   entry_added    an entry was added to link first_bad
 *   unlinked       entries name link first_bad, which rosc never wrote
 *   link_changed   link first_bad itself was changed (or the key is wrong)
 *   link_removed   link first_bad is missing (a gap)
 *   tail_cut       links from first_bad on, which the head names, are gone
 *   head_missing   the head file is gone or damaged (first_bad: the newest)
 *   restarted      link 1 is not the one the audit log recorded when the
 *                  chain began (or it began more than once)
 * Intact up to verified_seq, the link made at verified_at_us. */
struct access_verdict {
	int64_t links, entries;        /* checked in this run */
	int64_t first_bad;             /* 0 if intact */
	const char *problem;           /* one of the above, or NULL */
	int64_t verified_seq, verified_at_us;
	char verified_link[65];
	int64_t unchained;             /* no link yet: entries from before */
};

/* The audit entry recording link 1: detail "link=HEX entries=N". */
#define ACCESS_CHAIN_START "access_log.chain_start"

/* The migration that made the chain: older databases have none. */
#define ACCESS_CHAIN_MIGRATION 28

/* Checks the whole chain and (SQLite) the mirrored head. Returns 0 (see
 * v), ERR_UNAVAILABLE without the audit key, or ERR_DB. */
int store_access_chain_verify(struct store *s, struct access_verdict *v);

/* The background check: goes on from the link the last check reached
 * (and makes sure that link is still as it was), or checks the whole chain
 * when none was verified yet or the last check found a break; records what
 * it found. Each link is checked once, when new: checking everything again
 * is `rosc audit verify`'s (its cost grows with the log). v may be NULL.
 * Returns 0, ERR_UNAVAILABLE or ERR_DB. */
int store_access_chain_check(struct store *s, int64_t now, struct access_verdict *v);

/* What the last background check recorded: checked_us 0 if none ran yet;
 * problem NULL if intact (then verified_at_us is the newest link it
 * reached, 0 if the chain was still empty). Strings in a. */
struct access_check {
	int64_t checked_us, verified_seq, verified_at_us, first_bad;
	const char *problem;
};
int store_access_chain_status(struct store *s, struct arena *a, struct access_check *out);

/* Starts the chain if it has no link yet (link 1 over the entries from
 * before it), so that `rosc serve` pays for that before it listens. */
int store_access_chain_start(struct store *s);

/* Writes the head file from the database (after a restore). */
int store_access_chain_rewrite_head(struct store *s);

#endif
