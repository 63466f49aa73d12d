/* Copying every table from one store to another (SQLite to PostgreSQL).
 *
 * The tables are copied in the order of the one list (tables.h), which
 * respects their foreign keys; a table in the source that is not in the
 * list stops the copy, so a new migration cannot be forgotten silently.
 * Columns are read from the source's own result, and values travel as
 * text for the target to read as its column's type. */
#include "store/copy.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/log.h"
#include "store/backend.h"
#include "store/load.h"
#include "store/rows.h"
#include "store/tables.h"

/* "PREFIX table": a statement about one of the tables in tables.h. The one
 * place besides load.c where SQL text is put together at run time: a table
 * name cannot be a bound parameter, and it only ever comes from that list. */
static char *
built(const char *prefix, const char *table)
{
	char *sql;

	if (asprintf(&sql, "%s %s", prefix, table) < 0)
		die("out of memory");
	return sql;
}

/* Rows in a table (the name is one of ours). */
static int
count_rows(struct conn *c, const char *table, int64_t *n)
{
	struct stmt *st = conn_stmt_built(c, built("SELECT count(*) FROM", table));
	int rc = step_row(c, st, "count rows");

	if (rc == 0) {
		*n = col_int(st, 0);
		stmt_reset(st);
	}
	conn_stmt_drop(c, st);
	return rc;
}

/* Every table in the source is one rosc knows. */
static int
check_tables(struct conn *c)
{
	struct stmt *st = STMT(c, "SELECT name FROM sqlite_master WHERE type = 'table' "
	    "AND name NOT LIKE 'sqlite_%'");
	int rc, bad = 0;

	while ((rc = stmt_step(st, "tables")) == STMT_ROW) {
		if (!store_table_known(col_cstr(st, 0))) {
			log_error("msg=\"a table rosc does not know how to copy\" table=%s",
			    col_cstr(st, 0));
			bad = 1;
		}
	}
	stmt_reset(st);
	return rc < 0 ? rc : bad ? ERR_INVALID : 0;
}

struct one_table {
	struct conn *from;
	const char *table;
	int64_t rows;
};

/* On the target's writer: every row of one table, as one bulk load. */
static int
copy_table(struct store_tx *tx, void *arg)
{
	struct one_table *t = arg;
	struct stmt *src = conn_stmt_built(t->from, built("SELECT * FROM", t->table));
	struct store_load *load = NULL;
	const char **vals = NULL;
	int rc, i, n = 0;

	t->rows = 0;
	while ((rc = stmt_step(src, t->table)) == STMT_ROW) {
		if (load == NULL) {
			const char **cols;

			n = col_count(src);
			cols = calloc((size_t)n, sizeof(*cols));
			vals = calloc((size_t)n, sizeof(*vals));
			if (cols == NULL || vals == NULL)
				die("out of memory");
			for (i = 0; i < n; i++)
				cols[i] = col_name(src, i);
			rc = store_load_begin(tx, t->table, cols, n, &load);
			free(cols);
			if (rc != 0)
				break;
		}
		for (i = 0; i < n; i++)
			vals[i] = col_cstr(src, i);
		if ((rc = store_load_row(load, vals)) != 0)
			break;
		t->rows++;
	}
	stmt_reset(src);
	conn_stmt_drop(t->from, src);
	if (load != NULL) {
		int end = store_load_end(load);

		if (rc >= 0)
			rc = end;
	}
	free(vals);
	return rc < 0 ? rc : 0;
}

int
store_copy(struct store *from, struct store *to, store_copy_fn fn, void *arg)
{
	struct conn *src, *dst;
	int cur_from, cur_to, latest, rc;
	int64_t have;
	size_t i;

	if ((rc = store_migration_status(from, &cur_from, &latest)) != 0 ||
	    (rc = store_migration_status(to, &cur_to, &latest)) != 0)
		return rc;
	if (cur_from != cur_to)
		return ERR_PENDING;
	src = store_reader(from);
	dst = store_reader(to);
	if (src == NULL || dst == NULL)
		return ERR_UNAVAILABLE;
	if (src->kind == DB_SQLITE && (rc = check_tables(src)) != 0)
		return rc;
	/* Only into an empty database: never mix two deployments. */
	for (i = 0; i < TABLE_COUNT; i++) {
		if ((rc = count_rows(dst, store_tables[i], &have)) != 0)
			return rc;
		if (have > 0) {
			log_error("msg=\"the target already holds data\" table=%s rows=%lld",
			    store_tables[i], (long long)have);
			return ERR_EXISTS;
		}
	}
	for (i = 0; i < TABLE_COUNT; i++) {
		struct one_table t = {src, store_tables[i], 0};
		int64_t n_from, n_to;

		if ((rc = store_write(to, copy_table, &t)) != 0) {
			log_error("msg=\"copying a table failed\" table=%s", store_tables[i]);
			return rc;
		}
		store_request_end(to);
		if ((rc = count_rows(src, store_tables[i], &n_from)) != 0 ||
		    (rc = count_rows(dst, store_tables[i], &n_to)) != 0)
			return rc;
		if (fn != NULL)
			fn(arg, store_tables[i], n_from, n_to);
		if (n_from != n_to || n_to != t.rows)
			return ERR_INVALID;
	}
	return 0;
}
