/* Programme outcome reports for the page, the CSV and the API (see
 * outcome.h). */
#include "view/outcome.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/timefmt.h"
#include "base/utf8.h"
#include "store/outcomes.h"
#include "store/store.h"

void
oc_default_period(int64_t now, const char *tz, char from[8], char to[8])
{
	char ymd[11], hm[6];
	int y, m;

	if (!timefmt_local_fields(now, tz, ymd, hm))
		snprintf(ymd, sizeof(ymd), "2026-01-01");
	sscanf(ymd, "%4d-%2d", &y, &m);
	snprintf(to, 8, "%04d-%02d", y, m);
	m -= 11;
	if (m < 1) {
		m += 12;
		y--;
	}
	/* y is 4 digits and m 1 to 12 (sscanf's widths); the compiler cannot
	 * know that once y is counted down. */
	snprintf(from, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

/* A given parameter that is too long, not UTF-8, or not of its shape:
 * a service's id (an HSDS id: letters, digits, "-", "_" and ".", starting
 * with a letter or digit) or a pathway template's code (a-z, 0-9, "-"). */
static bool
bad(const char *s, bool slug, const char **code)
{
	size_t n = strlen(s), i;

	if (n > (slug ? 60 : 200)) {
		*code = "too_long";
		return true;
	}
	*code = "invalid_format";
	if (n == 0 || !utf8_valid(s, n))
		return true;
	for (i = 0; i < n; i++) {
		char c = s[i];
		bool lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
		bool upper = c >= 'A' && c <= 'Z';

		if (slug ? !(lower || digit || c == '-') :
		    !(lower || digit || upper || (i > 0 && (c == '-' || c == '_' || c == '.'))))
			return true;
	}
	return false;
}

const char *
oc_query_scope(struct arena *a, const struct oc_query *q, const char *org_id, const char *tz,
    int64_t now, struct oc_scope *sc, const char **code)
{
	char dfrom[8], dto[8], first[11], last[11], today[11], hm[6];
	const char *from, *to, *why;

	memset(sc, 0, sizeof(*sc));
	oc_default_period(now, tz, dfrom, dto);
	from = q->from != NULL && *q->from != '\0' ? q->from : dfrom;
	to = q->to != NULL && *q->to != '\0' ? q->to : dto;
	if (strlen(from) > 20 || !utf8_valid(from, strlen(from))) {
		*code = strlen(from) > 20 ? "too_long" : "invalid_format";
		return "from";
	}
	if (strlen(to) > 20 || !utf8_valid(to, strlen(to))) {
		*code = strlen(to) > 20 ? "too_long" : "invalid_format";
		return "to";
	}
	if ((why = oc_period(from, to, first, last)) != NULL) {
		char f1[11], l1[11];

		*code = strcmp(why, "month") == 0 ? "invalid_format" : "out_of_range";
		/* Which one does not read: from, unless from alone reads. */
		if (strcmp(why, "month") == 0)
			return oc_period(from, from, f1, l1) != NULL ? "from" : "to";
		return "to";
	}
	if (q->service != NULL && *q->service != '\0' && bad(q->service, false, code))
		return "service";
	if (q->pathway != NULL && *q->pathway != '\0' && bad(q->pathway, true, code))
		return "pathway";
	if (!timefmt_local_fields(now, tz, today, hm) ||
	    timefmt_local_to_us(first, "00:00", tz, 0, &sc->from_us) != 0 ||
	    timefmt_local_to_us(last, "00:00", tz, 1, &sc->to_us) != 0) {
		*code = "invalid_format";
		return "from";
	}
	sc->org_id = org_id;
	sc->today = arena_strdup(a, today);
	sc->first = arena_strdup(a, first);
	sc->last = arena_strdup(a, last);
	sc->service_id = q->service != NULL && *q->service != '\0' ? q->service : NULL;
	sc->template_code = q->pathway != NULL && *q->pathway != '\0' ? q->pathway : NULL;
	return NULL;
}

int
oc_compute(struct store *s, struct arena *a, const struct oc_scope *sc, enum oc_report r,
    struct oc_report_out *out)
{
	struct oc_counts c;
	bool stale;
	long done;
	int rc;

	memset(out, 0, sizeof(*out));
	/* Counted from every write so far: persons written since the last
	 * refresh are made again first. The write waits, so the request's
	 * snapshot ends before it and a new one, which sees it, starts after. */
	if ((rc = store_outcomes_stale(s, &stale)) != 0)
		return rc;
	if (stale) {
		store_request_end(s);
		rc = store_outcomes_refresh(s, LONG_MAX, &done);
		store_request_begin(s);
		if (rc != 0)
			return rc;
	}
	if ((rc = store_outcomes(s, a, sc, r, &c)) != 0)
		return rc;
	oc_make(a, r, &c, out);
	return 0;
}

const char *
oc_value_text(struct arena *a, const struct oc_figure *f)
{
	if (!f->shown)
		return "";
	if (f->unit == OU_COUNT)
		return arena_printf(a, "%.0f", f->value);
	return arena_printf(a, "%.1f", f->value);
}

void
oc_csv(struct buf *b, struct arena *a, const struct oc_report_out *o)
{
	size_t i;

	/* Every field is a code or a number: nothing to quote. */
	buf_puts(b, "section,measure,group,unit,value,shown\r\n");
	for (i = 0; i < o->n; i++) {
		const struct oc_figure *f = &o->fig[i];

		buf_printf(b, "%s,%s,%s,%s,%s,%s\r\n", oc_section_code(f->section), f->measure,
		    f->group, oc_unit_code(f->unit), oc_value_text(a, f), f->shown ? "yes" : "no");
	}
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

json_t *
oc_json(struct arena *a, enum oc_report r, const struct oc_scope *sc,
    const struct oc_report_out *o)
{
	json_t *figs = json_array();
	size_t i;

	for (i = 0; i < o->n; i++) {
		const struct oc_figure *f = &o->fig[i];
		json_t *v;

		if (!f->shown)
			v = json_null();
		else if (f->unit == OU_COUNT)
			v = json_integer((json_int_t)f->value);
		else
			/* One decimal, as the page and the CSV show it. */
			v = json_real(strtod(oc_value_text(a, f), NULL));
		json_array_append_new(figs, json_pack("{s:s, s:s, s:s, s:s, s:o, s:b}", "section",
		    oc_section_code(f->section), "measure", f->measure, "group", f->group, "unit",
		    oc_unit_code(f->unit), "value", v, "shown", f->shown));
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:i, s:o}", "report",
	    oc_report_code(r), "organisation", sc->org_id, "from", sc->first, "to", sc->last,
	    "today", sc->today, "service", str_or_null(sc->service_id), "pathway",
	    str_or_null(sc->template_code), "min_persons", OC_MIN, "figures", figs);
}
