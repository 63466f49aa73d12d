/* Which rosc process runs the background work (store.h): on PostgreSQL,
 * the one holding a session advisory lock, on a connection of its own, so
 * that the lock goes with the process: PostgreSQL ends the session of a
 * process that dies, and the next process to ask takes it. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/rows.h"

/* The lock's key, one per database: "rosc" in ASCII. */
#define RUNNER_KEY INT64_C(0x726f7363)
/* How long an answer stands before the connection is asked again. */
#define RUNNER_RECHECK_US (INT64_C(500) * 1000)

struct runner_lock {
	pthread_mutex_t mu;
	struct conn *conn;
	bool held;
	int64_t checked_us;
};

struct runner_lock *
runner_lock_new(void)
{
	struct runner_lock *l = calloc(1, sizeof(*l));

	if (l == NULL)
		die("out of memory");
	pthread_mutex_init(&l->mu, NULL);
	return l;
}

void
runner_lock_free(struct runner_lock *l)
{
	if (l == NULL)
		return;
	conn_close(l->conn);    /* the session ends, and the lock with it */
	pthread_mutex_destroy(&l->mu);
	free(l);
}

/* Asks the lock's connection, opened if need be: still there (held), or
 * free to take (not held). Called with l->mu held. */
static int
ask(struct store *s, struct runner_lock *l)
{
	struct stmt *st;
	int rc;

	if (l->conn != NULL && l->conn->lost) {
		conn_close(l->conn);
		l->conn = NULL;
		l->held = false;
	}
	if (l->conn == NULL && (rc = conn_open(DB_PG, s->path, 0, 0, &l->conn)) != 0) {
		l->conn = NULL;
		return rc;
	}
	if (l->held)
		st = STMT(l->conn, "SELECT 1");
	else
		st = STMT(l->conn, "SELECT CASE WHEN pg_try_advisory_lock(?1) THEN 1 ELSE 0 END");
	if (!l->held)
		bind_int(st, 1, RUNNER_KEY);
	rc = step_row(l->conn, st, "runner lock");
	if (rc == 0 && !l->held)
		l->held = col_int(st, 0) == 1;
	stmt_reset(st);
	if (rc != 0) {
		/* The session is gone, and the lock with it. */
		conn_close(l->conn);
		l->conn = NULL;
		l->held = false;
	}
	return rc;
}

int
store_runner_lock(struct store *s, bool *held)
{
	struct runner_lock *l = s->runner;
	int64_t now = clock_mono_us();
	int rc = 0;

	if (s->kind != DB_PG) {
		*held = true;
		return 0;
	}
	pthread_mutex_lock(&l->mu);
	if (l->conn == NULL || now - l->checked_us >= RUNNER_RECHECK_US) {
		rc = ask(s, l);
		l->checked_us = now;
	}
	*held = l->held;
	pthread_mutex_unlock(&l->mu);
	return rc;
}
