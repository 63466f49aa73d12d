/* An organisation's report on one pathway template: how many pathways it
 * offered and what became of them, where they are now, how long phases
 * took, why they were adapted, and how often treatment started within
 * the start guarantee. Counts only: a person is never named, and a count
 * of 1 to 4 is not shown (pw_report_small), so nobody can be picked out
 * of a small group. No HTTP, no SQL: the store reads the rows. */
#ifndef ROSC_CORE_PATHWAY_REPORT_H
#define ROSC_CORE_PATHWAY_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/pathway.h"
#include "core/pathway_run.h"

/* The rows a report is made from (store_pathway_report): one per pathway,
 * with the code of its current phase (NULL: none, "": an added phase);
 * one per phase of those pathways; one per deviation. */
struct pw_report_pathway {
	const char *id;
	enum pwr_status status;
	const char *first_contact, *start_due, *started, *phase_code, *phase_name;
};
struct pw_report_phase {
	const char *pathway_id, *code, *name, *started, *ended;
	enum pwp_status status;
};
struct pw_report_dev {
	enum pwd_kind kind;
	enum pwd_reason reason;
};
struct pw_report_rows {
	struct pw_report_pathway *pathways;
	size_t npathways;
	struct pw_report_phase *phases;
	size_t nphases;
	struct pw_report_dev *devs;
	size_t ndevs;
};

/* Counts from 1 to this less one are not shown; a median needs this many. */
#define PW_REPORT_MIN 5

/* One line per phase: the template's phases in the order of the newest
 * version that has them, then codes no version read has, then one line
 * for every phase added for a person (code ""). */
struct pw_report_line {
	const char *code;
	const struct pw_phase *phase;  /* its template phase; NULL if none was read */
	int now;                       /* running pathways in this phase now */
	int done;                      /* phases done, with both days known */
	double median_days;            /* of those, end day minus start day; 0 if none */
};

struct pw_report {
	int offered;                   /* every pathway offered */
	int waiting;                   /* offered, not yet answered */
	int agreed;                    /* agreed by the person: running, finished or stopped */
	int running, finished, stopped, declined;
	struct pw_report_line *lines;
	size_t nlines;
	int by_kind[PWD_COUNT];
	int by_reason[PWD_REASON_COUNT];
	int ndevs;
	/* The start guarantee: pathways with one whose start is known or
	 * whose last day has passed unstarted while the pathway was live
	 * (as pw_clock judges it), and of those, started in time. */
	int guarantee, on_time;
};

/* The report from rows, as of today ("YYYY-MM-DD"); ts: the template's
 * versions read (newest first; any may be NULL), for the phases' order
 * and names. Everything in a. */
struct arena;
void pw_report_make(struct arena *a, const struct pw_report_rows *rows,
    const struct pw_template *const *ts, size_t nts, const char *today,
    struct pw_report *out);

/* True if n is a count too small to show (1 to PW_REPORT_MIN - 1). */
bool pw_report_small(int n);
/* True if the line's median may be shown: over PW_REPORT_MIN phases or more. */
bool pw_report_median_shown(const struct pw_report_line *l);
/* True if the share of starts in time may be shown: over PW_REPORT_MIN
 * pathways or more, and neither those in time nor those late a small
 * count (the share and the total would tell it). */
bool pw_report_share_shown(const struct pw_report *r);
/* The share of starts in time, in whole percent (rounded); 0 if none. */
int pw_report_share_percent(const struct pw_report *r);

#endif
