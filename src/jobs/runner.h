/* Background work: the runner thread `rosc serve` starts. It claims due
 * jobs from the queue (store/jobs.h) and runs each kind's handler from a
 * small table, with retries and back-off. Several processes on one
 * PostgreSQL database may each run one: a claim is a lease that only one
 * of them gets, and that runs out if its process dies.
 *
 * A job may run more than once (its process died after the work but before
 * it was marked done, or it outlived its lease): handlers must be safe to
 * repeat. */
#ifndef ROSC_JOBS_RUNNER_H
#define ROSC_JOBS_RUNNER_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct job;

/* Attempts before a job is given up as failed. */
#define JOBS_MAX_ATTEMPTS 10
/* How long a claim holds: longer than any handler may take. */
#define JOBS_LEASE_US (INT64_C(5) * 60 * 1000000)

/* Runs one job. Returns 0 when done, or a negative enum err to try again
 * later; why (whylen bytes) may say what went wrong, for the log and
 * `rosc jobs`. Runs on the runner thread: it may wait on store_write(). */
typedef int (*job_fn)(struct store *s, const struct job *job, char *why, size_t whylen);

struct job_kind {
	const char *kind;         /* the job's short code */
	job_fn run;
	int64_t every_us;         /* > 0: a repeating job, queued again this
	                           * long after each run (and at start-up) */
};

/* How long to wait before the next try after `attempts` failed ones:
 * 30 s, doubling, at most 6 hours. */
int64_t jobs_backoff_us(int attempts);

/* Queues each repeating kind in table that is not queued yet, due now. */
int jobs_schedule(struct store *s, const struct job_kind *table, size_t n);

/* Runs jobs from table that are due now, one after another, as worker,
 * until none is due or max have run. Returns how many ran, or a negative
 * enum err. The runner thread's loop; tests call it directly. */
int jobs_run_due(struct store *s, const struct job_kind *table, size_t n,
    const char *worker, int max);

struct jobs_runner;

/* Starts the runner thread on the built-in table of kinds. NULL if the
 * thread cannot start (logged). */
struct jobs_runner *jobs_start(struct store *s);

/* Wakes the runner now (a job was queued that is due soon). */
void jobs_poke(struct jobs_runner *r);

/* Lets the job in hand finish, stops the thread and frees r. Call before
 * store_close(). */
void jobs_stop(struct jobs_runner *r);

#endif
