#include "test.h"
#include "tmpdir.h"

#include <pthread.h>
#include <sodium.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/rows.h"
#include "store/store.h"

static char url[256];

struct w {
	const char *key, *value;
	int fail_with;          /* returned after writing: must be rolled back */
	int sleep_ms;
	int rc, done;
	pthread_mutex_t *lock;
	pthread_cond_t *cond;
};

static int
write_fn(struct store_tx *tx, void *arg)
{
	struct w *w = arg;
	int rc;

	if (w->sleep_ms)
		usleep((useconds_t)w->sleep_ms * 1000);
	rc = store_tx_meta_set(tx, w->key, w->value);
	if (rc != 0)
		return rc;
	return w->fail_with;
}

/* A write whose SQL itself fails: a NULL value breaks NOT NULL. */
static int
bad_sql_fn(struct store_tx *tx, void *arg)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO meta (key, value) VALUES ('bad', NULL)");

	return step_done(tx->conn, st, "test");
}

static void
done_fn(void *arg, int rc)
{
	struct w *w = arg;

	pthread_mutex_lock(w->lock);
	w->rc = rc;
	w->done = 1;
	pthread_cond_broadcast(w->cond);
	pthread_mutex_unlock(w->lock);
}

static int
has_key(struct store *s, const char *key)
{
	struct arena a = ARENA_INIT;
	const char *v;
	int rc = store_meta_get(s, &a, key, &v);

	store_request_end(s);
	arena_free(&a);
	return rc == 0;
}

static void
failing_write_spoils_no_other_in_its_group(void **state)
{
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
	struct w ws[] = {
		{"slow", "1", 0, 100, 0, 0, &lock, &cond},   /* keeps the writer busy */
		{"b", "2", 0, 0, 0, 0, &lock, &cond},
		{"c", "3", ERR_INVALID, 0, 0, 0, &lock, &cond},
		{"d", "4", 0, 0, 0, 0, &lock, &cond},
		{"e", "5", ERR_CONFLICT, 0, 0, 0, &lock, &cond},
		{"f", "6", 0, 0, 0, 0, &lock, &cond},
	};
	size_t n = sizeof(ws) / sizeof(ws[0]), i;
	struct store_writer_stats st;
	struct store *s;

	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(store_write_async(s, write_fn, &ws[i], done_fn, &ws[i]), 0);
	pthread_mutex_lock(&lock);
	for (i = 0; i < n; i++)
		while (!ws[i].done)
			pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);

	assert_int_equal(ws[0].rc, 0);
	assert_int_equal(ws[1].rc, 0);
	assert_int_equal(ws[2].rc, ERR_INVALID);
	assert_int_equal(ws[3].rc, 0);
	assert_int_equal(ws[4].rc, ERR_CONFLICT);
	assert_int_equal(ws[5].rc, 0);
	assert_true(has_key(s, "slow"));
	assert_true(has_key(s, "b"));
	assert_false(has_key(s, "c"));     /* written, then rolled back */
	assert_true(has_key(s, "d"));
	assert_false(has_key(s, "e"));
	assert_true(has_key(s, "f"));

	/* b..f queued while "slow" ran: they went in one group. */
	store_writer_stats(s, &st);
	assert_true(st.max_group >= 5);
	assert_true(st.groups <= 3);
	assert_int_equal(st.writes, 6);
	assert_int_equal(st.failed, 2);
	store_close(s);
}

static void
failing_sql_is_contained(void **state)
{
	struct store *s;
	struct w ok = {"after-bad", "x", 0, 0, 0, 0, NULL, NULL};

	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_int_equal(store_write(s, bad_sql_fn, NULL), ERR_CONFLICT);
	assert_int_equal(store_write(s, write_fn, &ok), 0);
	assert_true(has_key(s, "after-bad"));
	assert_false(has_key(s, "bad"));
	store_close(s);
}

struct thread_arg {
	struct store *s;
	int id;
	int failures;
};

static void *
hammer(void *p)
{
	struct thread_arg *t = p;
	char key[32];
	int i;

	for (i = 0; i < 200; i++) {
		struct w w = {key, "v", 0, 0, 0, 0, NULL, NULL};

		snprintf(key, sizeof(key), "t%d-%d", t->id, i);
		if (store_write(t->s, write_fn, &w) != 0)
			t->failures++;
	}
	return NULL;
}

static void
many_threads_group_their_commits(void **state)
{
	struct thread_arg args[8];
	pthread_t th[8];
	struct store_writer_stats before, after;
	struct store *s;
	int i;

	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	store_writer_stats(s, &before);
	for (i = 0; i < 8; i++) {
		args[i] = (struct thread_arg){s, i, 0};
		pthread_create(&th[i], NULL, hammer, &args[i]);
	}
	for (i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(args[i].failures, 0);
	}
	store_writer_stats(s, &after);
	assert_int_equal(after.writes - before.writes, 1600);
	/* Fewer commits than writes: the point of grouping. */
	assert_true(after.groups - before.groups < 1600);
	assert_true(has_key(s, "t7-199"));
	store_close(s);
}

static void
queue_refuses_after_close_and_liveness_ping_works(void **state)
{
	struct store *s;

	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_int_equal(store_write(s, NULL, NULL), 0);   /* no-op ping */
	writer_stop(s);
	assert_int_equal(store_write(s, NULL, NULL), ERR_UNAVAILABLE);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(failing_write_spoils_no_other_in_its_group),
		cmocka_unit_test(failing_sql_is_contained),
		cmocka_unit_test(many_threads_group_their_commits),
		cmocka_unit_test(queue_refuses_after_close_and_liveness_ping_works),
	};
	struct store *s;
	int applied;

	if (sodium_init() < 0)
		return 1;
	make_tmpdir();
	snprintf(url, sizeof(url), "sqlite:%s/rosc.db", tmpdir);
	if (store_open(url, STORE_CREATE, &s) != 0 || store_migrate(s, &applied) != 0)
		return 1;
	store_close(s);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
