/* Moving a deployment from one database to another: every table copied,
 * row counts compared. `rosc migrate-data` uses it. */
#ifndef ROSC_STORE_COPY_H
#define ROSC_STORE_COPY_H

#include <stdint.h>

struct store;

/* Called once per table after it is copied and counted. */
typedef void (*store_copy_fn)(void *arg, const char *table, int64_t from_rows,
    int64_t to_rows);

/* Copies every table of from into to, which must be migrated to the same
 * version and hold no data. Each table is one write on to's writer, so a
 * table is copied whole or not at all. Returns 0 when every table's row
 * count matches; ERR_EXISTS (to holds data), ERR_PENDING (the two are at
 * different versions), ERR_INVALID (from has a table rosc does not know,
 * or counts differ), or a database error. */
int store_copy(struct store *from, struct store *to, store_copy_fn fn, void *arg);

#endif
