/* Storage for early warning (0021_warnings.sql): the rule sets, each
 * version a row, and the flags they raise, each the follow-up task of a
 * named person. A flag is read only through a grant that covers its
 * category (the consent category of its evidence); others are left out,
 * as if they were not there. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT,
 * ERR_INVALID (a grant that does not fit) or ERR_DB. */
#ifndef ROSC_STORE_WARNINGS_H
#define ROSC_STORE_WARNINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/person.h"
#include "core/account.h"
#include "core/warning.h"

struct arena;
struct grant;
struct list_grant;
struct store;
struct store_tx;

struct warn_flag {
	const char *person_id, *id, *rule_code;
	const char *rule_json;       /* the rule as it read when it fired */
	enum warn_kind kind;
	enum category category;
	int64_t evidence_us, raised_us, due_us;
	int value, previous;
	const char *about_id;
	const char *assigned_user_id, *assigned_org_id;
	const char *assigned_name, *assigned_org_name;   /* read only */
	int64_t resolved_us;         /* 0: open */
	const char *resolved_by, *resolved_by_name;
	enum warn_resolution resolution;
	const char *resolution_note;
	const char *person_name;     /* read only, in lists */
};

/* Rule sets. The newest version (ERR_NOT_FOUND: none yet). */
int store_warning_rules_latest(struct store *s, struct arena *a, const char **id,
    int *version, const char **body);
/* A new version, made now; ERR_CONFLICT if that version exists. */
int store_tx_warning_rules_insert(struct store_tx *tx, const char *id, int version,
    const char *body, const char *created_by);

/* What the rules look at for the person of g (which must cover every
 * category: the job's grant), as of now, into f (lists in a). */
int store_warning_facts(struct store *s, struct arena *a, const struct grant *g,
    int64_t now, struct warn_facts *f);

/* Per rule, the newest evidence any flag of the person's was raised on,
 * when the last was followed up, and whether one is open. An episode
 * ends with its follow-up: what happened before that was its own. */
struct warn_episode {
	const char *rule_code;
	int64_t evidence_us, resolved_us;
	bool open;
};
int store_warning_episodes(struct store *s, struct arena *a, const struct grant *g,
    struct warn_episode **out, size_t *n);

/* Who in the person's network may be given a follow-up task: members
 * with an account in an organisation, in a role with a duty of care
 * (coordinator, then professional, then peer worker), in that order.
 * The door decides which of them may see a flag's evidence. */
struct warn_candidate {
	const char *member_id, *user_id, *org_id, *name;
	enum role role;             /* their role in that organisation */
	bool disabled;
};
int store_warning_candidates(struct store *s, struct arena *a, const char *person_id,
    const char *today, struct warn_candidate **out, size_t *n);

/* Raises f (all of it filled in but the names and the resolution) unless
 * a flag of the person's for the same rule is open, was raised on the
 * same or newer evidence, or was followed up after it: 1 if raised, 0 if
 * not. */
int store_tx_warning_raise(struct store_tx *tx, const struct grant *g,
    const struct warn_flag *f);

/* The person's flags that g covers, open ones first, then newest first
 * (at most 200). */
int store_warning_flags(struct store *s, struct arena *a, const struct grant *g,
    struct warn_flag **out, size_t *n);
int store_warning_flag_get(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct warn_flag *out);
/* Records the follow-up of an open flag g covers; ERR_NOT_FOUND if there
 * is no such open flag (resolved already, or not covered). */
int store_tx_warning_resolve(struct store_tx *tx, const struct grant *g, const char *id,
    const char *by, enum warn_resolution res, const char *note, int64_t now);

/* The open flags given to the list's user, due soonest first (at most
 * 300), with the person's name: each shown still passes the door. */
int store_warning_flags_assigned(struct store *s, struct arena *a,
    const struct list_grant *l, struct warn_flag **out, size_t *n);

/* Persons whose time-based rules may fire as of now (an appointment
 * marked missed in the last lookback, a referral answer overdue, a
 * check-up missed and reminded of): ids,
 * at most max. */
int store_warning_sweep(struct store *s, struct arena *a, int64_t now, size_t max,
    const char ***out, size_t *n);

/* Queues the job that looks at the person's rules (jobs/warnings.c), in
 * the caller's transaction, once while one waits. */
int store_tx_warning_check(struct store_tx *tx, const char *person_id, int64_t now);

#endif
