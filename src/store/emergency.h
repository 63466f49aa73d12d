/* Storage for emergency access to a person's data. Reads allocate in
 * the arena; store_tx_* run in a write. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT or ERR_DB. */
#ifndef ROSC_STORE_EMERGENCY_H
#define ROSC_STORE_EMERGENCY_H

#include <stddef.h>
#include <stdint.h>

#include "core/person.h"

struct arena;
struct grant;
struct store;
struct store_tx;

/* Emergency accesses since `since`, newest first. */
int store_emergencies(struct store *s, struct arena *a, const struct grant *g,
    int64_t since, struct emergency **out, size_t *n);

/* For the person's download of their own data: every emergency access,
 * without the page's limit. */
int store_emergencies_all(struct store *s, struct arena *a, const struct grant *g,
    struct emergency **out, size_t *n);

/* Writes */
int store_tx_emergency_insert(struct store_tx *tx, const struct emergency *e);

#endif
