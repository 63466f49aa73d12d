/* The outcomes job: every few minutes, makes the programme outcome
 * reports' rows again for the persons written since (store/outcomes.h),
 * so that a report seldom has more than a few to make before it counts. */
#ifndef ROSC_JOBS_OUTCOMES_H
#define ROSC_JOBS_OUTCOMES_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct job;

#define OUTCOMES_KIND "outcomes"
#define OUTCOMES_EVERY_US (INT64_C(5) * 60 * 1000000)
/* At most this many persons a run; the next run goes on. */
#define OUTCOMES_MOST 100000

/* A job_fn (jobs/runner.h). Safe to repeat. */
int outcomes_run(struct store *s, const struct job *job, char *why, size_t whylen);

#endif
