/* Storage for journal notes about a person. Reads allocate in the
 * arena; store_tx_* run in a write. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT or ERR_DB. */
#ifndef ROSC_STORE_NOTES_H
#define ROSC_STORE_NOTES_H

#include <stddef.h>

#include "core/person.h"

struct arena;
struct grant;
struct store;
struct store_tx;

int store_notes(struct store *s, struct arena *a, const struct grant *g,
    struct note **out, size_t *n);

/* For the person's download of their own data: every note, without the
 * page's limit. */
int store_notes_all(struct store *s, struct arena *a, const struct grant *g,
    struct note **out, size_t *n);

/* Writes */
int store_tx_note_insert(struct store_tx *tx, const struct grant *gr, const struct note *n);

#endif
