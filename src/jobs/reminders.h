/* The reminder job: every minute, queues in the outbox the appointment
 * reminders that have come due, each once, as each person chose. */
#ifndef ROSC_JOBS_REMINDERS_H
#define ROSC_JOBS_REMINDERS_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct job;

#define REMINDERS_KIND "reminders"
#define REMINDERS_EVERY_US (INT64_C(60) * 1000000)

/* A job_fn (jobs/runner.h). Safe to repeat: each reminder is marked in
 * the same write that queues it. */
int reminders_run(struct store *s, const struct job *job, char *why, size_t whylen);

#endif
