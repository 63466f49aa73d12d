/* The access log's background check: every 10 minutes it goes on with
 * the chain from the link the last check reached and records how far it
 * is intact, for the person's log page (see store/access_chain.h). */
#ifndef ROSC_JOBS_ACCESS_CHECK_H
#define ROSC_JOBS_ACCESS_CHECK_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct job;

#define ACCESS_CHECK_KIND "access_check"
#define ACCESS_CHECK_EVERY_US (INT64_C(10) * 60 * 1000000)

/* A job_fn (jobs/runner.h). A break found is logged and recorded, not a
 * failure of the job. */
int access_check_run(struct store *s, const struct job *job, char *why, size_t whylen);

#endif
