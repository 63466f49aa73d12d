/* SQL for the job queue (store/jobs.h) and for housekeeping. */
#include "store/jobs.h"

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "base/log.h"
#include "store/accounts.h"
#include "store/backend.h"
#include "store/rows.h"

#define JOB_COLS "id, kind, payload, state, run_at_us, attempts, last_error, " \
	"claimed_by, claimed_until_us, created_us, finished_us"

/* What may be claimed at ?N: queued and due, or running with its lease
 * run out. Written once, used by the search and by the claim itself. */
#define CLAIMABLE(n) "((state = 'queued' AND run_at_us <= ?" n ") OR " \
	"(state = 'running' AND claimed_until_us <= ?" n "))"

static void
read_job(struct arena *a, struct stmt *st, void *row)
{
	struct job *j = row;

	j->id = col_text(a, st, 0);
	j->kind = col_text(a, st, 1);
	j->payload = col_text(a, st, 2);
	j->state = col_text(a, st, 3);
	j->run_at_us = col_int(st, 4);
	j->attempts = (int)col_int(st, 5);
	j->last_error = col_text(a, st, 6);
	j->claimed_by = col_text(a, st, 7);
	j->claimed_until_us = col_int(st, 8);
	j->created_us = col_int(st, 9);
	j->finished_us = col_int(st, 10);
}

int
store_tx_job_enqueue(struct store_tx *tx, const char *kind, const char *payload,
    int64_t run_at_us, const char *once_key)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO job (id, kind, payload, once_key, "
	    "state, run_at_us, attempts, created_us) VALUES (?1, ?2, ?3, ?4, 'queued', ?5, 0, ?6) "
	    "ON CONFLICT (once_key) DO NOTHING");
	char id[ID_LEN + 1];

	id_new(id);
	bind_text(st, 1, id);
	bind_text(st, 2, kind);
	bind_text(st, 3, payload ? payload : "");
	if (once_key)
		bind_text(st, 4, once_key);
	else
		bind_null(st, 4);
	bind_int(st, 5, run_at_us);
	bind_int(st, 6, clock_now_us());
	return step_done(tx->conn, st, "job enqueue");
}

int
store_tx_job_claim(struct store_tx *tx, struct arena *a, const char *worker,
    int64_t now, int64_t lease_until_us, struct job *out)
{
	struct conn *c = tx->conn;
	struct stmt *find = STMT(c, "SELECT id FROM job WHERE " CLAIMABLE("1")
	    " ORDER BY run_at_us, id LIMIT 1");
	struct stmt *take = STMT(c, "UPDATE job SET state = 'running', claimed_by = ?2, "
	    "claimed_until_us = ?3, attempts = attempts + 1 WHERE id = ?1 AND " CLAIMABLE("4")
	    " RETURNING " JOB_COLS);

	return rows_claim(c, find, take, a, worker, now, lease_until_us, read_job, out);
}

int
store_tx_job_done(struct store_tx *tx, const char *id, const char *worker, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE job SET state = 'done', once_key = NULL, "
	    "finished_us = ?3, claimed_until_us = NULL "
	    "WHERE id = ?1 AND claimed_by = ?2 AND state = 'running'");

	bind_text(st, 1, id);
	bind_text(st, 2, worker);
	bind_int(st, 3, now);
	return step_changed(tx->conn, st, "job done");
}

int
store_tx_job_retry(struct store_tx *tx, const char *id, const char *worker,
    int64_t run_at_us, const char *error)
{
	struct stmt *st = STMT(tx->conn, "UPDATE job SET state = 'queued', run_at_us = ?3, "
	    "last_error = ?4, claimed_until_us = NULL "
	    "WHERE id = ?1 AND claimed_by = ?2 AND state = 'running'");

	bind_text(st, 1, id);
	bind_text(st, 2, worker);
	bind_int(st, 3, run_at_us);
	bind_text(st, 4, error);
	return step_changed(tx->conn, st, "job retry");
}

int
store_tx_job_fail(struct store_tx *tx, const char *id, const char *worker,
    int64_t now, const char *error)
{
	struct stmt *st = STMT(tx->conn, "UPDATE job SET state = 'failed', once_key = NULL, "
	    "last_error = ?4, finished_us = ?3, claimed_until_us = NULL "
	    "WHERE id = ?1 AND claimed_by = ?2 AND state = 'running'");

	bind_text(st, 1, id);
	bind_text(st, 2, worker);
	bind_int(st, 3, now);
	bind_text(st, 4, error);
	return step_changed(tx->conn, st, "job fail");
}

int
store_job_next_due(struct store *s, int64_t *at)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT min(CASE WHEN state = 'queued' THEN run_at_us "
	    "ELSE claimed_until_us END) FROM job WHERE state IN ('queued', 'running')");
	if ((rc = step_row(c, st, "job next due")) != 0)
		return rc;
	rc = col_null(st, 0) ? ERR_NOT_FOUND : 0;
	*at = col_int(st, 0);
	stmt_reset(st);
	return rc;
}

int
store_jobs_list(struct store *s, struct arena *a, bool all, int limit,
    struct job **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " JOB_COLS " FROM job WHERE ?1 = 1 OR state <> 'done' "
	    "ORDER BY run_at_us, id LIMIT ?2");
	bind_int(st, 1, all);
	bind_int(st, 2, limit);
	rc = rows_collect(st, a, 16, sizeof(**out), read_job, &rows, n, "jobs list",
	    "jobs list");
	*out = rows;
	return rc;
}

/* Housekeeping */

int
store_tx_housekeep(struct store_tx *tx, int64_t now, int64_t idle_before,
    int64_t started_before, int64_t throttle_before, int64_t jobs_before,
    struct housekeeping_counts *out)
{
	struct conn *c = tx->conn;
	struct stmt *st;
	int rc;

	*out = (struct housekeeping_counts){0};
	/* The statement the sign-in path also uses now and then. */
	if ((rc = store_tx_sessions_expire(tx, idle_before, started_before)) != 0)
		return rc;
	out->sessions = c->changes;
	/* Sign-ins that never got their second factor's code (they wait 10
	 * minutes; anything older than a session's idle time is long gone). */
	st = STMT(c, "DELETE FROM signin_pending WHERE created_us < ?1");
	bind_int(st, 1, idle_before);
	if ((rc = step_done(c, st, "housekeep signin pending")) != 0)
		return rc;
	st = STMT(c, "DELETE FROM signin_throttle WHERE last_failure_us < ?1 "
	    "AND blocked_until_us <= ?2");
	bind_int(st, 1, throttle_before);
	bind_int(st, 2, now);
	if ((rc = step_done(c, st, "housekeep throttle")) != 0)
		return rc;
	out->throttles = c->changes;
	st = STMT(c, "DELETE FROM job WHERE state IN ('done', 'failed') AND finished_us < ?1");
	bind_int(st, 1, jobs_before);
	if ((rc = step_done(c, st, "housekeep jobs")) != 0)
		return rc;
	out->jobs = c->changes;
	return 0;
}
