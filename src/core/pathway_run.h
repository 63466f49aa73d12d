/* A person's pathway: one version of a template (core/pathway.h) offered
 * to the person, agreed by them and followed phase by phase, adapted with
 * a reason each time it departs from the template; and its clocks, in
 * days of the person's own calendar. Types and rules; no HTTP, no SQL. */
#ifndef ROSC_CORE_PATHWAY_RUN_H
#define ROSC_CORE_PATHWAY_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/pathway.h"

/* In the order of the schema's CHECKs (0016_pathways.sql). */
enum pwr_status { PWR_OFFERED, PWR_RUNNING, PWR_FINISHED, PWR_STOPPED, PWR_DECLINED,
	PWR_COUNT };
enum pwp_status { PWP_WAITING, PWP_CURRENT, PWP_DONE, PWP_SKIPPED, PWP_COUNT };
enum pwi_kind { PWI_GOAL, PWI_STEP, PWI_APPOINTMENT, PWI_KIND_COUNT };
enum pwi_status { PWI_PROPOSED, PWI_ACCEPTED, PWI_DECLINED, PWI_STATUS_COUNT };
enum pwd_kind { PWD_SKIP, PWD_ADD_PHASE, PWD_LENGTHEN, PWD_SHORTEN, PWD_DECLINE,
	PWD_ADD_ITEM, PWD_STOP, PWD_COUNT };
enum pwd_reason { PWD_PERSON_WISH, PWD_GOING_WELL, PWD_NEEDS_TIME, PWD_HEALTH,
	PWD_LIFE_EVENT, PWD_WAITING_LIST, PWD_OTHER, PWD_REASON_COUNT };

const char *pwr_status_code(enum pwr_status s);
bool pwr_status_parse(const char *s, enum pwr_status *out);
const char *pwr_status_label(enum pwr_status s);
const char *pwp_status_code(enum pwp_status s);
bool pwp_status_parse(const char *s, enum pwp_status *out);
const char *pwp_status_label(enum pwp_status s);
const char *pwi_kind_code(enum pwi_kind k);
bool pwi_kind_parse(const char *s, enum pwi_kind *out);
const char *pwi_status_code(enum pwi_status s);
bool pwi_status_parse(const char *s, enum pwi_status *out);
const char *pwd_kind_code(enum pwd_kind k);
bool pwd_kind_parse(const char *s, enum pwd_kind *out);
const char *pwd_kind_label(enum pwd_kind k);
const char *pwd_reason_code(enum pwd_reason r);
bool pwd_reason_parse(const char *s, enum pwd_reason *out);
const char *pwd_reason_label(enum pwd_reason r);

struct pathway {
	const char *person_id, *id, *template_id, *org_id, *org_name;
	enum pwr_status status;
	const char *time_zone;
	const char *first_contact;     /* "YYYY-MM-DD" */
	const char *start_due;         /* NULL: the template has no start guarantee */
	const char *started;           /* NULL: not yet */
	int64_t phase;                 /* the current phase's seq; -1: none */
	const char *phase_due;
	int64_t offered_us, agreed_us, ended_us, version;
	const char *offered_by, *agreed_by, *offered_by_name, *agreed_by_name;
	/* Of the template version, read with it. */
	const char *template_code, *template_name[LANG_COUNT];
	int template_version;
};

struct pathway_phase {
	int64_t seq;
	double ord;
	const char *code;              /* "" for a phase added for this person */
	const char *name, *purpose;    /* an added phase's */
	int expected_days;
	enum pwp_status status;
	const char *started, *ended;
};

struct pathway_item {
	const char *id;
	int64_t phase;
	enum pwi_kind kind;
	int src;                       /* the item's place in the template's phase; -1: added */
	const char *title;             /* an added item's */
	enum pwi_status status;
	const char *made_id, *decided_by;
	int64_t decided_us;
};

struct pathway_deviation {
	const char *id;
	int64_t phase;                 /* -1: the whole pathway */
	enum pwd_kind kind;
	enum pwd_reason reason;
	const char *note, *detail, *by_user, *by_name, *by_org, *by_org_name;
	int64_t at_us;
};

/* The start guarantee, as the clock sees it today. */
enum pw_start {
	PWS_NONE,        /* the template has none */
	PWS_WAITING,     /* not started, time enough left */
	PWS_AT_RISK,     /* not started, PW_RISK_DAYS or fewer days left */
	PWS_BROKEN,      /* not started, and the last day has passed */
	PWS_MET,         /* started on or before the last day */
	PWS_MET_LATE,    /* started, after the last day */
	PWS_COUNT
};
/* "none", "waiting", "at_risk", "broken", "met", "met_late": for the API. */
const char *pw_start_code(enum pw_start s);
bool pw_start_parse(const char *s, enum pw_start *out);
/* A start is at risk from this many days before its last day (day 10 of
 * the Danish 14 days). */
#define PW_RISK_DAYS 4

struct pw_clock {
	int day;                /* days since first contact: 0 on that day */
	int guarantee;          /* the start guarantee in days; 0: none */
	int days_left;          /* to the guarantee's last day; < 0: past it */
	enum pw_start start;
	bool in_phase;          /* running, with a current phase */
	int phase_left;         /* days to its expected end; < 0: overdue */
	bool overdue;
};
/* The clocks of p on today ("YYYY-MM-DD", the person's calendar). */
void pw_clock(const struct pathway *p, const char *today, struct pw_clock *out);

/* Today in time zone tz, from the instant now. */
void pw_today(int64_t now_us, const char *tz, char out[11]);

/* The day n days after ymd, into out. */
void pw_date_add(const char *ymd, int n, char out[11]);

/* Where the items of a template phase are: an item's src is its index
 * in the phase's goals, activities or appointments. The text of one, in
 * language l; NULL if src is not one of them. */
const char *pw_item_text(const struct pw_phase *ph, enum pwi_kind k, int src, enum lang l);
/* How many items of kind k a template phase proposes. */
size_t pw_item_count(const struct pw_phase *ph, enum pwi_kind k);

/* The template's phase with code; NULL if it has none (an added phase). */
const struct pw_phase *pw_phase_of(const struct pw_template *t, const char *code);

/* What a person's phase is called in language l: its template phase's
 * name, or an added phase's own; NULL if neither. */
const char *pw_phase_name(const struct pw_template *t, const struct pathway_phase *ph,
    enum lang l);
/* The text of a proposal in language l: an added one's title, else its
 * template item's (found through its phase in ph[n]); NULL if neither. */
const char *pw_item_title(const struct pw_template *t, const struct pathway_phase *ph,
    size_t n, const struct pathway_item *x, enum lang l);

/* What rosc proposes and how a pathway moves (all in place, strings in
 * the arena) */
struct arena;
/* The phases of a new pathway from template t: seq and ord 0, 1, ...,
 * all waiting. */
struct pathway_phase *pw_new_phases(struct arena *a, const struct pw_template *t);
/* The proposals of template phase ph for the person's phase seq: each
 * goal, activity (a step) and appointment, in that order, with new ids.
 * Returns how many, in *out. */
size_t pw_new_items(struct arena *a, const struct pw_phase *ph, int64_t seq,
    struct pathway_item **out);
/* Where the phase with seq is in phases; -1 if nowhere. */
int pw_phase_index(const struct pathway_phase *ph, size_t n, int64_t seq);
/* The phase's expected last day: its start plus its expected days. */
void pw_phase_due(const struct pathway_phase *ph, char out[11]);

/* Starts p (agreed): the first waiting phase becomes current on today.
 * Returns its index, or -1 if there is none. */
int pw_begin(struct arena *a, struct pathway *p, struct pathway_phase *ph, size_t n,
    const char *today);
/* The person agreed to p (user_id, at now): pw_begin() on today, and the
 * proposals of the phase begun, from template t, into *items (how many
 * returned; none if no phase began). *begun: as pw_begin() returns. */
size_t pw_agree(struct arena *a, struct pathway *p, struct pathway_phase *ph, size_t n,
    const struct pw_template *t, const char *today, int64_t now, const char *user_id,
    int *begun, struct pathway_item **items);
/* Ends the current phase on today as how (PWP_DONE or PWP_SKIPPED) and
 * makes the next waiting one current; the first phase to end marks the
 * start of treatment (p->started); with no phase left p is finished
 * (ended_us = now). *ended and *begun get the indexes changed (-1: none).
 * False if p has no current phase. */
bool pw_advance(struct arena *a, struct pathway *p, struct pathway_phase *ph, size_t n,
    enum pwp_status how, const char *today, int64_t now, int *ended, int *begun);

#define PW_NOTE_MAX 1000
#define PW_ADDED_NAME_MAX PW_PHASE_NAME_MAX
#define PW_ADDED_PURPOSE_MAX PW_PHASE_TEXT_MAX
#define PW_CONTACT_PAST_MAX 365   /* first contact at most this many days ago */

#endif
