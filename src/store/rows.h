/* Private to src/store/: small helpers for binding and reading columns. */
#ifndef ROSC_STORE_ROWS_H
#define ROSC_STORE_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "store/backend.h"

/* A text column copied into the arena; NULL for SQL NULL. */
const char *col_text(struct arena *a, struct stmt *st, int i);

/* Binds an instant, or NULL when 0. */
static inline void
bind_us(struct stmt *st, int i, int64_t us)
{
	if (us == 0)
		bind_null(st, i);
	else
		bind_int(st, i, us);
}

/* "%word%" for LIKE ... ESCAPE '\', with \, % and _ in word escaped. */
const char *like_pattern(struct arena *a, const char *word);

/* A row reader for rows_collect() and rows_append() of a one-column query:
 * the row is a const char *, the column's text in the arena. */
void rows_read_text(struct arena *a, struct stmt *st, void *row);

/* Doubles an arena array of *cap items of sz bytes; returns the new one. */
void *rows_grow(struct arena *a, void *old, size_t *cap, size_t sz);

/* Steps st to its end and resets it, reading each row with read into the
 * next item (size bytes) of an arena array that starts with room for cap
 * items and doubles as needed: *out gets the array, *n how many it holds
 * (from 0). step_what names the query for a database error while
 * stepping (what stmt_step logs), what for an unexpected result
 * (db_error). Returns 0 or the error, with the rows read before it. */
int rows_collect(struct stmt *st, struct arena *a, size_t cap, size_t size,
    void (*read)(struct arena *a, struct stmt *st, void *row), void **out, size_t *n,
    const char *step_what, const char *what);

/* Steps a one-row query: 0 with the row ready (the caller reads it and
 * resets), ERR_NOT_FOUND (reset), or an error. */
int step_row(struct conn *c, struct stmt *st, const char *what);

/* Steps a statement that returns no rows and resets it. */
int step_done(struct conn *c, struct stmt *st, const char *what);
/* Like step_done, and ERR_NOT_FOUND if no row changed. */
int step_changed(struct conn *c, struct stmt *st, const char *what);

/* Claims one row of a queue (jobs, the outbox) under a lease: find (?1
 * now) gives the ids of the candidates, first first; take (?1 id, ?2
 * worker, ?3 lease_until, ?4 now) claims one if it is still claimable,
 * RETURNING its columns, which read copies into out (strings in a).
 * Returns 0, ERR_NOT_FOUND when nothing is due, or an error.
 *
 * On PostgreSQL another process may take the candidate between the two
 * statements: its UPDATE locks the row, ours waits for that transaction,
 * then finds the condition false on the new row and changes nothing; then
 * the next candidate. On SQLite the one writer makes the first try the
 * only one. */
int rows_claim(struct conn *c, struct stmt *find, struct stmt *take, struct arena *a,
    const char *worker, int64_t now, int64_t lease_until,
    void (*read)(struct arena *a, struct stmt *st, void *row), void *out);

/* After a loop over rows: 0 when it ended well, else the error. */
int step_end(int rc);

/* Reads for many persons at once (many.c): a statement names ROWS_CHUNK
 * person ids as consecutive parameters. rows_bind_persons() binds, from
 * parameter first on, the persons of the next grants in gs (from *i on)
 * that keep says yes to, NULL for the rest; false when there were none
 * left. rows_append() steps st to its end and appends its rows to the
 * arena array (*out, *n, room for *cap). */
#define ROWS_CHUNK 32
struct grant;
bool rows_bind_persons(struct stmt *st, int first, const struct grant *const *gs, size_t ngs,
    size_t *i, bool (*keep)(const struct grant *g));
int rows_append(struct stmt *st, struct arena *a, size_t size,
    void (*read)(struct arena *a, struct stmt *st, void *row), void **out, size_t *n,
    size_t *cap, const char *what);

#endif
