/* What the caseload shows of each person beyond their name, read for a
 * page of persons at once (ROWS_CHUNK a statement): each from the
 * person's grant, and only where the grant covers its category. */
#ifndef ROSC_STORE_CASELOAD_H
#define ROSC_STORE_CASELOAD_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct grant;
struct store;

/* The next appointment still planned or confirmed, from now on: one row
 * per person whose grant covers appointments and who has one. */
struct next_appt {
	const char *person_id;
	int64_t starts_us;
	const char *time_zone;
};
int store_next_appointments(struct store *s, struct arena *a, const struct grant *const *gs,
    size_t ngs, int64_t now, struct next_appt **out, size_t *n);

/* The current phase of each running pathway: one row per pathway of a
 * person whose grant covers the plan, a person's oldest first. code is
 * the template phase's ("" for a phase added for the person, whose name
 * is then its own); phase_due the day it is expected to end, or NULL. */
struct current_phase {
	const char *person_id, *template_id, *code, *name, *phase_due;
	int64_t seq;
};
int store_current_phases(struct store *s, struct arena *a, const struct grant *const *gs,
    size_t ngs, struct current_phase **out, size_t *n);

/* All three for a page of persons, with the check-ins from from_day on,
 * each sorted by person (the trends then by day). */
struct checkin_trend;
struct glance_rows {
	struct checkin_trend *t;
	struct next_appt *na;
	struct current_phase *ph;
	size_t nt, nna, nph;
};
int store_caseload_glance(struct store *s, struct arena *a, const struct grant *const *gs,
    size_t ngs, const char *from_day, int64_t now, struct glance_rows *out);

/* The policy_change and appointment_change counters (see flagcache.h):
 * what a page part kept between requests checks it was made at. */
int store_change_counters(struct store *s, int64_t *pgen, int64_t *agen);

#endif
