/* Storage for a person's network: its members, current and past. Reads
 * allocate in the arena; store_tx_* run in a write. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT or ERR_DB. */
#ifndef ROSC_STORE_NETWORK_H
#define ROSC_STORE_NETWORK_H

#include <stddef.h>
#include <stdint.h>

#include "core/person.h"

struct arena;
struct grant;
struct store;
struct store_tx;

/* The network: current members first, then past ones. */
int store_network(struct store *s, struct arena *a, const struct grant *g,
    struct network_member **out, size_t *n);
int store_member_get(struct store *s, struct arena *a, const struct grant *g,
    const char *member_id, struct network_member *out);

/* Writes */
int store_tx_member_insert(struct store_tx *tx, const struct grant *gr,
    const struct network_member *m,
    int64_t now, const char *by);
int store_tx_member_end(struct store_tx *tx, const struct grant *gr,
    const char *person_id, const char *member_id,
    const char *until_date);
/* ERR_CONFLICT if user_id is already a current member (as of today) of
 * person_id's network for org_id (NULL: without an organisation); else 0.
 * Run in the same write as the insert, so two adds cannot both pass. */
int store_tx_member_check_new(struct store_tx *tx, const struct grant *gr,
    const char *person_id,
    const char *user_id, const char *org_id, const char *today);

#endif
