/* Programme outcomes: figures from counts, small cells hidden (see
 * outcome.h). */
#include "core/outcome.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

const int oc_retain_days[OC_RETAIN_N] = {91, 182, 365};
const int oc_retain_months[OC_RETAIN_N] = {3, 6, 12};
const int oc_time_months[OC_TIMES] = {0, 6, 12, 24};
/* About a month and a half either side of 6 and 12 months, three months
 * either side of 24: check-ups every three months land in one window. */
const int oc_time_lo[OC_TIMES] = {0, 137, 305, 640};
const int oc_time_hi[OC_TIMES] = {0, 228, 425, 820};
const enum domain oc_domains[OC_DOMAINS] = {DOM_HOUSING, DOM_WORK_EDUCATION, DOM_FAMILY,
	DOM_FINANCES};

static const char *const report_codes[OR_COUNT] = {"outcomes", "engagement", "checkups",
	"recovery-capital", "wellbeing", "follow-up", "referrals", "reintegration"};
static const char *const section_codes[OS_COUNT] = {"served", "retention", "start",
	"checkups", "barc10", "who5", "flags", "lapses", "referrals", "goals"};
static const enum oc_report section_report[OS_COUNT] = {OR_ENGAGEMENT, OR_ENGAGEMENT,
	OR_ENGAGEMENT, OR_CHECKUPS, OR_RECOVERY_CAPITAL, OR_WELLBEING, OR_FOLLOW_UP,
	OR_FOLLOW_UP, OR_REFERRALS, OR_REINTEGRATION};
static const char *const unit_codes[] = {"count", "percent", "mean", "days"};

const char *
oc_report_code(enum oc_report r)
{
	return (unsigned)r < OR_COUNT ? report_codes[r] : "";
}

bool
oc_report_parse(const char *s, enum oc_report *out)
{
	int i;

	for (i = 0; s != NULL && i < OR_COUNT; i++)
		if (strcmp(s, report_codes[i]) == 0) {
			*out = (enum oc_report)i;
			return true;
		}
	return false;
}

const char *
oc_section_code(enum oc_section s)
{
	return (unsigned)s < OS_COUNT ? section_codes[s] : "";
}

enum oc_report
oc_section_report(enum oc_section s)
{
	return (unsigned)s < OS_COUNT ? section_report[s] : OR_OUTCOMES;
}

bool
oc_report_has(enum oc_report r, enum oc_section s)
{
	return r == OR_OUTCOMES || oc_section_report(s) == r;
}

const char *
oc_unit_code(enum oc_unit u)
{
	return (unsigned)u <= OU_DAYS ? unit_codes[u] : "";
}

static bool
small(const struct oc_count *c)
{
	return c->persons > 0 && c->persons < OC_MIN;
}

void
oc_suppress(const struct oc_count *cells, size_t n, const struct oc_count *total, bool *hide)
{
	size_t i, hidden = 0, pick = n;

	for (i = 0; i < n; i++)
		if ((hide[i] = small(&cells[i])))
			hidden++;
	if (total == NULL || small(total) || hidden != 1)
		return;
	/* One hidden part and a total shown: the total less the others would
	 * tell it, so hide the smallest other part too (a non-zero one if
	 * there is one: a zero tells nothing on its own). */
	for (i = 0; i < n; i++) {
		if (hide[i])
			continue;
		if (pick == n || (cells[pick].n == 0 && cells[i].n > 0) ||
		    (cells[i].n > 0 && cells[i].n < cells[pick].n))
			pick = i;
	}
	if (pick < n)
		hide[pick] = true;
}

struct day_count {
	int day;
	long count;
};

static int
cmp_day(const void *a, const void *b)
{
	int x = ((const struct day_count *)a)->day, y = ((const struct day_count *)b)->day;

	return (x > y) - (x < y);
}

double
oc_median(const struct oc_days *d)
{
	struct day_count *v;
	long total = 0, seen = 0, want_lo, want_hi;
	int lo = 0, hi = 0;
	bool got_lo = false;
	size_t i;

	if (d->n == 0)
		return 0;
	/* The histogram may come in any order: sort it by day. */
	if ((v = malloc(d->n * sizeof(*v))) == NULL)
		abort();
	for (i = 0; i < d->n; i++) {
		v[i].day = d->day[i];
		v[i].count = d->count[i] > 0 ? d->count[i] : 0;
		total += v[i].count;
	}
	qsort(v, d->n, sizeof(*v), cmp_day);
	/* The middle value, or the two middle ones, counting from 1. */
	want_lo = (total + 1) / 2;
	want_hi = total / 2 + 1;
	for (i = 0; i < d->n && total > 0; i++) {
		seen += v[i].count;
		if (!got_lo && seen >= want_lo) {
			lo = v[i].day;
			got_lo = true;
		}
		if (seen >= want_hi) {
			hi = v[i].day;
			break;
		}
	}
	free(v);
	if (total == 0)
		return 0;
	return total % 2 == 1 ? (double)lo : (lo + hi) / 2.0;
}

/* Figures, added one by one. */
struct figs {
	struct arena *a;
	struct oc_report_out *o;
	size_t cap;
};

static void
add(struct figs *f, enum oc_section s, const char *measure, const char *group,
    enum oc_unit u, double value, bool shown)
{
	struct oc_figure *x;

	if (f->o->n == f->cap) {
		size_t cap = f->cap != 0 ? f->cap * 2 : 64;
		struct oc_figure *n = arena_alloc(f->a, cap * sizeof(*n));

		if (f->o->n > 0)
			memcpy(n, f->o->fig, f->o->n * sizeof(*n));
		f->o->fig = n;
		f->cap = cap;
	}
	x = &f->o->fig[f->o->n++];
	x->section = s;
	x->measure = measure;
	x->group = group != NULL ? group : "";
	x->unit = u;
	x->shown = shown;
	x->value = shown ? value : 0;
}

static void
add_count(struct figs *f, enum oc_section s, const char *measure, const char *group,
    const struct oc_count *c, bool hide)
{
	add(f, s, measure, group, OU_COUNT, (double)c->n, !hide && !small(c));
}

static double
percent(long part, long whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : 0;
}

/* A yes-or-no measure: its total, both parts, and the share of yes. */
static void
add_pair(struct figs *f, enum oc_section s, const char *group, const struct oc_pair *p,
    const char *all, const char *yes, const char *no, const char *share)
{
	struct oc_count cells[2] = {p->yes, p->no};
	bool hide[2], total_ok = !small(&p->all);

	oc_suppress(cells, 2, &p->all, hide);
	if (all != NULL)
		add_count(f, s, all, group, &p->all, false);
	add_count(f, s, yes, group, &p->yes, hide[0]);
	add_count(f, s, no, group, &p->no, hide[1]);
	add(f, s, share, group, OU_PERCENT, percent(p->yes.n, p->all.n),
	    total_ok && p->all.persons >= OC_MIN && !hide[0] && !hide[1]);
}

static void
add_median(struct figs *f, enum oc_section s, const char *group, const struct oc_days *d)
{
	add(f, s, "median_days", group, OU_DAYS, oc_median(d), d->persons >= OC_MIN);
}

static double
mean(long sum, long n)
{
	return n > 0 ? (double)sum / (double)n : 0;
}

/* A share of persons among n: shown over OC_MIN persons when neither
 * those with nor those without are a small count. */
static void
add_share_of(struct figs *f, enum oc_section s, const char *measure, const char *group,
    long yes, long n)
{
	struct oc_count c = {yes, yes}, rest = {n - yes, n - yes};

	add(f, s, measure, group, OU_PERCENT, percent(yes, n),
	    n >= OC_MIN && !small(&c) && !small(&rest));
}

static void
add_scores(struct figs *f, enum oc_section s, const struct oc_scores *sc, bool better)
{
	int t;

	for (t = 0; t < OC_TIMES; t++) {
		const struct oc_scores *x = &sc[t];
		const char *g = arena_printf(f->a, "%d", oc_time_months[t]);
		struct oc_count n = {x->n, x->n};
		bool ok = x->n >= OC_MIN;

		add_count(f, s, "persons", g, &n, false);
		if (t == 0) {
			add(f, s, "mean", g, OU_MEAN, mean(x->sum_first, x->n), ok);
			add_share_of(f, s, "share_good", g, x->good_first, x->n);
			continue;
		}
		add(f, s, "mean_first", g, OU_MEAN, mean(x->sum_first, x->n), ok);
		add(f, s, "mean_then", g, OU_MEAN, mean(x->sum_then, x->n), ok);
		add(f, s, "change", g, OU_MEAN, mean(x->sum_then - x->sum_first, x->n), ok);
		add_share_of(f, s, "share_good_first", g, x->good_first, x->n);
		add_share_of(f, s, "share_good_then", g, x->good_then, x->n);
		if (better)
			add_share_of(f, s, "share_better", g, x->better, x->n);
	}
}

static void
add_referrals(struct figs *f, const struct oc_counts *c)
{
	bool hide[RS_COUNT];
	struct oc_pair got;
	int i;

	oc_suppress(c->referrals, RS_COUNT, &c->referral_all, hide);
	add_count(f, OS_REFERRALS, "referrals", "", &c->referral_all, false);
	for (i = 0; i < RS_COUNT; i++)
		add_count(f, OS_REFERRALS, "referrals", ref_status_code((enum ref_status)i),
		    &c->referrals[i], hide[i]);
	/* Got help, against every other status: shown only if neither part
	 * could pick someone out. */
	got.all = c->referral_all;
	got.yes = c->referrals[RS_GOT_HELP];
	got.no.n = c->referral_all.n - got.yes.n;
	got.no.persons = got.no.n < c->referral_all.persons ? got.no.n :
	    c->referral_all.persons;
	add(f, OS_REFERRALS, "share_got_help", "", OU_PERCENT, percent(got.yes.n, got.all.n),
	    got.all.persons >= OC_MIN && !hide[RS_GOT_HELP] && !small(&got.no));
	add_median(f, OS_REFERRALS, "got_help", &c->got_help_days);
}

void
oc_make(struct arena *a, enum oc_report r, const struct oc_counts *c,
    struct oc_report_out *out)
{
	struct figs f = {a, out, 0};
	int i;

	memset(out, 0, sizeof(*out));
	if (oc_report_has(r, OS_SERVED))
		add_pair(&f, OS_SERVED, "", &c->served, "served", "new", "continuing",
		    "share_new");
	if (oc_report_has(r, OS_RETENTION))
		for (i = 0; i < OC_RETAIN_N; i++)
			add_pair(&f, OS_RETENTION, arena_printf(a, "%d", oc_retain_months[i]),
			    &c->retain[i], "due", "retained", "left", "share");
	if (oc_report_has(r, OS_START))
		add_pair(&f, OS_START, "", &c->start, "due", "in_time", "late", "share");
	if (oc_report_has(r, OS_CHECKUPS))
		add_pair(&f, OS_CHECKUPS, "", &c->checkups, "due", "done", "missed", "share");
	if (oc_report_has(r, OS_BARC10))
		add_scores(&f, OS_BARC10, c->barc, false);
	if (oc_report_has(r, OS_WHO5))
		add_scores(&f, OS_WHO5, c->who5, true);
	if (oc_report_has(r, OS_FLAGS)) {
		add_pair(&f, OS_FLAGS, "", &c->flags, "raised", "followed", "open", "share");
		add_pair(&f, OS_FLAGS, "", &c->flags_in_time, NULL, "in_time", "not_in_time",
		    "share_in_time");
		add_median(&f, OS_FLAGS, "", &c->flag_days);
	}
	if (oc_report_has(r, OS_LAPSES)) {
		add_pair(&f, OS_LAPSES, "", &c->lapses, "lapses", "reengaged", "not_reengaged",
		    "share");
		add_median(&f, OS_LAPSES, "", &c->lapse_days);
	}
	if (oc_report_has(r, OS_REFERRALS))
		add_referrals(&f, c);
	if (oc_report_has(r, OS_GOALS))
		for (i = 0; i < OC_DOMAINS; i++)
			add_pair(&f, OS_GOALS, domain_code(oc_domains[i]), &c->goals[i], "set",
			    "reached", "not_reached", "share");
}

const struct oc_figure *
oc_find(const struct oc_report_out *o, enum oc_section s, const char *measure,
    const char *group)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (o->fig[i].section == s && strcmp(o->fig[i].measure, measure) == 0 &&
		    strcmp(o->fig[i].group, group != NULL ? group : "") == 0)
			return &o->fig[i];
	return NULL;
}

/* "YYYY-MM" -> year and month, or false. */
static bool
month_parse(const char *s, int *y, int *m)
{
	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return false;
	*y = atoi(s);
	*m = atoi(s + 5);
	return *y >= 1900 && *y <= 9999 && *m >= 1 && *m <= 12;
}

static int
month_days(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : d[m - 1];
}

const char *
oc_period(const char *from, const char *to, char first[11], char last[11])
{
	int y1, m1, y2, m2, months;

	if (!month_parse(from, &y1, &m1) || !month_parse(to, &y2, &m2))
		return "month";
	months = (y2 * 12 + m2) - (y1 * 12 + m1) + 1;
	if (months < 1)
		return "order";
	if (months > OC_MAX_MONTHS)
		return "long";
	snprintf(first, 11, "%04d-%02d-01", y1, m1);
	snprintf(last, 11, "%04d-%02d-%02d", y2, m2, month_days(y2, m2));
	return NULL;
}
