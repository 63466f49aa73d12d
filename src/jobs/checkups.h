/* The check-up job: every few minutes, looks at the check-ups whose
 * grace period (CHECKUP_GRACE_DAYS after the conversation) has ended
 * while they are still due. One that counts as done
 * (store_checkup_answered) is recorded done; any other is marked missed,
 * the person gets a gentle reminder through the outbox (in their
 * language, on the channel they chose for reminders, nothing sensitive
 * in it), and the early-warning look is queued, so that the rule of kind
 * missed_checkup raises a follow-up task for a named person once its
 * threshold has passed. */
#ifndef ROSC_JOBS_CHECKUPS_H
#define ROSC_JOBS_CHECKUPS_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct job;

#define CHECKUPS_KIND "checkups"
#define CHECKUPS_EVERY_US (INT64_C(5) * 60 * 1000000)

/* A job_fn (jobs/runner.h). Safe to repeat: a check-up is marked missed,
 * and its reminder queued, in one write that holds only while it is due. */
int checkups_run(struct store *s, const struct job *job, char *why, size_t whylen);

/* The same for now (the job, and tests): how many were marked missed, or
 * a negative enum err. */
int checkups_look(struct store *s, int64_t now);

#endif
