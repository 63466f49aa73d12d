/* The daily housekeeping job: removes sessions past their time, sign-in
 * throttle rows nobody needs any more, and old finished jobs. */
#ifndef ROSC_JOBS_HOUSEKEEPING_H
#define ROSC_JOBS_HOUSEKEEPING_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct job;

#define HOUSEKEEPING_KIND "housekeeping"
#define HOUSEKEEPING_EVERY_US (INT64_C(24) * 60 * 60 * 1000000)
/* A throttle row is forgotten a day after its last failure (blocks last at
 * most THROTTLE_MAX_US); the addresses in them are personal data. */
#define HOUSEKEEPING_THROTTLE_KEEP_US (INT64_C(24) * 60 * 60 * 1000000)
/* Finished jobs are kept 30 days, for `rosc jobs --all`. */
#define HOUSEKEEPING_JOBS_KEEP_US (INT64_C(30) * 24 * 60 * 60 * 1000000)

/* A job_fn (jobs/runner.h). */
int housekeeping_run(struct store *s, const struct job *job, char *why, size_t whylen);

#endif
