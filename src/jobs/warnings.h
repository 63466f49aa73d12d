/* Early warning (core/warning.h): the jobs that look at a person's rules.
 * "warnings" is queued for one person by whatever may make a rule fire
 * (a check-in, a questionnaire answered, an appointment marked missed, a
 * check-up marked missed, a press of Help now); the sweep runs every few
 * minutes for what time alone makes true (a check-in rhythm broken, a
 * referral answer overdue, a missed check-up's week gone by). Each
 * raises, for each rule that fires on evidence newer than its last flag,
 * a follow-up task for the first person in the network the door lets see
 * the evidence. */
#ifndef ROSC_JOBS_WARNINGS_H
#define ROSC_JOBS_WARNINGS_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct job;

#define WARNINGS_KIND "warnings"
#define WARNINGS_SWEEP_KIND "warnings-sweep"
#define WARNINGS_SWEEP_EVERY_US (INT64_C(5) * 60 * 1000000)

/* job_fns (jobs/runner.h); safe to repeat: a flag is raised at most once
 * per episode. */
int warnings_run(struct store *s, const struct job *job, char *why, size_t whylen);
int warnings_sweep_run(struct store *s, const struct job *job, char *why, size_t whylen);

/* Looks at one person's rules now (the jobs, and tests): how many flags
 * were raised, or a negative enum err. */
int warnings_check_person(struct store *s, const char *person_id, int64_t now);

#endif
