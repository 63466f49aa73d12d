/* Connections and statements for both backends: what is common, and the
 * switch to the backend's own part. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"
#include "store/backend.h"
#include "store/rows.h"

int
conn_open(enum db_kind kind, const char *target, int flags, int readonly,
    struct conn **out)
{
	struct conn *c = calloc(1, sizeof(*c));
	int rc;

	if (c == NULL)
		die("out of memory");
	c->kind = kind;
	c->readonly = readonly;
	rc = kind == DB_PG ? pg_open(target, readonly, c) :
	    lite_open(target, flags, readonly, c);
	if (rc != 0) {
		conn_close(c);
		return rc;
	}
	*out = c;
	return 0;
}

static void
stmt_free(struct stmt *st)
{
	if (st->lite != NULL)
		sqlite3_finalize(st->lite);
	if (st->res != NULL)
		PQclear(st->res);
	free(st->vals);
	free(st->ints);
	free(st->types);
	if (st->owned)
		free((char *)st->sql);
	free(st);
}

void
conn_close(struct conn *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nstmts; i++)
		stmt_free(c->stmts[i]);
	free(c->stmts);
	if (c->kind == DB_PG)
		pg_close(c);
	else
		lite_close(c);
	free(c);
}

/* The number of parameters: the highest ?N in the text (outside quotes). */
static int
count_params(const char *sql)
{
	int n = 0, q = 0;
	const char *p;

	for (p = sql; *p; p++) {
		if (*p == '\'')
			q = !q;
		else if (!q && *p == '?' && p[1] >= '0' && p[1] <= '9') {
			int v = atoi(p + 1);

			if (v > n)
				n = v;
		}
	}
	return n;
}

struct stmt *
conn_stmt(struct conn *c, const char *sql)
{
	struct stmt *st;
	size_t i;

	for (i = 0; i < c->nstmts; i++)
		if (c->stmts[i]->sql == sql)
			return c->stmts[i];
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		die("out of memory");
	st->sql = sql;
	st->conn = c;
	if (c->kind == DB_SQLITE) {
		if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
		    &st->lite, NULL) != SQLITE_OK)
			die("cannot prepare \"%s\": %s", sql, sqlite3_errmsg(c->db));
	} else {
		st->nparams = count_params(sql);
		snprintf(st->name, sizeof(st->name), "s%lu", c->named++);
		if (st->nparams > 0) {
			st->vals = calloc((size_t)st->nparams, sizeof(*st->vals));
			st->ints = calloc((size_t)st->nparams, sizeof(*st->ints));
			st->types = calloc((size_t)st->nparams, sizeof(*st->types));
			if (st->vals == NULL || st->ints == NULL || st->types == NULL)
				die("out of memory");
		}
	}
	if (c->nstmts == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->stmts = realloc(c->stmts, c->cap * sizeof(*c->stmts));
		if (c->stmts == NULL)
			die("out of memory");
	}
	c->stmts[c->nstmts++] = st;
	return st;
}

struct stmt *
conn_stmt_built(struct conn *c, char *sql)
{
	struct stmt *st = conn_stmt(c, sql);

	st->owned = 1;
	return st;
}

void
conn_stmt_drop(struct conn *c, struct stmt *st)
{
	size_t i;

	for (i = 0; i < c->nstmts; i++) {
		if (c->stmts[i] == st) {
			c->stmts[i] = c->stmts[--c->nstmts];
			if (c->kind == DB_PG && st->prepared) {
				char sql[32];

				snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
				conn_exec(c, sql);
			}
			stmt_free(st);
			return;
		}
	}
}

void
conn_reset_all(struct conn *c)
{
	size_t i;

	for (i = 0; i < c->nstmts; i++) {
		struct stmt *st = c->stmts[i];
		int busy = c->kind == DB_SQLITE ? sqlite3_stmt_busy(st->lite) :
		    st->res != NULL;

		if (busy) {
#ifndef NDEBUG
			log_warn("msg=\"statement left open at end of request\" sql=\"%.60s\"",
			    st->sql);
#endif
			stmt_reset(st);
		}
		if (c->kind == DB_SQLITE)
			sqlite3_clear_bindings(st->lite);
		else if (st->nparams > 0)
			memset(st->vals, 0, (size_t)st->nparams * sizeof(*st->vals));
	}
}

int
conn_exec(struct conn *c, const char *sql)
{
	return c->kind == DB_PG ? pg_exec(c, sql) : lite_exec(c, sql);
}

int
conn_begin(struct conn *c)
{
	return conn_exec(c, c->kind == DB_PG ? "BEGIN" : "BEGIN IMMEDIATE");
}

int
conn_lock_audit(struct conn *c)
{
	return c->kind == DB_PG ? conn_exec(c, CHAIN_LOCK_SQL) : 0;
}

void
conn_checkpoint(struct conn *c, bool wait)
{
	int rc;

	if (c->kind != DB_SQLITE)
		return;
	rc = sqlite3_wal_checkpoint_v2(c->db, NULL, wait ? SQLITE_CHECKPOINT_TRUNCATE :
	    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
		log_error("msg=\"checkpoint failed\" detail=\"%s\"", sqlite3_errmsg(c->db));
}

/* Binding */

static void
pg_bind(struct stmt *st, int i, const char *v, Oid type)
{
	if (i < 1 || i > st->nparams)
		die("parameter %d out of range in \"%s\"", i, st->sql);
	st->vals[i - 1] = v;
	if (!st->prepared && v != NULL)
		st->types[i - 1] = type;
}

void
bind_text(struct stmt *st, int i, const char *s)
{
	if (st->conn->kind == DB_PG) {
		pg_bind(st, i, s, 25 /* text */);
		return;
	}
	if (s == NULL)
		sqlite3_bind_null(st->lite, i);
	else
		sqlite3_bind_text(st->lite, i, s, -1, SQLITE_STATIC);
}

void
bind_int(struct stmt *st, int i, int64_t v)
{
	if (st->conn->kind == DB_PG) {
		if (i < 1 || i > st->nparams)
			die("parameter %d out of range in \"%s\"", i, st->sql);
		snprintf(st->ints[i - 1], sizeof(st->ints[i - 1]), "%lld", (long long)v);
		pg_bind(st, i, st->ints[i - 1], 20 /* int8 */);
		return;
	}
	sqlite3_bind_int64(st->lite, i, v);
}

void
bind_double(struct stmt *st, int i, double v)
{
	if (st->conn->kind == DB_PG) {
		if (i < 1 || i > st->nparams)
			die("parameter %d out of range in \"%s\"", i, st->sql);
		snprintf(st->ints[i - 1], sizeof(st->ints[i - 1]), "%.15g", v);
		pg_bind(st, i, st->ints[i - 1], 701 /* float8 */);
		return;
	}
	sqlite3_bind_double(st->lite, i, v);
}

void
bind_untyped(struct stmt *st, int i, const char *s)
{
	if (st->conn->kind == DB_PG)
		pg_bind(st, i, s, 0);
	else
		bind_text(st, i, s);
}

void
bind_null(struct stmt *st, int i)
{
	if (st->conn->kind == DB_PG)
		pg_bind(st, i, NULL, 0);
	else
		sqlite3_bind_null(st->lite, i);
}

/* Stepping */

int
stmt_step(struct stmt *st, const char *what)
{
	return st->conn->kind == DB_PG ? pg_step(st, what) : lite_step(st, what);
}

void
stmt_reset(struct stmt *st)
{
	if (st->conn->kind == DB_PG)
		pg_clear(st);
	else
		sqlite3_reset(st->lite);
}

/* Columns */

int
col_null(struct stmt *st, int i)
{
	if (st->conn->kind == DB_PG)
		return st->res == NULL || PQgetisnull(st->res, st->row - 1, i);
	return sqlite3_column_type(st->lite, i) == SQLITE_NULL;
}

const char *
col_cstr(struct stmt *st, int i)
{
	if (st->conn->kind == DB_PG)
		return col_null(st, i) ? NULL : PQgetvalue(st->res, st->row - 1, i);
	return (const char *)sqlite3_column_text(st->lite, i);
}

int64_t
col_int(struct stmt *st, int i)
{
	const char *s;

	if (st->conn->kind == DB_SQLITE)
		return sqlite3_column_int64(st->lite, i);
	if (col_null(st, i))
		return 0;
	s = PQgetvalue(st->res, st->row - 1, i);
	if (s[0] == 't' && s[1] == '\0')
		return 1;     /* a boolean expression (EXISTS, comparisons) */
	if (s[0] == 'f' && s[1] == '\0')
		return 0;
	return strtoll(s, NULL, 10);
}

double
col_double(struct stmt *st, int i)
{
	if (st->conn->kind == DB_SQLITE)
		return sqlite3_column_double(st->lite, i);
	if (col_null(st, i))
		return 0;
	return strtod(PQgetvalue(st->res, st->row - 1, i), NULL);
}

int
col_count(struct stmt *st)
{
	if (st->conn->kind == DB_PG)
		return st->res ? PQnfields(st->res) : 0;
	return sqlite3_column_count(st->lite);
}

const char *
col_name(struct stmt *st, int i)
{
	if (st->conn->kind == DB_PG)
		return st->res ? PQfname(st->res, i) : NULL;
	return sqlite3_column_name(st->lite, i);
}

const char *
col_text(struct arena *a, struct stmt *st, int i)
{
	if (col_null(st, i))
		return NULL;
	if (st->conn->kind == DB_PG)
		return arena_strndup(a, PQgetvalue(st->res, st->row - 1, i),
		    (size_t)PQgetlength(st->res, st->row - 1, i));
	return arena_strndup(a, (const char *)sqlite3_column_text(st->lite, i),
	    (size_t)sqlite3_column_bytes(st->lite, i));
}

/* Helpers for the SQL files */

int
db_error(struct conn *c, int rc, const char *what)
{
	(void)c;
	if (rc < 0)
		return rc;     /* logged where it happened */
	log_error("msg=\"unexpected database result\" what=\"%s\" code=%d", what, rc);
	return ERR_DB;
}

int
step_done(struct conn *c, struct stmt *st, const char *what)
{
	int rc = stmt_step(st, what);

	(void)c;
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : rc < 0 ? rc : ERR_DB;
}

int
step_changed(struct conn *c, struct stmt *st, const char *what)
{
	int rc = step_done(c, st, what);

	if (rc == 0 && c->changes == 0)
		rc = ERR_NOT_FOUND;
	return rc;
}

int
step_row(struct conn *c, struct stmt *st, const char *what)
{
	int rc = stmt_step(st, what);

	(void)c;
	if (rc == STMT_ROW)
		return 0;
	stmt_reset(st);
	return rc == STMT_DONE ? ERR_NOT_FOUND : rc;
}

int
rows_claim(struct conn *c, struct stmt *find, struct stmt *take, struct arena *a,
    const char *worker, int64_t now, int64_t lease_until,
    void (*read)(struct arena *a, struct stmt *st, void *row), void *out)
{
	const char *id;
	int rc, tries;

	for (tries = 0; tries < 8; tries++) {
		bind_int(find, 1, now);
		rc = step_row(c, find, "claim find");
		if (rc != 0)
			return rc;
		id = col_text(a, find, 0);
		stmt_reset(find);
		bind_text(take, 1, id);
		bind_text(take, 2, worker);
		bind_int(take, 3, lease_until);
		bind_int(take, 4, now);
		rc = step_row(c, take, "claim");
		if (rc == 0) {
			read(a, take, out);
			stmt_reset(take);
			return 0;
		}
		if (rc != ERR_NOT_FOUND)
			return rc;
	}
	return ERR_NOT_FOUND;      /* busy with others: the next round */
}

int
step_end(int rc)
{
	return rc == STMT_DONE || rc == STMT_ROW ? 0 : rc;
}

const char *
like_pattern(struct arena *a, const char *word)
{
	size_t i, k = 0, len = strlen(word);
	char *p = arena_alloc(a, 2 * len + 3);

	p[k++] = '%';
	for (i = 0; i < len; i++) {
		if (word[i] == '\\' || word[i] == '%' || word[i] == '_')
			p[k++] = '\\';
		p[k++] = word[i];
	}
	p[k++] = '%';
	p[k] = '\0';
	return p;
}

void
rows_read_text(struct arena *a, struct stmt *st, void *row)
{
	*(const char **)row = col_text(a, st, 0);
}

void *
rows_grow(struct arena *a, void *old, size_t *cap, size_t sz)
{
	void *p = arena_alloc(a, *cap * 2 * sz);

	memcpy(p, old, *cap * sz);
	*cap *= 2;
	return p;
}

int
rows_collect(struct stmt *st, struct arena *a, size_t cap, size_t size,
    void (*read)(struct arena *a, struct stmt *st, void *row), void **out, size_t *n,
    const char *step_what, const char *what)
{
	char *rows = arena_alloc(a, cap * size);
	int rc;

	*n = 0;
	while ((rc = stmt_step(st, step_what)) == STMT_ROW) {
		if (*n == cap)
			rows = rows_grow(a, rows, &cap, size);
		read(a, st, rows + (*n)++ * size);
	}
	stmt_reset(st);
	*out = rows;
	return rc == STMT_DONE ? 0 : db_error(st->conn, rc, what);
}
