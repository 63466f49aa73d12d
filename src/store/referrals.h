/* Storage for referrals (0009_referrals.sql). Reads allocate in the
 * arena and show only the referrals the grant covers
 * (grant_referral_scope); store_tx_* run in a write. Returns 0,
 * ERR_NOT_FOUND, ERR_CONFLICT, ERR_INVALID or ERR_DB. */
#ifndef ROSC_STORE_REFERRALS_H
#define ROSC_STORE_REFERRALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/referral.h"

struct arena;
struct grant;
struct list_grant;
struct store;
struct store_tx;

/* Whose referral id is (for an address that names no person; the door
 * decides next): 0 with *person_id, or ERR_NOT_FOUND. */
int store_referral_person(struct store *s, struct arena *a, const char *id,
    const char **person_id);

/* The person's referrals the grant covers, newest first; only those
 * linked to goal_id unless it is NULL. */
int store_referrals(struct store *s, struct arena *a, const struct grant *g,
    const char *goal_id, struct referral **out, size_t *n);
/* One of them: ERR_NOT_FOUND for one the grant does not cover. */
int store_referral_get(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct referral *out);
/* A referral's history, oldest first (id NULL: every referral's the
 * grant covers, for the data download). */
int store_referral_events(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct referral_event **out, size_t *n);
/* Which categories a referral's acceptance granted (*here) and which the
 * person had granted before (*before), as CAT_BIT()s. */
int store_referral_consents(struct store *s, struct arena *a, const struct grant *g,
    const char *id, unsigned *here, unsigned *before);

/* An inbox row: a referral sent to the list's organisation. No person's
 * data but the id: each person shown passes the door. */
struct referral_row {
	const char *person_id, *id, *service_name;
	enum ref_status status;
	int64_t status_us, sent_us, answer_due_us;
};
/* Referrals sent to the organisation of l (from sent onwards), those
 * overdue at now first, then the newest; at most 200. */
int store_referrals_inbox(struct store *s, struct arena *a, const struct list_grant *l,
    int64_t now, struct referral_row **out, size_t *n);
/* Referrals whose answer is overdue at now, on the sender's side: those
 * the list's user proposed, and those of the persons whose coordinator
 * they are now (today "YYYY-MM-DD"). */
int store_referrals_overdue(struct store *s, struct arena *a, const struct list_grant *l,
    int64_t now, const char *today, struct referral_row **out, size_t *n);

/* Writes */
/* A new referral (status proposed), with its first event. */
int store_tx_referral_insert(struct store_tx *tx, const struct grant *gr,
    const struct referral *x, const char *by_org);

/* A change of status, in one write: old is the referral as read (its
 * version must still hold, else ERR_CONFLICT). Accepting (to accepted)
 * sends at once (two events) and grants to_org each category of
 * old->shares the person had not granted it yet, remembering which; a
 * reopen goes where ref_reopen_to() says; a close other than got help
 * ends the consents this referral granted that no other open referral to
 * the same organisation holds. purpose names the referral in the consent
 * history. */
struct referral_change {
	const struct referral *old;
	enum ref_status to;
	bool reopen;
	const char *note, *by_user, *by_org, *purpose;
	int64_t now;
};
int store_tx_referral_change(struct store_tx *tx, const struct grant *gr,
    const struct referral_change *c);

#endif
