/* Storage for a person's consents and their history. Reads allocate in
 * the arena; store_tx_* run in a write. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT or ERR_DB. */
#ifndef ROSC_STORE_CONSENT_H
#define ROSC_STORE_CONSENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/person.h"

struct arena;
struct grant;
struct store;
struct store_tx;

/* Every consent record of the person (granted or withdrawn). */
int store_consents(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n);

/* Every change to the person's consents, newest first. */
int store_consent_history(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n);

/* For the person's download of their own data: every change, without the
 * page's limit. */
int store_consent_history_all(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n);

/* Writes */
/* Gives or withdraws one category to one recipient; every change makes a
 * new version in the history. */
int store_tx_consent_set(struct store_tx *tx, const struct grant *gr,
    const struct consent *c, int64_t now,
    const char *by);

#endif
