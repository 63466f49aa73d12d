/* Recovery check-ups (Recovery Management Checkups, Scott & Dennis 2009):
 * when treatment ends, a check-up every few months for at least two
 * years, each a set of questionnaires and a conversation with the
 * person's coordinator or peer worker; a missed one is followed up.
 * This is the arithmetic of the schedule, the statuses and the checks on
 * what is typed into a plan. No HTTP, no SQL. */
#ifndef ROSC_CORE_CHECKUP_H
#define ROSC_CORE_CHECKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A plan's defaults and limits: quarterly for two years; at least two
 * years, because the evidence for check-ups is for years, not months; at
 * most ten. */
#define CHECKUP_EVERY_DEFAULT 3
#define CHECKUP_EVERY_MIN 1
#define CHECKUP_EVERY_MAX 12
#define CHECKUP_FOR_DEFAULT 24
#define CHECKUP_FOR_MIN 24
#define CHECKUP_FOR_MAX 120
#define CHECKUP_MAX (CHECKUP_FOR_MAX / CHECKUP_EVERY_MIN)
#define CHECKUP_TIME_DEFAULT "10:00"
#define CHECKUP_MINUTES 45
/* How many days after its conversation a check-up not done is missed. */
#define CHECKUP_GRACE_DAYS 7
/* A plan may start this many days back (treatment that ended lately). */
#define CHECKUP_START_BACK_DAYS 92
/* and at most this many days ahead. */
#define CHECKUP_START_AHEAD_DAYS 366

/* In the order of the schema's CHECK (0022_checkups.sql). */
enum checkup_status {
	CK_DUE,               /* ahead, or not yet recorded */
	CK_DONE,
	CK_MISSED,            /* not done within the grace period */
	CK_CANCELLED,         /* its plan was stopped */
	CK_COUNT
};
const char *checkup_status_code(enum checkup_status s);
bool checkup_status_parse(const char *s, enum checkup_status *out);
/* In plain words, in the thread's language. */
const char *checkup_status_label(enum checkup_status s);
/* May a check-up move from `from` to `to`? Due to done, missed or
 * cancelled; missed to done (it happened late) or cancelled. */
bool checkup_may(enum checkup_status from, enum checkup_status to);

/* The date `months` calendar months after ymd ("YYYY-MM-DD") into out;
 * a day the month does not have is its last day (31 January + 1 month is
 * 28 February, or 29 in a leap year). False if ymd is no date. */
bool checkup_add_months(const char *ymd, int months, char out[11]);

/* A plan's due dates: starts_on + k * every months for k = 1 ... for /
 * every (each counted from the start, so that a clamped month end does
 * not creep: 31 Jan, 28 Feb, 31 Mar). Up to max dates into due; how many
 * (0 if the plan is out of range). Quarterly for two years: 8. */
size_t checkup_schedule(const char *starts_on, int every_months, int for_months,
    char (*due)[11], size_t max);

/* Whether a check-up still due at due_us is missed at now: its grace
 * period has passed. */
bool checkup_is_missed(int64_t due_us, int64_t now);

/* A plan as typed (a form or JSON), and what is wrong with it. */
struct checkup_input {
	const char *starts_on, *every, *for_months, *at_time;
	const char **questionnaires;   /* the codes ticked */
	size_t nquestionnaires;
};
struct checkup_problem {
	const char *field, *code;      /* "required", "invalid_format",
	                                * "out_of_range", "invalid_choice" */
};
/* A plan's fields once checked. */
struct checkup_plan_fields {
	char starts_on[11], at_time[6];
	int every, for_months;
	const char *questionnaires;    /* codes separated by spaces, in a */
};
struct arena;
/* Checks in against today ("YYYY-MM-DD"); fills *out. How many problems
 * (the first max in p). The questionnaire codes must be of those known
 * (checkup_questionnaire_known). */
size_t checkup_check_input(struct arena *a, const struct checkup_input *in, const char *today,
    struct checkup_plan_fields *out, struct checkup_problem *p, size_t max);
/* The questionnaires a check-up may ask for (shipped with rosc). */
extern const char *const checkup_questionnaire_codes[];
extern const size_t checkup_nquestionnaires;
bool checkup_questionnaire_known(const char *code);

/* A time "HH:MM" moved on by minutes (for a time the clocks skip), into
 * out; false if hm is no time. */
bool checkup_time_later(const char *hm, int minutes, char out[6]);

#endif
