/* Private to src/store/: small helpers for binding and reading columns. */
#ifndef ROSC_STORE_ROWS_H
#define ROSC_STORE_ROWS_H

#include <sqlite3.h>
#include <stdint.h>

#include "base/arena.h"
#include "store/backend.h"

/* A text column copied into the arena; NULL for SQL NULL. */
static inline const char *
col_text(struct arena *a, sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	return arena_strndup(a, (const char *)sqlite3_column_text(st, i),
	    (size_t)sqlite3_column_bytes(st, i));
}

/* An integer column; 0 for SQL NULL. */
static inline int64_t
col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int64(st, i);
}

/* Binds text, or NULL when s is NULL. The text must outlive the step. */
static inline void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Binds an instant, or NULL when 0. */
static inline void
bind_us(sqlite3_stmt *st, int i, int64_t us)
{
	if (us == 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, us);
}

/* Doubles an arena array of *cap items of sz bytes; returns the new one. */
void *rows_grow(struct arena *a, void *old, size_t *cap, size_t sz);

/* Steps a one-row query: 0 with the row ready (the caller reads it and
 * resets), ERR_NOT_FOUND (reset), or an error. */
int step_row(struct conn *c, sqlite3_stmt *st, const char *what);

/* Steps a statement that returns no rows and resets it. */
int step_done(struct conn *c, sqlite3_stmt *st, const char *what);
/* Like step_done, and ERR_NOT_FOUND if no row changed. */
int step_changed(struct conn *c, sqlite3_stmt *st, const char *what);

#endif
