/* Bulk loading: many rows into one table, fast. On PostgreSQL a COPY, on
 * SQLite one prepared INSERT; either way inside the caller's write, so a
 * load is whole or not at all. For moving data (rosc migrate-data) and
 * generating it (rosc-bench-gen); pages never use it.
 *
 * Table and column names must be rosc's own (they are written into the
 * statement); values are text, NULL for SQL NULL, read by the database as
 * the column's type. */
#ifndef ROSC_STORE_LOAD_H
#define ROSC_STORE_LOAD_H

struct store_tx;
struct store_load;

int store_load_begin(struct store_tx *tx, const char *table, const char *const *cols,
    int ncols, struct store_load **out);
int store_load_row(struct store_load *l, const char *const *vals);
/* Ends the load (and frees l), returning its first error if any. */
int store_load_end(struct store_load *l);

#endif
