/* An organisation's report on one pathway template (see pathway_report.h). */
#include "core/pathway_report.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"

static const char *
code_of(const char *s)
{
	return s != NULL ? s : "";
}

/* The line for code, or NULL. */
static struct pw_report_line *
line_of(struct pw_report *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->nlines; i++)
		if (strcmp(r->lines[i].code, code) == 0)
			return &r->lines[i];
	return NULL;
}

static void
add_line(struct pw_report *r, const char *code, const struct pw_phase *ph)
{
	struct pw_report_line *l;

	if (line_of(r, code) != NULL)
		return;
	l = &r->lines[r->nlines++];
	memset(l, 0, sizeof(*l));
	l->code = code;
	l->phase = ph;
}

static int
cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return (a > b) - (a < b);
}

/* The median of the days the done phases of line l took; days is room
 * for every phase row. */
static void
median(const struct pw_report_rows *rows, struct pw_report_line *l, int *days)
{
	size_t i, n = 0;

	for (i = 0; i < rows->nphases; i++) {
		const struct pw_report_phase *ph = &rows->phases[i];
		int32_t d;

		if (ph->status != PWP_DONE || strcmp(code_of(ph->code), l->code) != 0)
			continue;
		/* A phase with a day missing, or ending before it began, is
		 * not a duration: left out rather than guessed. */
		d = clock_date_diff(ph->started, ph->ended);
		if (d == INT32_MIN || d < 0)
			continue;
		days[n++] = (int)d;
	}
	l->done = (int)n;
	if (n == 0)
		return;
	qsort(days, n, sizeof(*days), cmp_int);
	l->median_days = n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
}

/* Counts p under the start guarantee as the clock judges it today. */
static void
guarantee(struct pw_report *r, const struct pw_report_pathway *x, const char *today)
{
	struct pathway p;
	struct pw_clock c;

	if (x->start_due == NULL)
		return;
	memset(&p, 0, sizeof(p));
	p.status = x->status;
	p.first_contact = x->first_contact;
	p.start_due = x->start_due;
	p.started = x->started;
	p.phase = -1;
	pw_clock(&p, today, &c);
	/* Waiting or at risk is not yet an answer; an ended pathway that
	 * never started has no clock (PWS_NONE). */
	if (c.start == PWS_MET || c.start == PWS_MET_LATE || c.start == PWS_BROKEN)
		r->guarantee++;
	if (c.start == PWS_MET)
		r->on_time++;
}

void
pw_report_make(struct arena *a, const struct pw_report_rows *rows,
    const struct pw_template *const *ts, size_t nts, const char *today,
    struct pw_report *out)
{
	size_t i, k, room = 1 + rows->npathways + rows->nphases;
	bool added = false;
	int *days;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < nts; i++)
		if (ts[i] != NULL)
			room += ts[i]->nphases;
	out->lines = arena_alloc(a, room * sizeof(*out->lines));
	for (i = 0; i < nts; i++)
		for (k = 0; ts[i] != NULL && k < ts[i]->nphases; k++)
			add_line(out, ts[i]->phases[k].code, &ts[i]->phases[k]);
	/* Phases of versions not read, in the order the rows give them. */
	for (i = 0; i < rows->nphases; i++) {
		const char *code = code_of(rows->phases[i].code);

		if (*code == '\0')
			added = true;
		else
			add_line(out, code, NULL);
	}

	for (i = 0; i < rows->npathways; i++) {
		const struct pw_report_pathway *x = &rows->pathways[i];

		out->offered++;
		switch (x->status) {
		case PWR_OFFERED:
			out->waiting++;
			break;
		case PWR_RUNNING:
			out->agreed++;
			out->running++;
			if (x->phase_code == NULL)
				break;
			if (*x->phase_code == '\0')
				added = true;
			else
				add_line(out, x->phase_code, NULL);
			break;
		case PWR_FINISHED:
			out->agreed++;
			out->finished++;
			break;
		case PWR_STOPPED:
			out->agreed++;
			out->stopped++;
			break;
		case PWR_DECLINED:
			out->declined++;
			break;
		case PWR_COUNT:
			break;
		}
		guarantee(out, x, today);
	}
	if (added)
		add_line(out, "", NULL);
	for (i = 0; i < rows->npathways; i++) {
		const struct pw_report_pathway *x = &rows->pathways[i];
		struct pw_report_line *l;

		if (x->status == PWR_RUNNING && x->phase_code != NULL &&
		    (l = line_of(out, x->phase_code)) != NULL)
			l->now++;
	}

	days = arena_alloc(a, (rows->nphases + 1) * sizeof(*days));
	for (i = 0; i < out->nlines; i++)
		median(rows, &out->lines[i], days);

	for (i = 0; i < rows->ndevs; i++) {
		const struct pw_report_dev *d = &rows->devs[i];

		if ((unsigned)d->kind < PWD_COUNT)
			out->by_kind[d->kind]++;
		if ((unsigned)d->reason < PWD_REASON_COUNT)
			out->by_reason[d->reason]++;
		out->ndevs++;
	}
}

bool
pw_report_small(int n)
{
	return n > 0 && n < PW_REPORT_MIN;
}

bool
pw_report_median_shown(const struct pw_report_line *l)
{
	return l->done >= PW_REPORT_MIN;
}

bool
pw_report_share_shown(const struct pw_report *r)
{
	return r->guarantee >= PW_REPORT_MIN && !pw_report_small(r->on_time) &&
	    !pw_report_small(r->guarantee - r->on_time);
}

int
pw_report_share_percent(const struct pw_report *r)
{
	if (r->guarantee <= 0)
		return 0;
	return (int)((200LL * r->on_time + r->guarantee) / (2LL * r->guarantee));
}
