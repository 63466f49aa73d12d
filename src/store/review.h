/* Storage for the review of emergency accesses by the person's home
 * organisation. Reads allocate in the arena; store_tx_* run in a write.
 * Returns 0, ERR_NOT_FOUND or ERR_DB. */
#ifndef ROSC_STORE_REVIEW_H
#define ROSC_STORE_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/person.h"

struct arena;
struct list_grant;
struct store;
struct store_tx;

struct emergency_review {
	struct emergency e;
	const char *person_name;        /* preferred name, else the registered one */
	const char *reviewed_by, *reviewed_by_name, *review_note;
	int64_t reviewed_us;            /* 0: waits for review */
};

/* The emergency accesses since `since` to persons whose home organisation
 * is the list grant's, those waiting for review first, newest first; at
 * most limit. */
int store_emergency_reviews(struct store *s, struct arena *a, const struct list_grant *l,
    int64_t since, size_t limit, struct emergency_review **out, size_t *n);

/* Marks one reviewed, by `by` at now with an optional note, if the person's
 * home organisation is org_id and nobody reviewed it yet; else
 * ERR_NOT_FOUND. */
int store_tx_emergency_review(struct store_tx *tx, const char *org_id, const char *person_id,
    const char *id, const char *by, int64_t now, const char *note);

#endif
