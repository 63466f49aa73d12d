/* The audit log: who did what to which account, organisation, token or
 * consent, and when. Entries form a keyed hash chain:
 *   content_hash = BLAKE2b-256(seq, time, actor, organisation, action,
 *                              target, address, detail)
 *   link         = BLAKE2b-256 keyed with the audit key (prev link || content_hash)
 * The key lives outside the database (a 0600 file beside it made by
 * `rosc init`, or ROSC_AUDIT_KEY), so whoever can edit the database cannot
 * forge links. Content can be erased later (retention) without breaking the
 * chain. After each commit that appended entries, the newest link is
 * mirrored to a file beside the database, so a cut-off tail is noticed. */
#ifndef ROSC_STORE_AUDIT_H
#define ROSC_STORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct store_tx;

struct audit_entry {
	int64_t seq, at_us;
	const char *actor_id, *actor_org_id, *action, *target, *client_addr, *detail;
	const char *content_hash, *link;
	int64_t erased_us;
};

/* Appends e (seq, content_hash and link are filled in). */
int store_tx_audit_append(struct store_tx *tx, struct audit_entry *e);

struct audit_filter {
	const char *action_prefix;   /* "signin." or NULL */
	const char *actor_id;        /* or NULL */
	const char *target;          /* or NULL */
};

/* Entries newest first, with seq < before (0: from the newest). */
int store_audit_list(struct store *s, struct arena *a, const struct audit_filter *f,
    int64_t before, size_t limit, struct audit_entry **out, size_t *n);

/* What verify found, at the first entry that is wrong:
 *   changed       entry first_bad's content, hash or link was edited
 *   removed       entries from first_bad on are missing (a gap in seq)
 *   inserted      a row at first_bad was not written by rosc
 *   tail_cut      entries from first_bad on, which the head names, are gone
 *   head_missing  the head file is gone or damaged (first_bad: the newest)
 * An erased entry (erased_us set) must have every content column NULL;
 * its hash and link still chain. */
struct audit_verdict {
	int64_t entries;        /* entries checked */
	int64_t first_bad;      /* 0 if intact */
	const char *problem;    /* one of the above, or NULL if intact */
};

/* Writes the head file from the database (after a restore), or removes
 * one left from another chain when there are no entries. Needs no key: it
 * only copies the newest link. Returns 0, ERR_IO or ERR_DB. */
int store_audit_rewrite_head(struct store *s);

/* Whether the audit key was found (ROSC_AUDIT_KEY or the key file). */
bool store_audit_has_key(const struct store *s);

/* Where the key file is looked for: ROSC_AUDIT_KEY_FILE, or PATH.audit-key
 * beside a SQLite database. The store keeps it. */
const char *store_audit_key_path(const struct store *s);

/* Checks the whole chain and the mirrored head. Returns 0 (see verdict), or
 * ERR_UNAVAILABLE without a key, or ERR_DB. */
int store_audit_verify(struct store *s, struct audit_verdict *v);

#endif
