/* The runner: one thread per `rosc serve` that claims due jobs and runs
 * them (jobs/runner.h). It looks at the queue once a second (a cheap read
 * on its own connection) or when poked; claims and outcomes are small
 * writes through the process's one writer, like any request's. */
#include "jobs/runner.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "base/log.h"
#include "jobs/access_check.h"
#include "jobs/checkin_reminders.h"
#include "jobs/checkups.h"
#include "jobs/housekeeping.h"
#include "jobs/outcomes.h"
#include "jobs/reminders.h"
#include "jobs/warnings.h"
#include "store/jobs.h"
#include "store/store.h"

/* Every kind of job this program runs. */
static const struct job_kind kinds[] = {
	{HOUSEKEEPING_KIND, housekeeping_run, HOUSEKEEPING_EVERY_US},
	{ACCESS_CHECK_KIND, access_check_run, ACCESS_CHECK_EVERY_US},
	{REMINDERS_KIND, reminders_run, REMINDERS_EVERY_US},
	{WARNINGS_KIND, warnings_run, 0},
	{WARNINGS_SWEEP_KIND, warnings_sweep_run, WARNINGS_SWEEP_EVERY_US},
	{CHECKIN_REMINDERS_KIND, checkin_reminders_run, CHECKIN_REMINDERS_EVERY_US},
	{CHECKUPS_KIND, checkups_run, CHECKUPS_EVERY_US},
	{OUTCOMES_KIND, outcomes_run, OUTCOMES_EVERY_US},
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

int64_t
jobs_backoff_us(int attempts)
{
	const int64_t first = INT64_C(30) * 1000000, most = INT64_C(6) * 60 * 60 * 1000000;
	int64_t us = first;

	while (--attempts > 0 && us < most)
		us *= 2;
	return us < most ? us : most;
}

struct repeat {
	const struct job_kind *table;
	size_t n;
	int64_t now;
};

static int
schedule_fn(struct store_tx *tx, void *arg)
{
	struct repeat *r = arg;
	size_t i;
	int rc;

	for (i = 0; i < r->n; i++) {
		if (r->table[i].every_us <= 0)
			continue;
		rc = store_tx_job_enqueue(tx, r->table[i].kind, NULL, r->now, r->table[i].kind);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
jobs_schedule(struct store *s, const struct job_kind *table, size_t n)
{
	struct repeat r = {table, n, clock_now_us()};

	return store_write(s, schedule_fn, &r);
}

struct claim {
	struct arena *a;
	const char *worker;
	int64_t now;
	struct job job;
};

static int
claim_fn(struct store_tx *tx, void *arg)
{
	struct claim *c = arg;

	return store_tx_job_claim(tx, c->a, c->worker, c->now, c->now + JOBS_LEASE_US, &c->job);
}

enum outcome { DONE, RETRY, FAIL };

struct finish {
	const struct job *job;
	const struct job_kind *kind;    /* NULL: none in this program */
	const char *worker, *error;
	enum outcome outcome;
	int64_t now, retry_at;
};

/* The outcome, and for a repeating kind that ended (done or failed) the
 * next run, in one transaction: there is always exactly one queued. */
static int
finish_fn(struct store_tx *tx, void *arg)
{
	struct finish *f = arg;
	int rc;

	switch (f->outcome) {
	case DONE:
		rc = store_tx_job_done(tx, f->job->id, f->worker, f->now);
		break;
	case RETRY:
		return store_tx_job_retry(tx, f->job->id, f->worker, f->retry_at, f->error);
	default:
		rc = store_tx_job_fail(tx, f->job->id, f->worker, f->now, f->error);
		break;
	}
	if (rc == 0 && f->kind != NULL && f->kind->every_us > 0)
		rc = store_tx_job_enqueue(tx, f->kind->kind, NULL, f->now + f->kind->every_us,
		    f->kind->kind);
	return rc;
}

/* Runs a claimed job and writes how it went. */
static void
run_claimed(struct store *s, const struct job_kind *table, size_t n, const char *worker,
    const struct job *job)
{
	struct finish f = {job, NULL, worker, NULL, DONE, 0, 0};
	char why[256] = "";
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if (strcmp(table[i].kind, job->kind) == 0)
			f.kind = &table[i];
	if (job->attempts > JOBS_MAX_ATTEMPTS) {
		/* Claimed again and again without an outcome: its runs kill the
		 * process, or outlive the lease. */
		rc = ERR_BUSY;
		snprintf(why, sizeof(why), "its lease ran out %d times", job->attempts - 1);
	} else if (f.kind == NULL) {
		/* A newer rosc on the same database may know it. */
		rc = ERR_NOT_FOUND;
		snprintf(why, sizeof(why), "no handler for this kind in this rosc");
	} else {
		rc = f.kind->run(s, job, why, sizeof(why));
		store_request_end(s);   /* no statement pins a snapshot */
	}
	f.now = clock_now_us();
	if (rc != 0 && why[0] == '\0')
		snprintf(why, sizeof(why), "%s", err_str(rc));
	f.error = why;
	if (rc == 0)
		f.outcome = DONE;
	else if (job->attempts < JOBS_MAX_ATTEMPTS)
		f.outcome = RETRY;
	else
		f.outcome = FAIL;
	f.retry_at = f.now + jobs_backoff_us(job->attempts);
	if (f.outcome == RETRY)
		log_warn("msg=\"job will be tried again\" kind=%s id=%s attempt=%d in_s=%lld error=\"%s\"",
		    job->kind, job->id, job->attempts,
		    (long long)((f.retry_at - f.now) / 1000000), why);
	else if (f.outcome == FAIL)
		log_error("msg=\"job failed\" kind=%s id=%s attempts=%d error=\"%s\"",
		    job->kind, job->id, job->attempts, why);
	rc = store_write(s, finish_fn, &f);
	if (rc == ERR_NOT_FOUND)
		log_warn("msg=\"job outlived its lease; another runner has it\" kind=%s id=%s",
		    job->kind, job->id);
	else if (rc != 0)
		log_error("msg=\"cannot record a job's outcome; it runs again after its lease\" "
		    "kind=%s id=%s error=%s", job->kind, job->id, err_str(rc));
}

int
jobs_run_due(struct store *s, const struct job_kind *table, size_t n,
    const char *worker, int max)
{
	int ran = 0, rc = 0;
	int64_t at;

	while (ran < max) {
		struct arena a = ARENA_INIT;
		struct claim c = {&a, worker, clock_now_us(), {0}};

		/* A read first: an idle queue costs no write. */
		rc = store_job_next_due(s, &at);
		store_request_end(s);
		if (rc == ERR_NOT_FOUND || (rc == 0 && at > c.now)) {
			rc = 0;
			break;
		}
		if (rc == 0)
			rc = store_write(s, claim_fn, &c);
		if (rc == 0) {
			run_claimed(s, table, n, worker, &c.job);
			ran++;
		}
		arena_free(&a);
		if (rc != 0)
			break;
	}
	/* ERR_NOT_FOUND: another runner was quicker; the next round. */
	return rc != 0 && rc != ERR_NOT_FOUND ? rc : ran;
}

struct jobs_runner {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;      /* on CLOCK_MONOTONIC */
	int stopping, poked;
	struct store *store;
	char worker[128];
};

static void *
runner_main(void *p)
{
	struct jobs_runner *r = p;
	struct timespec until;
	bool scheduled = false, failing = false, held = false;
	int rc, was = -1;

	pthread_mutex_lock(&r->lock);
	while (!r->stopping) {
		pthread_mutex_unlock(&r->lock);
		/* One process at a time runs the jobs (store_runner_lock()); the
		 * others wait their turn, asking each second. */
		rc = store_runner_lock(r->store, &held);
		if (rc == 0 && (int)held != was) {
			if (held)
				log_info("msg=\"this process runs the background work\"");
			else
				log_info("msg=\"another process runs the background work\"");
			was = held;
		}
		if (rc == 0 && held && !scheduled) {
			rc = jobs_schedule(r->store, kinds, NKINDS);
			scheduled = rc == 0;
		}
		if (rc == 0 && held)
			rc = jobs_run_due(r->store, kinds, NKINDS, r->worker, 1);
		/* Said once, not every second while the database is away. */
		if (rc < 0 && !failing)
			log_warn("msg=\"background work waits for the database\" error=%s",
			    err_str(rc));
		failing = rc < 0;
		pthread_mutex_lock(&r->lock);
		if (rc > 0 || r->poked || r->stopping) {
			r->poked = 0;
			continue;     /* one job ran: maybe more are due */
		}
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += 1;
		while (!r->poked && !r->stopping &&
		    pthread_cond_timedwait(&r->cond, &r->lock, &until) != ETIMEDOUT)
			;
		r->poked = 0;
	}
	pthread_mutex_unlock(&r->lock);
	store_request_end(r->store);
	return NULL;
}

struct jobs_runner *
jobs_start(struct store *s)
{
	struct jobs_runner *r = calloc(1, sizeof(*r));
	pthread_condattr_t ca;
	char host[64] = "", tag[ID_LEN + 1];

	if (r == NULL)
		die("out of memory");
	r->store = s;
	gethostname(host, sizeof(host) - 1);
	id_new(tag);
	/* Who holds a claim, for `rosc jobs`: this machine and process. */
	snprintf(r->worker, sizeof(r->worker), "%s:%ld:%.8s", host, (long)getpid(), tag);
	pthread_mutex_init(&r->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&r->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&r->thread, NULL, runner_main, r) != 0) {
		log_error("msg=\"cannot start the background work thread\"");
		pthread_mutex_destroy(&r->lock);
		pthread_cond_destroy(&r->cond);
		free(r);
		return NULL;
	}
	return r;
}

void
jobs_poke(struct jobs_runner *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&r->lock);
	r->poked = 1;
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

void
jobs_stop(struct jobs_runner *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&r->lock);
	r->stopping = 1;
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->thread, NULL);
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->cond);
	free(r);
}
