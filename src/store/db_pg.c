/* The PostgreSQL backend's own part (libpq): one connection per thread,
 * statements prepared on first use with PQprepare, results read row by
 * row, and a reconnect after a lost connection.
 *
 * A lost connection is never a crash: the call that met it returns
 * ERR_UNAVAILABLE (the page says 503), and the next call on that thread
 * tries PQreset once; the log says when the database went and came back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"
#include "store/backend.h"

static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;   /* NOTICEs such as "already exists, skipping" */
}

/* The session settings every connection gets, again after a reconnect. */
static int
settle(struct conn *c, int readonly)
{
	PQsetNoticeProcessor(c->pg, quiet, NULL);
	if (pg_exec(c, "SET client_min_messages = warning") != 0)
		return ERR_UNAVAILABLE;
	if (readonly && pg_exec(c, "SET default_transaction_read_only = on") != 0)
		return ERR_UNAVAILABLE;
	return 0;
}

int
pg_open(const char *conninfo, int readonly, struct conn *c)
{
	c->pg = PQconnectdb(conninfo);
	if (c->pg == NULL)
		die("out of memory");
	if (PQstatus(c->pg) != CONNECTION_OK) {
		char *nl, *msg = PQerrorMessage(c->pg);

		if ((nl = strchr(msg, '\n')) != NULL)
			*nl = '\0';
		log_error("msg=\"cannot connect to PostgreSQL\" detail=\"%s\"", msg);
		return ERR_UNAVAILABLE;
	}
	c->lost = 0;
	return settle(c, readonly);
}

void
pg_close(struct conn *c)
{
	if (c->pg != NULL)
		PQfinish(c->pg);
	c->pg = NULL;
}

/* After an error: was it the connection? Marks it lost once, loudly. */
static int
check_lost(struct conn *c)
{
	if (PQstatus(c->pg) == CONNECTION_OK)
		return 0;
	if (!c->lost)
		log_error("msg=\"lost the connection to PostgreSQL\" detail=\"%s\"",
		    PQerrorMessage(c->pg));
	c->lost = 1;
	if (c->store != NULL)
		atomic_store(&c->store->down, 1);
	return 1;
}

int
pg_reconnect(struct conn *c)
{
	size_t i;

	PQreset(c->pg);
	if (PQstatus(c->pg) != CONNECTION_OK)
		return ERR_UNAVAILABLE;
	/* Prepared statements died with the old session. */
	for (i = 0; i < c->nstmts; i++) {
		c->stmts[i]->prepared = 0;
		pg_clear(c->stmts[i]);
	}
	c->lost = 0;
	if (settle(c, c->readonly) != 0)
		return ERR_UNAVAILABLE;
	if (c->store != NULL)
		atomic_store(&c->store->down, 0);
	log_info("msg=\"reconnected to PostgreSQL\"");
	return 0;
}

/* Maps a failed result to an enum err and logs it. */
static int
pg_error(struct conn *c, PGresult *res, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char *nl, *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(c->pg);

	if (check_lost(c))
		return ERR_UNAVAILABLE;
	if ((nl = strchr(msg, '\n')) != NULL)
		*nl = '\0';
	log_error("msg=\"database error\" what=\"%s\" code=%s detail=\"%s\"", what,
	    state ? state : "-", msg);
	if (state != NULL && strncmp(state, "23", 2) == 0)
		return ERR_CONFLICT;
	if (state != NULL && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0))
		return ERR_BUSY;
	return ERR_DB;
}

int
pg_exec(struct conn *c, const char *sql)
{
	PGresult *res;
	int rc = 0;

	if (c->lost)
		return ERR_UNAVAILABLE;
	res = PQexec(c->pg, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = pg_error(c, res, "exec");
	PQclear(res);
	return rc;
}

/* ?N becomes $N (outside quoted text); the rest is shared SQL. */
static char *
dollar_sql(const char *sql)
{
	char *out = strdup(sql), *p;
	int q = 0;

	if (out == NULL)
		die("out of memory");
	for (p = out; *p; p++) {
		if (*p == '\'')
			q = !q;
		else if (!q && *p == '?' && p[1] >= '0' && p[1] <= '9')
			*p = '$';
	}
	return out;
}

static int
prepare(struct stmt *st, const char *what)
{
	struct conn *c = st->conn;
	char *sql = dollar_sql(st->sql);
	PGresult *res = PQprepare(c->pg, st->name, sql, st->nparams, st->types);
	int rc = 0;

	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = pg_error(c, res, what);
		if (rc != ERR_UNAVAILABLE)
			die("cannot prepare \"%s\": %s", sql, PQresultErrorMessage(res));
	} else {
		st->prepared = 1;
	}
	PQclear(res);
	free(sql);
	return rc;
}

int
pg_step(struct stmt *st, const char *what)
{
	struct conn *c = st->conn;
	ExecStatusType status;
	int rc;

	if (st->res == NULL) {
		if (c->lost)
			return ERR_UNAVAILABLE;
		if (!st->prepared && (rc = prepare(st, what)) != 0)
			return rc;
		st->res = PQexecPrepared(c->pg, st->name, st->nparams, st->vals, NULL, NULL, 0);
		status = PQresultStatus(st->res);
		if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
			rc = pg_error(c, st->res, what);
			pg_clear(st);
			return rc;
		}
		st->row = 0;
		st->nrows = status == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
		c->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
	}
	if (st->row < st->nrows) {
		st->row++;
		return STMT_ROW;
	}
	return STMT_DONE;
}

void
pg_clear(struct stmt *st)
{
	if (st->res != NULL)
		PQclear(st->res);
	st->res = NULL;
	st->row = st->nrows = 0;
}
