/* Bulk loading (see load.h): PostgreSQL's COPY in its text format, or a
 * prepared INSERT on SQLite.
 *
 * An exception to "SQL is literal, values are bound": a COPY or INSERT names
 * its table and columns, and identifiers cannot be bound parameters. So
 * the statement is put together here, from identifiers that must be one of
 * rosc's own tables (store_table_known) and plain lower-case column names;
 * anything else is refused before any SQL is made. Values are never part
 * of the text: they are bound (SQLite) or sent as COPY data, escaped. */
#include "store/load.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/log.h"
#include "store/backend.h"
#include "store/rows.h"
#include "store/tables.h"

#define FLUSH_AT (256 * 1024)

struct store_load {
	struct conn *conn;
	const char *table;
	int ncols;
	int rc;                   /* the first error */
	struct stmt *ins;         /* SQLite */
	char *pending;            /* PostgreSQL: COPY data not yet sent */
	size_t len, cap;
};

static void
put(struct store_load *l, const char *s, size_t n)
{
	if (l->len + n > l->cap) {
		while (l->len + n > l->cap)
			l->cap = l->cap ? l->cap * 2 : 64 * 1024;
		if ((l->pending = realloc(l->pending, l->cap)) == NULL)
			die("out of memory");
	}
	memcpy(l->pending + l->len, s, n);
	l->len += n;
}

/* One value in COPY's text format: \N for NULL, special bytes escaped. */
static void
put_value(struct store_load *l, const char *v)
{
	const char *p, *run;

	if (v == NULL) {
		put(l, "\\N", 2);
		return;
	}
	for (run = p = v; *p; p++) {
		const char *esc = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" :
		    *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : NULL;

		if (esc != NULL) {
			put(l, run, (size_t)(p - run));
			put(l, esc, 2);
			run = p + 1;
		}
	}
	put(l, run, (size_t)(p - run));
}

static int
flush(struct store_load *l)
{
	if (l->len > 0 && PQputCopyData(l->conn->pg, l->pending, (int)l->len) != 1) {
		log_error("msg=\"COPY failed\" table=%s detail=\"%s\"", l->table,
		    PQerrorMessage(l->conn->pg));
		return ERR_DB;
	}
	l->len = 0;
	return 0;
}

/* A column name as rosc's schema writes them: [a-z0-9_], not empty. */
static bool
plain_name(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

int
store_load_begin(struct store_tx *tx, const char *table, const char *const *cols,
    int ncols, struct store_load **out)
{
	struct store_load *l = calloc(1, sizeof(*l));
	struct arena a = ARENA_INIT;
	struct buf names, vals;
	char *sql;
	int i, rc = 0;

	if (l == NULL)
		die("out of memory");
	for (i = 0; i < ncols && plain_name(cols[i]); i++)
		;
	if (!store_table_known(table) || ncols < 1 || i < ncols) {
		log_error("msg=\"bulk load refused: not a rosc table or column\" table=\"%.64s\"",
		    table);
		free(l);
		return ERR_INVALID;
	}
	l->conn = tx->conn;
	l->table = table;
	l->ncols = ncols;
	buf_init(&names, &a);
	buf_init(&vals, &a);
	for (i = 0; i < ncols; i++) {
		buf_printf(&names, "%s\"%s\"", i ? ", " : "", cols[i]);
		buf_printf(&vals, "%s?%d", i ? ", " : "", i + 1);
	}
	if (l->conn->kind == DB_PG) {
		PGresult *res;

		/* Identifiers only, checked above (see the comment at the top). */
		if (asprintf(&sql, "COPY %s (%s) FROM STDIN", table, names.data) < 0)
			die("out of memory");
		res = PQexec(l->conn->pg, sql);
		if (PQresultStatus(res) != PGRES_COPY_IN) {
			log_error("msg=\"COPY refused\" table=%s detail=\"%s\"", table,
			    PQresultErrorMessage(res));
			rc = ERR_DB;
		}
		PQclear(res);
		free(sql);
	} else {
		/* Identifiers and ?N placeholders only: values are bound. */
		if (asprintf(&sql, "INSERT INTO %s (%s) VALUES (%s)", table, names.data,
		    vals.data) < 0)
			die("out of memory");
		l->ins = conn_stmt_built(l->conn, sql);
	}
	arena_free(&a);
	if (rc != 0) {
		free(l);
		return rc;
	}
	*out = l;
	return 0;
}

int
store_load_row(struct store_load *l, const char *const *vals)
{
	int i;

	if (l->rc != 0)
		return l->rc;
	if (l->ins != NULL) {
		for (i = 0; i < l->ncols; i++) {
			if (vals[i] == NULL)
				bind_null(l->ins, i + 1);
			else
				bind_untyped(l->ins, i + 1, vals[i]);
		}
		l->rc = step_done(l->conn, l->ins, l->table);
		return l->rc;
	}
	for (i = 0; i < l->ncols; i++) {
		if (i > 0)
			put(l, "\t", 1);
		put_value(l, vals[i]);
	}
	put(l, "\n", 1);
	if (l->len >= FLUSH_AT)
		l->rc = flush(l);
	return l->rc;
}

int
store_load_end(struct store_load *l)
{
	int rc = l->rc;

	if (l->conn->kind == DB_PG) {
		PGresult *res;

		if (rc == 0)
			rc = flush(l);
		if (PQputCopyEnd(l->conn->pg, rc == 0 ? NULL : "rosc stopped the load") != 1 &&
		    rc == 0)
			rc = ERR_DB;
		while ((res = PQgetResult(l->conn->pg)) != NULL) {
			if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0) {
				log_error("msg=\"COPY failed\" table=%s detail=\"%s\"", l->table,
				    PQresultErrorMessage(res));
				rc = ERR_DB;
			}
			PQclear(res);
		}
	}
	if (l->ins != NULL)
		conn_stmt_drop(l->conn, l->ins);
	free(l->pending);
	free(l);
	return rc;
}
