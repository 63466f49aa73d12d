/* Programme outcomes: what an organisation's system of care achieves, as
 * aggregates over the persons it serves, never a person. The store counts
 * (store/outcomes.c, over the persons and categories the organisation may
 * see); this file turns the counts into figures and hides every figure
 * that could pick someone out:
 *
 *   - a count built from 1 to OC_MIN - 1 persons is not shown;
 *   - in a group of counts that add up to a total that is shown (the
 *     referrals by status, the persons served as new and continuing), a
 *     single hidden count could be worked out from the total and the rest,
 *     so the next smallest count is hidden too (complementary suppression);
 *   - a share is shown only when both its parts (those with and those
 *     without) are shown, and a mean or median only over OC_MIN persons.
 *
 * No HTTP, no SQL. */
#ifndef ROSC_CORE_OUTCOME_H
#define ROSC_CORE_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/plan.h"
#include "core/referral.h"

#define OC_MIN 5

/* The reports, each a part of the whole ("outcomes"). */
enum oc_report {
	OR_OUTCOMES,          /* every section below */
	OR_ENGAGEMENT,        /* served, retention, start within 14 days */
	OR_CHECKUPS,
	OR_RECOVERY_CAPITAL,  /* BARC-10 */
	OR_WELLBEING,         /* WHO-5 */
	OR_FOLLOW_UP,         /* warning flags, lapses */
	OR_REFERRALS,
	OR_REINTEGRATION,     /* goals reached by life domain */
	OR_COUNT
};
const char *oc_report_code(enum oc_report r);
bool oc_report_parse(const char *s, enum oc_report *out);

enum oc_section {
	OS_SERVED,
	OS_RETENTION,
	OS_START,
	OS_CHECKUPS,
	OS_BARC10,
	OS_WHO5,
	OS_FLAGS,
	OS_LAPSES,
	OS_REFERRALS,
	OS_GOALS,
	OS_COUNT
};
const char *oc_section_code(enum oc_section s);
/* The report a section belongs to. */
enum oc_report oc_section_report(enum oc_section s);
bool oc_report_has(enum oc_report r, enum oc_section s);

/* Retention is measured this many days after care began (3, 6, 12
 * months). */
#define OC_RETAIN_N 3
extern const int oc_retain_days[OC_RETAIN_N];
extern const int oc_retain_months[OC_RETAIN_N];
/* Treatment "started in time": within this many days of first contact. */
#define OC_START_DAYS 14
/* Questionnaire scores: at the first answer (0), and about 6, 12 and 24
 * months after it: the first answer in [lo, hi] days after the first. */
#define OC_TIMES 4
extern const int oc_time_months[OC_TIMES];
extern const int oc_time_lo[OC_TIMES], oc_time_hi[OC_TIMES];
/* BARC-10 total of this or more: the cut-off that predicted sustained
 * remission. WHO-5 (0-100) above 50: no sign of depression; a rise of 10
 * points or more is a change that matters. */
#define OC_BARC10_GOOD 47
#define OC_WHO5_GOOD 51
#define OC_WHO5_BETTER 10
/* The life domains reintegration goals are counted in. */
#define OC_DOMAINS 4
extern const enum domain oc_domains[OC_DOMAINS];

/* Days from an event to the next (median): a histogram, day -> count. */
struct oc_days {
	int *day;
	long *count;
	size_t n;
	long persons;         /* distinct persons behind it */
};

/* A count and the distinct persons it is built from. */
struct oc_count {
	long n, persons;
};

struct oc_scores {
	/* At the first answer (t = 0): persons, their sum, those at "good".
	 * At t > 0: persons with both answers, the sum of their first and of
	 * their later scores, "good" at each, and those who rose by
	 * OC_WHO5_BETTER or more. */
	long n, sum_first, sum_then, good_first, good_then, better;
};

/* A yes-or-no measure: all, and those with and without (each with its
 * persons: an event measure, such as check-ups done, may count one person
 * in both parts). */
struct oc_pair {
	struct oc_count all, yes, no;
};

/* What the store counts (store_outcomes). */
struct oc_counts {
	struct oc_pair served;                /* yes: care began in the period */
	struct oc_pair retain[OC_RETAIN_N];   /* all: due; yes: still in care */
	struct oc_pair start;                 /* pathways; yes: started in time */
	struct oc_pair checkups;              /* yes: done; no: missed */
	struct oc_scores barc[OC_TIMES], who5[OC_TIMES];
	struct oc_pair flags;                 /* yes: followed up */
	struct oc_pair flags_in_time;         /* yes: followed up by the day due */
	struct oc_days flag_days;
	struct oc_pair lapses;                /* yes: a check-in without use came after */
	struct oc_days lapse_days;
	struct oc_count referrals[RS_COUNT];
	struct oc_count referral_all;
	struct oc_days got_help_days;
	struct oc_pair goals[OC_DOMAINS];     /* goals set; yes: reached */
};

enum oc_unit {
	OU_COUNT,             /* persons or events */
	OU_PERCENT,           /* 0 to 100 */
	OU_MEAN,              /* a mean score */
	OU_DAYS               /* a median number of days */
};
const char *oc_unit_code(enum oc_unit u);

/* One figure: a measure of a section, for one group (a month count, a
 * status, a domain; "" for none). Shown or not: a hidden figure has no
 * value. base: the persons it is built from, or the count it is a share
 * of (shown only if the figure is). */
struct oc_figure {
	enum oc_section section;
	const char *measure;  /* stable code: "served", "retained", "share" ... */
	const char *group;
	enum oc_unit unit;
	double value;
	bool shown;
};

struct oc_report_out {
	struct oc_figure *fig;
	size_t n;
};

/* The figures of report r from counts c, with every small cell hidden.
 * Everything in a. */
struct arena;
void oc_make(struct arena *a, enum oc_report r, const struct oc_counts *c,
    struct oc_report_out *out);

/* The figure of section s with measure and group, or NULL. */
const struct oc_figure *oc_find(const struct oc_report_out *o, enum oc_section s,
    const char *measure, const char *group);

/* Hides counts too small to show and their complements. cells[i] are the
 * parts of a group that add up to total (NULL: no total shown, only the
 * small ones are hidden). hide[i] gets the verdict. */
void oc_suppress(const struct oc_count *cells, size_t n, const struct oc_count *total,
    bool *hide);

/* The median of a histogram (0 if empty). */
double oc_median(const struct oc_days *d);

/* A period: whole months "YYYY-MM" to "YYYY-MM", both included, at most
 * OC_MAX_MONTHS; first and last day out. Whole months only, so that two
 * reports cannot be subtracted to pick out the persons of one day. Returns
 * NULL or a message code: "month" (not YYYY-MM), "order" (to before from),
 * "long". */
#define OC_MAX_MONTHS 120
const char *oc_period(const char *from, const char *to, char first[11], char last[11]);

#endif
