/* The single writer: one thread, one connection, group commit.
 *
 * Requests queue writes; the writer takes everything queued (up to
 * GROUP_MAX), runs each in its own SAVEPOINT inside one BEGIN IMMEDIATE ...
 * COMMIT, and only then tells each request how it went. With
 * synchronous=FULL that is one fsync per group instead of one per write:
 * durable and fast. A write whose function fails is rolled back to its
 * savepoint and spoils nothing else in the group. The access entries the
 * group wrote get one link of the access log's chain, in the same commit
 * (store/access_chain.h). When the queue is idle the writer checkpoints
 * the WAL so it does not grow without bound. */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"
#include "store/backend.h"

#define GROUP_MAX 512
#define CHECKPOINT_IDLE_SEC 5

struct item {
	store_write_fn fn;
	void *arg;
	store_done_fn done;
	void *done_arg;
	int rc;
	struct item *next;
};

struct writer {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct item *head, **tail;
	int stopping;
	struct conn *conn;
	struct store_writer_stats stats;
	unsigned commits_since_checkpoint;
};

/* Transaction control. On SQLite through statements kept prepared; on
 * PostgreSQL as simple queries (they cannot be prepared there). */
static int
tx_sql(struct conn *c, struct stmt *st, const char *sql)
{
	int rc;

	if (c->kind == DB_PG)
		return conn_exec(c, sql);
	rc = stmt_step(st, sql);
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : rc < 0 ? rc : ERR_DB;
}
#define TX_SQL(c, sql) tx_sql((c), (c)->kind == DB_PG ? NULL : STMT((c), sql), sql)

static void
run_group(struct writer *w, struct item *group)
{
	struct conn *c = w->conn;
	struct access_group ag = {0};
	struct store_tx tx = {c, &ag};
	struct item *it;
	bool sp_open;
	int rc, real = 0, n = 0;

	for (it = group; it; it = it->next) {
		n++;
		real += it->fn != NULL;
		it->rc = 0;
	}
	if (real == 0)
		goto done;     /* only liveness checks: nothing to commit */

	/* On PostgreSQL each SAVEPOINT rides in one simple query with the
	 * statement before it (BEGIN, or the previous write's RELEASE): one
	 * round trip less per write. */
	/* There the access chain's lock (the audit chain's) rides along too:
	 * taken once per commit, outside any savepoint, so no write's rollback
	 * lets go of it. SQLite's BEGIN IMMEDIATE has one writer already. */
	rc = c->lost ? pg_reconnect(c) : 0;
	if (rc == 0)
		rc = c->kind == DB_PG ?
		    conn_exec(c, "BEGIN; " CHAIN_LOCK_SQL "; SAVEPOINT w") :
		    TX_SQL(c, "BEGIN IMMEDIATE");
	if (rc != 0) {
		for (it = group; it; it = it->next)
			it->rc = rc;
		goto done;
	}
	sp_open = c->kind == DB_PG;
	for (it = group; it; it = it->next) {
		struct item *next_real = it->next;

		if (it->fn == NULL)
			continue;
		while (next_real != NULL && next_real->fn == NULL)
			next_real = next_real->next;
		rc = sp_open ? 0 : TX_SQL(c, "SAVEPOINT w");
		sp_open = false;
		if (rc == 0) {
			access_group_mark(&ag);
			it->rc = it->fn(&tx, it->arg);
			if (it->rc != 0) {
				TX_SQL(c, "ROLLBACK TO w");
				access_group_undo(&ag);
			}
			if (c->kind == DB_PG && next_real != NULL) {
				rc = conn_exec(c, "RELEASE w; SAVEPOINT w");
				sp_open = rc == 0;
			} else {
				rc = TX_SQL(c, "RELEASE w");
			}
		}
		if (rc != 0 && it->rc == 0)
			it->rc = rc;
	}
	/* One link for the access entries of the whole group, then the write
	 * functions' statements must not stay open over COMMIT. Without its
	 * link none of the group may commit. */
	rc = access_group_commit(c, &ag);
	conn_reset_all(c);
	if (rc == 0)
		rc = TX_SQL(c, "COMMIT");
	if (rc != 0) {
		TX_SQL(c, "ROLLBACK");
		for (it = group; it; it = it->next)
			if (it->rc == 0)
				it->rc = rc;
		c->store->audit_dirty = 0;
	} else {
		w->commits_since_checkpoint++;
		if (c->store->audit_dirty)
			audit_mirror_head(c->store, c);
		access_group_mirror(c->store, &ag);
	}
done:
	access_group_free(&ag);
	pthread_mutex_lock(&w->lock);
	w->stats.groups += real > 0;
	for (it = group; it; it = it->next) {
		if (it->fn == NULL)
			continue;
		w->stats.writes++;
		w->stats.failed += it->rc != 0;
	}
	if ((uint64_t)n > w->stats.max_group)
		w->stats.max_group = (uint64_t)n;
	pthread_mutex_unlock(&w->lock);
	while (group) {
		it = group;
		group = it->next;
		if (it->done)
			it->done(it->done_arg, it->rc);
		free(it);
	}
}

/* When idle, a TRUNCATE checkpoint (it waits for readers, then empties
 * the WAL file). While busy only a PASSIVE one: TRUNCATE would wait, with
 * the busy timeout, for a moment without readers that a loaded server
 * never has, and every write queues behind it (seen as ~1 s p99 spikes
 * on plan views in the benchmark). */
static void
checkpoint(struct writer *w, bool idle)
{
	conn_checkpoint(w->conn, idle);
	w->commits_since_checkpoint = 0;
}

static void *
writer_main(void *p)
{
	struct writer *w = p;
	struct item *group;
	struct timespec until;
	int n;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (w->head == NULL && !w->stopping) {
			if (w->commits_since_checkpoint == 0) {
				pthread_cond_wait(&w->cond, &w->lock);
				continue;
			}
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += CHECKPOINT_IDLE_SEC;
			if (pthread_cond_timedwait(&w->cond, &w->lock, &until) == ETIMEDOUT &&
			    w->head == NULL) {
				pthread_mutex_unlock(&w->lock);
				checkpoint(w, true);
				pthread_mutex_lock(&w->lock);
			}
		}
		if (w->head == NULL && w->stopping)
			break;
		/* Take up to GROUP_MAX items; the rest wait for the next group. */
		group = w->head;
		{
			struct item *last = group;

			for (n = 1; n < GROUP_MAX && last->next; n++)
				last = last->next;
			w->head = last->next;
			last->next = NULL;
			if (w->head == NULL)
				w->tail = &w->head;
		}
		pthread_mutex_unlock(&w->lock);
		run_group(w, group);
		/* Many commits in a row: checkpoint now and then even if busy. */
		if (w->commits_since_checkpoint >= 1000)
			checkpoint(w, false);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	if (w->commits_since_checkpoint)
		checkpoint(w, true);
	return NULL;
}

int
writer_start(struct store *s, struct conn *wconn)
{
	struct writer *w = calloc(1, sizeof(*w));

	if (w == NULL)
		die("out of memory");
	w->conn = wconn;
	w->tail = &w->head;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		log_error("msg=\"cannot start the writer thread\"");
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->cond);
		free(w);
		return ERR_NOMEM;
	}
	s->writer = w;
	return 0;
}

void
writer_stop(struct store *s)
{
	struct writer *w = s->writer;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	conn_close(w->conn);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	free(w);
	s->writer = NULL;
}

int
store_write_async(struct store *s, store_write_fn fn, void *arg,
    store_done_fn done, void *done_arg)
{
	struct writer *w = s->writer;
	struct item *it;

	if (w == NULL)
		return ERR_UNAVAILABLE;
	it = calloc(1, sizeof(*it));
	if (it == NULL)
		die("out of memory");
	it->fn = fn;
	it->arg = arg;
	it->done = done;
	it->done_arg = done_arg;
	pthread_mutex_lock(&w->lock);
	if (w->stopping) {
		pthread_mutex_unlock(&w->lock);
		free(it);
		return ERR_UNAVAILABLE;
	}
	*w->tail = it;
	w->tail = &it->next;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	return 0;
}

struct waiter {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int finished, rc;
};

static void
wake(void *p, int rc)
{
	struct waiter *wt = p;

	pthread_mutex_lock(&wt->lock);
	wt->finished = 1;
	wt->rc = rc;
	pthread_cond_signal(&wt->cond);
	pthread_mutex_unlock(&wt->lock);
}

int
store_write(struct store *s, store_write_fn fn, void *arg)
{
	struct waiter wt = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
	int rc;

	rc = store_write_async(s, fn, arg, wake, &wt);
	if (rc != 0)
		return rc;
	pthread_mutex_lock(&wt.lock);
	while (!wt.finished)
		pthread_cond_wait(&wt.cond, &wt.lock);
	pthread_mutex_unlock(&wt.lock);
	return wt.rc;
}

void
store_writer_stats(struct store *s, struct store_writer_stats *out)
{
	struct writer *w = s->writer;

	if (w == NULL) {
		*out = (struct store_writer_stats){0};
		return;
	}
	pthread_mutex_lock(&w->lock);
	*out = w->stats;
	pthread_mutex_unlock(&w->lock);
}
