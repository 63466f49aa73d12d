/* The job queue (migration 0007): background work that must happen once,
 * later, even if the process that asked for it stops (see src/jobs/).
 *
 * A job is queued until run_at_us, then claimed by one runner under a
 * lease (claimed_by, claimed_until_us), then done, queued again for a
 * retry, or failed. A running job whose lease ran out is claimed again. */
#ifndef ROSC_STORE_JOBS_H
#define ROSC_STORE_JOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct store_tx;

struct job {
	const char *id, *kind, *payload;
	const char *state;        /* queued, running, done, failed */
	int64_t run_at_us;
	int attempts;             /* claims so far, this one included */
	const char *last_error;   /* NULL if none */
	const char *claimed_by;   /* the runner that has it, or had it last */
	int64_t claimed_until_us; /* 0 when not running */
	int64_t created_us, finished_us;
};

/* Queues a job in the caller's transaction, so it exists exactly when
 * what causes it does. payload is text (JSON by convention; NULL for
 * none). once_key, if not NULL, is unique among queued and running jobs:
 * while one with the same key waits, nothing is added (and 0 returned). */
int store_tx_job_enqueue(struct store_tx *tx, const char *kind, const char *payload,
    int64_t run_at_us, const char *once_key);

/* Claims the earliest job due at now (queued and due, or running with its
 * lease run out) for worker until lease_until_us, counting an attempt.
 * Fills out (strings in a). Returns 0, ERR_NOT_FOUND when nothing is due,
 * or an error. Only one claimer gets a job: the UPDATE repeats the
 * condition, so a claimer that lost a race changes no row and tries the
 * next candidate. */
int store_tx_job_claim(struct store_tx *tx, struct arena *a, const char *worker,
    int64_t now, int64_t lease_until_us, struct job *out);

/* Ends a claimed job: done, queued again for run_at_us with the error
 * noted, or failed. Each returns ERR_NOT_FOUND if worker no longer holds
 * the job (its lease ran out and another runner took it). */
int store_tx_job_done(struct store_tx *tx, const char *id, const char *worker, int64_t now);
int store_tx_job_retry(struct store_tx *tx, const char *id, const char *worker,
    int64_t run_at_us, const char *error);
int store_tx_job_fail(struct store_tx *tx, const char *id, const char *worker,
    int64_t now, const char *error);

/* When the next job can be claimed: the earliest run_at_us of a queued job
 * or claimed_until_us of a running one. ERR_NOT_FOUND if there is none.
 * Reads on this thread's connection; call store_request_end() after. */
int store_job_next_due(struct store *s, int64_t *at);

/* Jobs for the command line, in the order they run: those queued, running
 * or failed, and with all also those done. At most limit. */
int store_jobs_list(struct store *s, struct arena *a, bool all, int limit,
    struct job **out, size_t *n);

/* What housekeeping removed. */
struct housekeeping_counts {
	int64_t sessions, throttles, jobs;
};

/* Housekeeping: deletes sessions past their idle or absolute time,
 * sign-in throttle rows whose last failure is before throttle_before and
 * which block nothing at now, and jobs that ended before jobs_before. */
int store_tx_housekeep(struct store_tx *tx, int64_t now, int64_t idle_before,
    int64_t started_before, int64_t throttle_before, int64_t jobs_before,
    struct housekeeping_counts *out);

#endif
