/* The check-in reminder job: every minute, queues in the outbox a gentle
 * reminder for each person whose check-in is due by the rhythm they chose,
 * at the time of day they chose, once per due period. */
#ifndef ROSC_JOBS_CHECKIN_REMINDERS_H
#define ROSC_JOBS_CHECKIN_REMINDERS_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct job;

#define CHECKIN_REMINDERS_KIND "checkin_reminders"
#define CHECKIN_REMINDERS_EVERY_US (INT64_C(60) * 1000000)

/* A job_fn (jobs/runner.h). Safe to repeat: each reminder is marked in
 * the same write that queues it. */
int checkin_reminders_run(struct store *s, const struct job *job, char *why, size_t whylen);

#endif
