/* A person's pathway: its words and its clocks (see pathway_run.h). */
#include "core/pathway_run.h"

#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/id.h"
#include "base/i18n.h"
#include "base/timefmt.h"

static int
code_index(const char *const *codes, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, codes[i]) == 0)
			return i;
	return -1;
}

/* The code, the parser and (where there is one) the label of an enum. */
#define CODES(fn, type, count, ...) \
	static const char *const fn##_codes[count] = { __VA_ARGS__ }; \
	const char *fn##_code(type x) \
	{ \
		return fn##_codes[(unsigned)x < (count) ? x : 0]; \
	} \
	bool fn##_parse(const char *s, type *out) \
	{ \
		int i = code_index(fn##_codes, (count), s); \
		if (i < 0) \
			return false; \
		*out = (type)i; \
		return true; \
	}

CODES(pwr_status, enum pwr_status, PWR_COUNT,
    "offered", "running", "finished", "stopped", "declined")
CODES(pwp_status, enum pwp_status, PWP_COUNT, "waiting", "current", "done", "skipped")
CODES(pwi_kind, enum pwi_kind, PWI_KIND_COUNT, "goal", "step", "appointment")
CODES(pwi_status, enum pwi_status, PWI_STATUS_COUNT, "proposed", "accepted", "declined")
CODES(pwd_kind, enum pwd_kind, PWD_COUNT,
    "skip", "add_phase", "lengthen", "shorten", "decline", "add_item", "stop")
CODES(pwd_reason, enum pwd_reason, PWD_REASON_COUNT,
    "person_wish", "going_well", "needs_time", "health", "life_event", "waiting_list",
    "other")
CODES(pw_start, enum pw_start, PWS_COUNT, "none", "waiting", "at_risk", "broken", "met", "met_late")

const char *
pwr_status_label(enum pwr_status s)
{
	static const char *const labels[PWR_COUNT] = {
		N_("Offered, not yet agreed"), N_("Under way"), N_("Completed"), N_("Stopped"),
		N_("Not chosen"),
	};

	return _(labels[(unsigned)s < PWR_COUNT ? s : 0]);
}

const char *
pwp_status_label(enum pwp_status s)
{
	static const char *const labels[PWP_COUNT] = {
		N_("Still to come"), N_("Now"), N_("Done"), N_("Skipped"),
	};

	return _(labels[(unsigned)s < PWP_COUNT ? s : 0]);
}

const char *
pwd_kind_label(enum pwd_kind k)
{
	static const char *const labels[PWD_COUNT] = {
		N_("Phase skipped"), N_("Phase added"), N_("Phase made longer"),
		N_("Phase made shorter"), N_("Proposal not taken up"), N_("Something added"),
		N_("Pathway stopped"),
	};

	return _(labels[(unsigned)k < PWD_COUNT ? k : 0]);
}

const char *
pwd_reason_label(enum pwd_reason r)
{
	static const char *const labels[PWD_REASON_COUNT] = {
		N_("The person's own wish"), N_("Going better than planned"),
		N_("Needs more time"), N_("Health"), N_("Something happened in life"),
		N_("Waiting for a place or a service"), N_("Other reason"),
	};

	return _(labels[(unsigned)r < PWD_REASON_COUNT ? r : 0]);
}

void
pw_date_add(const char *ymd, int n, char out[11])
{
	int32_t d = clock_date_day(ymd);

	if (d == INT32_MIN) {
		out[0] = '\0';
		return;
	}
	clock_day_date(d + n, out);
}

/* The local date stays the same within a UTC minute in every zone (their
 * offsets are whole minutes), so each thread keeps the last few answers
 * by zone and minute: ICU's calendar is costly to open on every page. */
#define TODAY_KEPT 4

void
pw_today(int64_t now_us, const char *tz, char out[11])
{
	static _Thread_local struct {
		char tz[64], ymd[11];
		int64_t minute;
	} kept[TODAY_KEPT];
	static _Thread_local unsigned next;
	int64_t minute = now_us / (INT64_C(60) * 1000000);
	char hm[6];
	size_t i;

	if (tz == NULL)
		tz = "UTC";
	for (i = 0; i < TODAY_KEPT; i++)
		if (kept[i].minute == minute && strcmp(kept[i].tz, tz) == 0) {
			memcpy(out, kept[i].ymd, 11);
			return;
		}
	if (!timefmt_local_fields(now_us, tz, out, hm))
		timefmt_local_fields(now_us, "UTC", out, hm);
	if (strlen(tz) < sizeof(kept[0].tz)) {
		i = next++ % TODAY_KEPT;
		strcpy(kept[i].tz, tz);
		memcpy(kept[i].ymd, out, 11);
		kept[i].minute = minute;
	}
}

void
pw_clock(const struct pathway *p, const char *today, struct pw_clock *out)
{
	int32_t t = clock_date_day(today), c = clock_date_day(p->first_contact);
	int32_t due = clock_date_day(p->start_due), st = clock_date_day(p->started);
	int32_t pd = clock_date_day(p->phase_due);
	bool live = p->status == PWR_OFFERED || p->status == PWR_RUNNING;

	memset(out, 0, sizeof(*out));
	if (t == INT32_MIN || c == INT32_MIN)
		return;
	out->day = t - c;
	if (due != INT32_MIN) {
		out->guarantee = due - c;
		out->days_left = due - t;
		if (st != INT32_MIN)
			out->start = st <= due ? PWS_MET : PWS_MET_LATE;
		else if (!live)
			out->start = PWS_NONE;     /* ended without a start: no clock */
		else if (t > due)
			out->start = PWS_BROKEN;
		else if (due - t <= PW_RISK_DAYS)
			out->start = PWS_AT_RISK;
		else
			out->start = PWS_WAITING;
	}
	if (p->status == PWR_RUNNING && p->phase >= 0 && pd != INT32_MIN) {
		out->in_phase = true;
		out->phase_left = pd - t;
		out->overdue = t > pd;
	}
}

static const struct pw_text *
item_text(const struct pw_phase *ph, enum pwi_kind k, int src)
{
	if (src < 0)
		return NULL;
	switch (k) {
	case PWI_GOAL:
		return (size_t)src < ph->ngoals ? &ph->goals[src].title : NULL;
	case PWI_STEP:
		return (size_t)src < ph->nactivities ? &ph->activities[src].text : NULL;
	case PWI_APPOINTMENT:
		return (size_t)src < ph->nappointments ? &ph->appointments[src].title : NULL;
	default:
		return NULL;
	}
}

const char *
pw_item_text(const struct pw_phase *ph, enum pwi_kind k, int src, enum lang l)
{
	const struct pw_text *x = ph != NULL ? item_text(ph, k, src) : NULL;

	return x != NULL ? pw_text(x, l) : NULL;
}

size_t
pw_item_count(const struct pw_phase *ph, enum pwi_kind k)
{
	return k == PWI_GOAL ? ph->ngoals : k == PWI_STEP ? ph->nactivities :
	    k == PWI_APPOINTMENT ? ph->nappointments : 0;
}

const struct pw_phase *
pw_phase_of(const struct pw_template *t, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && *code != '\0' && i < t->nphases; i++)
		if (strcmp(t->phases[i].code, code) == 0)
			return &t->phases[i];
	return NULL;
}

const char *
pw_phase_name(const struct pw_template *t, const struct pathway_phase *ph, enum lang l)
{
	const struct pw_phase *tp = pw_phase_of(t, ph->code);

	return tp != NULL ? pw_text(&tp->name, l) : ph->name;
}

const char *
pw_item_title(const struct pw_template *t, const struct pathway_phase *ph, size_t n,
    const struct pathway_item *x, enum lang l)
{
	int i;

	if (x->title != NULL)
		return x->title;
	i = pw_phase_index(ph, n, x->phase);
	return i >= 0 ? pw_item_text(pw_phase_of(t, ph[i].code), x->kind, x->src, l) : NULL;
}

struct pathway_phase *
pw_new_phases(struct arena *a, const struct pw_template *t)
{
	struct pathway_phase *ph = arena_alloc(a, (t->nphases + 1) * sizeof(*ph));
	size_t i;

	for (i = 0; i < t->nphases; i++) {
		memset(&ph[i], 0, sizeof(ph[i]));
		ph[i].seq = (int64_t)i;
		ph[i].ord = (double)i;
		ph[i].code = t->phases[i].code;
		ph[i].expected_days = t->phases[i].expected_days;
		ph[i].status = PWP_WAITING;
	}
	return ph;
}

size_t
pw_new_items(struct arena *a, const struct pw_phase *ph, int64_t seq, struct pathway_item **out)
{
	size_t n = ph->ngoals + ph->nactivities + ph->nappointments, k = 0, i;
	struct pathway_item *x = arena_alloc(a, (n + 1) * sizeof(*x));
	static const enum pwi_kind kinds[] = { PWI_GOAL, PWI_STEP, PWI_APPOINTMENT };
	size_t j;

	for (j = 0; j < sizeof(kinds) / sizeof(kinds[0]); j++)
		for (i = 0; i < pw_item_count(ph, kinds[j]); i++, k++) {
			char *id = arena_alloc(a, ID_LEN + 1);

			id_new(id);
			memset(&x[k], 0, sizeof(x[k]));
			x[k].id = id;
			x[k].phase = seq;
			x[k].kind = kinds[j];
			x[k].src = (int)i;
			x[k].status = PWI_PROPOSED;
		}
	*out = x;
	return k;
}

int
pw_phase_index(const struct pathway_phase *ph, size_t n, int64_t seq)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ph[i].seq == seq)
			return (int)i;
	return -1;
}

void
pw_phase_due(const struct pathway_phase *ph, char out[11])
{
	pw_date_add(ph->started, ph->expected_days, out);
}

static const char *
dup_date(struct arena *a, const char *s)
{
	return arena_strdup(a, s);
}

/* The first waiting phase from index i on: it becomes current today. */
static int
begin_from(struct arena *a, struct pathway *p, struct pathway_phase *ph, size_t n, size_t i,
    const char *today)
{
	char due[11];

	for (; i < n; i++)
		if (ph[i].status == PWP_WAITING) {
			ph[i].status = PWP_CURRENT;
			ph[i].started = dup_date(a, today);
			pw_phase_due(&ph[i], due);
			p->phase = ph[i].seq;
			p->phase_due = dup_date(a, due);
			return (int)i;
		}
	p->phase = -1;
	p->phase_due = NULL;
	return -1;
}

int
pw_begin(struct arena *a, struct pathway *p, struct pathway_phase *ph, size_t n,
    const char *today)
{
	p->status = PWR_RUNNING;
	return begin_from(a, p, ph, n, 0, today);
}

size_t
pw_agree(struct arena *a, struct pathway *p, struct pathway_phase *ph, size_t n,
    const struct pw_template *t, const char *today, int64_t now, const char *user_id,
    int *begun, struct pathway_item **items)
{
	const struct pw_phase *tp;

	p->agreed_us = now;
	p->agreed_by = user_id;
	*items = NULL;
	if ((*begun = pw_begin(a, p, ph, n, today)) < 0 ||
	    (tp = pw_phase_of(t, ph[*begun].code)) == NULL)
		return 0;
	return pw_new_items(a, tp, ph[*begun].seq, items);
}

bool
pw_advance(struct arena *a, struct pathway *p, struct pathway_phase *ph, size_t n,
    enum pwp_status how, const char *today, int64_t now, int *ended, int *begun)
{
	int i = p->status == PWR_RUNNING ? pw_phase_index(ph, n, p->phase) : -1;

	*ended = *begun = -1;
	if (i < 0 || ph[i].status != PWP_CURRENT)
		return false;
	ph[i].status = how;
	ph[i].ended = dup_date(a, today);
	*ended = i;
	if (p->started == NULL)
		p->started = dup_date(a, today);
	*begun = begin_from(a, p, ph, n, (size_t)i + 1, today);
	if (*begun < 0) {
		p->status = PWR_FINISHED;
		p->ended_us = now;
	}
	return true;
}
