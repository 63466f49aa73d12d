/* The job queue on SQLite: back-off, claims under a lease, retries and
 * giving up (store/jobs.c, jobs/runner.c). */
#include "test.h"
#include "tmpdir.h"

#include <pthread.h>
#include <sodium.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "jobs/runner.h"
#include "store/jobs.h"
#include "store/store.h"

#define SEC INT64_C(1000000)

static char url[256];
static int64_t t0;

/* Sets the test clock (the writer is idle whenever this is called). */
static void
set_now(int64_t us)
{
	char v[28];

	clock_format_instant(us, v);
	setenv("ROSC_TEST_NOW", v, 1);
}

static struct store *
fresh_store(void)
{
	static int n;
	struct store *s;
	int applied;

	snprintf(url, sizeof(url), "sqlite:%s/jobs%d.db", tmpdir, n++);
	assert_int_equal(store_open(url, STORE_CREATE, &s), 0);
	assert_int_equal(store_migrate(s, &applied), 0);
	set_now(t0);
	return s;
}

struct enqueue {
	const char *kind, *once_key;
	int64_t at;
};

static int
enqueue_fn(struct store_tx *tx, void *arg)
{
	struct enqueue *e = arg;

	return store_tx_job_enqueue(tx, e->kind, "{}", e->at, e->once_key);
}

static void
enqueue(struct store *s, const char *kind, int64_t at, const char *once_key)
{
	struct enqueue e = {kind, once_key, at};

	assert_int_equal(store_write(s, enqueue_fn, &e), 0);
}

struct claim {
	struct arena a;
	const char *worker;
	int64_t now, lease_until;
	struct job job;
};

static int
claim_fn(struct store_tx *tx, void *arg)
{
	struct claim *c = arg;

	return store_tx_job_claim(tx, &c->a, c->worker, c->now, c->lease_until, &c->job);
}

/* Claims as worker at now with the standard lease: 0 or ERR_NOT_FOUND. */
static int
claim(struct store *s, struct claim *c, const char *worker, int64_t now)
{
	memset(c, 0, sizeof(*c));
	c->worker = worker;
	c->now = now;
	c->lease_until = now + JOBS_LEASE_US;
	return store_write(s, claim_fn, c);
}

/* The one job of kind in the queue (any state), copied into a. */
static struct job
only_job(struct store *s, struct arena *a, const char *kind)
{
	struct job *jobs, found = {0};
	size_t n, i, seen = 0;

	assert_int_equal(store_jobs_list(s, a, true, 100, &jobs, &n), 0);
	store_request_end(s);
	for (i = 0; i < n; i++) {
		if (strcmp(jobs[i].kind, kind) == 0 && strcmp(jobs[i].state, "done") != 0) {
			found = jobs[i];
			seen++;
		}
	}
	assert_int_equal(seen, 1);
	return found;
}

static void
backoff_doubles_up_to_six_hours(void **state)
{
	(void)state;
	assert_int_equal(jobs_backoff_us(1), 30 * SEC);
	assert_int_equal(jobs_backoff_us(2), 60 * SEC);
	assert_int_equal(jobs_backoff_us(3), 120 * SEC);
	assert_int_equal(jobs_backoff_us(10), 512 * 30 * SEC);
	assert_int_equal(jobs_backoff_us(11), 6 * 3600 * SEC);
	assert_int_equal(jobs_backoff_us(1000), 6 * 3600 * SEC);
	assert_int_equal(jobs_backoff_us(0), 30 * SEC);
}

static void
two_claimers_never_get_the_same_job(void **state)
{
	struct store *s = fresh_store();
	struct claim a, b, c;

	(void)state;
	enqueue(s, "x", t0, NULL);
	enqueue(s, "x", t0 + 1, NULL);
	enqueue(s, "x", t0 + 3600 * SEC, NULL);     /* not due yet */
	assert_int_equal(claim(s, &a, "one", t0 + 10), 0);
	assert_int_equal(claim(s, &b, "two", t0 + 10), 0);
	assert_string_not_equal(a.job.id, b.job.id);
	assert_int_equal(a.job.run_at_us, t0);        /* the earliest first */
	assert_int_equal(a.job.attempts, 1);
	assert_string_equal(a.job.state, "running");
	assert_string_equal(b.job.claimed_by, "two");
	assert_int_equal(claim(s, &c, "one", t0 + 10), ERR_NOT_FOUND);
	arena_free(&a.a);
	arena_free(&b.a);
	arena_free(&c.a);
	store_close(s);
}

#define NTHREADS 8
#define NJOBS 40

struct racer {
	struct store *s;
	char worker[16];
	char ids[NJOBS][40];
	int got;
};

static void *
race(void *p)
{
	struct racer *r = p;
	struct claim c;

	while (claim(r->s, &c, r->worker, t0 + NJOBS) == 0) {
		snprintf(r->ids[r->got++], sizeof(r->ids[0]), "%s", c.job.id);
		arena_free(&c.a);
	}
	arena_free(&c.a);
	return NULL;
}

static void
many_threads_claim_each_job_once(void **state)
{
	struct store *s = fresh_store();
	struct racer r[NTHREADS];
	pthread_t t[NTHREADS];
	int i, j, k, l, total = 0;

	(void)state;
	for (i = 0; i < NJOBS; i++)
		enqueue(s, "x", t0 + i, NULL);
	for (i = 0; i < NTHREADS; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].s = s;
		snprintf(r[i].worker, sizeof(r[i].worker), "w%d", i);
		assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
	}
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < NTHREADS; i++) {
		total += r[i].got;
		for (j = 0; j < r[i].got; j++)
			for (k = i; k < NTHREADS; k++)
				for (l = k == i ? j + 1 : 0; l < r[k].got; l++)
					assert_string_not_equal(r[i].ids[j], r[k].ids[l]);
	}
	assert_int_equal(total, NJOBS);
	store_close(s);
}

struct done {
	const char *id, *worker;
};

static int
done_fn(struct store_tx *tx, void *arg)
{
	struct done *d = arg;

	return store_tx_job_done(tx, d->id, d->worker, t0);
}

static void
an_expired_lease_is_claimed_again(void **state)
{
	struct store *s = fresh_store();
	struct claim a, b;

	(void)state;
	enqueue(s, "x", t0, NULL);
	assert_int_equal(claim(s, &a, "dies", t0), 0);
	/* Its process is gone; until the lease runs out nobody else gets it. */
	assert_int_equal(claim(s, &b, "other", t0 + JOBS_LEASE_US - 1), ERR_NOT_FOUND);
	arena_free(&b.a);
	assert_int_equal(claim(s, &b, "other", t0 + JOBS_LEASE_US), 0);
	assert_string_equal(a.job.id, b.job.id);
	assert_int_equal(b.job.attempts, 2);
	/* The first holder lost it: its outcome is refused. */
	{
		struct arena x = ARENA_INIT;
		struct job j = only_job(s, &x, "x");
		struct done d = {a.job.id, "dies"};

		assert_string_equal(j.claimed_by, "other");
		assert_int_equal(store_write(s, done_fn, &d), ERR_NOT_FOUND);
		d.worker = "other";
		assert_int_equal(store_write(s, done_fn, &d), 0);
		arena_free(&x);
	}
	arena_free(&a.a);
	arena_free(&b.a);
	store_close(s);
}

/* A handler that fails, counting its calls. */
static int calls;

static int
flaky(struct store *s, const struct job *job, char *why, size_t whylen)
{
	(void)s;
	(void)job;
	calls++;
	snprintf(why, whylen, "the mail server said no");
	return ERR_UNAVAILABLE;
}

static int
fine(struct store *s, const struct job *job, char *why, size_t whylen)
{
	(void)s;
	(void)job;
	(void)why;
	(void)whylen;
	calls++;
	return 0;
}

static const struct job_kind flaky_table[] = {{"flaky", flaky, 0}};

static void
a_failed_attempt_is_tried_later_and_given_up_after_the_maximum(void **state)
{
	struct store *s = fresh_store();
	struct arena a = ARENA_INIT;
	struct job j;
	int64_t now = t0;
	int i;

	(void)state;
	calls = 0;
	enqueue(s, "flaky", t0, NULL);
	assert_int_equal(jobs_run_due(s, flaky_table, 1, "w", 10), 1);
	assert_int_equal(calls, 1);
	j = only_job(s, &a, "flaky");
	assert_string_equal(j.state, "queued");
	assert_int_equal(j.attempts, 1);
	assert_int_equal(j.run_at_us, t0 + 30 * SEC);
	assert_string_equal(j.last_error, "the mail server said no");
	/* Not before its time. */
	set_now(t0 + 29 * SEC);
	assert_int_equal(jobs_run_due(s, flaky_table, 1, "w", 10), 0);
	assert_int_equal(calls, 1);
	/* Then again and again, each wait twice the last, until the maximum. */
	for (i = 1; i < JOBS_MAX_ATTEMPTS; i++) {
		now += jobs_backoff_us(i);
		set_now(now);
		assert_int_equal(jobs_run_due(s, flaky_table, 1, "w", 10), 1);
		assert_int_equal(calls, i + 1);
	}
	j = only_job(s, &a, "flaky");
	assert_string_equal(j.state, "failed");
	assert_int_equal(j.attempts, JOBS_MAX_ATTEMPTS);
	assert_int_equal(j.finished_us, now);
	set_now(now + 86400 * SEC);
	assert_int_equal(jobs_run_due(s, flaky_table, 1, "w", 10), 0);
	assert_int_equal(calls, JOBS_MAX_ATTEMPTS);
	arena_free(&a);
	store_close(s);
}

static void
a_repeating_job_is_queued_once_and_again_after_each_run(void **state)
{
	static const struct job_kind table[] = {{"daily", fine, 86400 * SEC}};
	struct store *s = fresh_store();
	struct arena a = ARENA_INIT;
	struct job *jobs, j;
	size_t n;

	(void)state;
	calls = 0;
	/* Several processes start: one job. */
	assert_int_equal(jobs_schedule(s, table, 1), 0);
	assert_int_equal(jobs_schedule(s, table, 1), 0);
	j = only_job(s, &a, "daily");
	assert_int_equal(j.run_at_us, t0);
	assert_int_equal(jobs_run_due(s, table, 1, "w", 10), 1);
	assert_int_equal(calls, 1);
	/* Done, and the next one waits a day. */
	j = only_job(s, &a, "daily");
	assert_string_equal(j.state, "queued");
	assert_int_equal(j.run_at_us, t0 + 86400 * SEC);
	assert_int_equal(store_jobs_list(s, &a, false, 100, &jobs, &n), 0);
	store_request_end(s);
	assert_int_equal(n, 1);                 /* without --all: not the done one */
	assert_int_equal(store_jobs_list(s, &a, true, 100, &jobs, &n), 0);
	store_request_end(s);
	assert_int_equal(n, 2);
	assert_string_equal(jobs[0].state, "done");
	assert_int_equal(jobs_schedule(s, table, 1), 0);
	only_job(s, &a, "daily");
	set_now(t0 + 86400 * SEC);
	assert_int_equal(jobs_run_due(s, table, 1, "w", 10), 1);
	assert_int_equal(calls, 2);
	arena_free(&a);
	store_close(s);
}

/* A job no handler here knows waits for a rosc that knows it. */
static void
an_unknown_kind_is_retried_not_lost(void **state)
{
	struct store *s = fresh_store();
	struct arena a = ARENA_INIT;
	struct job j;

	(void)state;
	enqueue(s, "from-the-future", t0, NULL);
	assert_int_equal(jobs_run_due(s, flaky_table, 1, "w", 10), 1);
	j = only_job(s, &a, "from-the-future");
	assert_string_equal(j.state, "queued");
	assert_int_equal(j.run_at_us, t0 + 30 * SEC);
	arena_free(&a);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(backoff_doubles_up_to_six_hours),
		cmocka_unit_test(two_claimers_never_get_the_same_job),
		cmocka_unit_test(many_threads_claim_each_job_once),
		cmocka_unit_test(an_expired_lease_is_claimed_again),
		cmocka_unit_test(a_failed_attempt_is_tried_later_and_given_up_after_the_maximum),
		cmocka_unit_test(a_repeating_job_is_queued_once_and_again_after_each_run),
		cmocka_unit_test(an_unknown_kind_is_retried_not_lost),
	};

	if (sodium_init() < 0)
		return 1;
	make_tmpdir();
	clock_parse_instant("2026-03-03T10:00:00Z", &t0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
