/* Programme outcome reports for an organisation's admins and coordinators
 * (policy_may_read_reports): aggregates over the persons it serves, with
 * every small figure hidden (core/outcome.h), the method of each figure
 * on the page, charts with their numbers beside them, a printable layout
 * and a CSV.
 *   GET /reports                   every section ("outcomes")
 *   GET /reports/{name}            one report: engagement, checkups,
 *                                  recovery-capital, wellbeing, follow-up,
 *                                  referrals, reintegration, or outcomes
 *   GET /reports/{name}/csv        the same figures as CSV
 * Query: from, to (YYYY-MM), pathway (a template code), service (an id).
 * A query that does not read is answered 422 with the page again, the
 * input kept and the message at its field. */
#include "web/reports.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/directory.h"
#include "core/outcome.h"
#include "core/plan.h"
#include "core/referral.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "policy/policy.h"
#include "store/directory.h"
#include "store/pathways.h"
#include "view/outcome.h"
#include "web/chart.h"
#include "web/forms.h"
#include "web/layout.h"

static const char *
zone(struct req *r)
{
	return r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
}

/* The report named in the path (NULL: /reports, every section), or false
 * after answering 404. */
static bool
report_of(struct req *r, enum oc_report *rep)
{
	const char *name = r->match.nparams > 0 ? req_param(r, 0) : NULL;

	if (name == NULL) {
		*rep = OR_OUTCOMES;
		return true;
	}
	if (oc_report_parse(name, rep))
		return true;
	error_respond(r, 404, PROBLEM_NOT_FOUND);
	return false;
}

static bool
may_read(struct req *r)
{
	if (policy_may_read_reports(r->actor, r->actor != NULL ? r->actor->org_id : NULL))
		return true;
	error_respond(r, 403, PROBLEM_FORBIDDEN);
	return false;
}

static const char *
report_title(enum oc_report r)
{
	switch (r) {
	case OR_ENGAGEMENT:
		return _("Reaching people and keeping them in care");
	case OR_CHECKUPS:
		return _("Check-ups");
	case OR_RECOVERY_CAPITAL:
		return _("Recovery capital (BARC-10)");
	case OR_WELLBEING:
		return _("Well-being (WHO-5)");
	case OR_FOLLOW_UP:
		return _("Warnings and lapses followed up");
	case OR_REFERRALS:
		return _("Referrals");
	case OR_REINTEGRATION:
		return _("Reintegration goals");
	default:
		return _("Programme outcomes");
	}
}

/* A figure as the page shows it: the number with its unit, or "not shown". */
static const char *
shown(struct req *r, const struct oc_figure *f)
{
	const char *v;

	if (f == NULL)
		return "";
	if (!f->shown)
		return _("not shown");
	v = oc_value_text(&r->arena, f);
	/* A decimal comma for Danish and Dutch readers (the CSV and the API
	 * keep the point). */
	if (r->lang != LANG_EN && strchr(v, '.') != NULL) {
		char *c = arena_strdup(&r->arena, v);

		*strchr(c, '.') = ',';
		v = c;
	}
	switch (f->unit) {
	case OU_PERCENT:
		return arena_printf(&r->arena, "%s %%", v);
	case OU_DAYS:
		return arena_printf(&r->arena, _("%s days"), v);
	default:
		return v;
	}
}

struct line {
	const char *measure, *label;
};

/* A table: one row per measure, one column per group. */
static void
table(struct req *r, struct buf *b, const struct oc_report_out *o, enum oc_section s,
    const char *caption, const char *const *groups, const char *const *heads, size_t ng,
    const struct line *lines, size_t nl)
{
	size_t i, k;

	html(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><caption class=\"visually-hidden\">%s</caption>", caption);
	if (ng > 1) {
		html(b, "<thead><tr><th scope=\"col\">%s</th>", _("Measure"));
		for (k = 0; k < ng; k++)
			html(b, "<th scope=\"col\">%s</th>", heads[k]);
		html_raw(b, "</tr></thead>");
	}
	html_raw(b, "<tbody>");
	for (i = 0; i < nl; i++) {
		bool any = false;

		for (k = 0; k < ng; k++)
			any = any || oc_find(o, s, lines[i].measure, groups[k]) != NULL;
		if (!any)
			continue;
		html(b, "<tr><th scope=\"row\">%s</th>", lines[i].label);
		for (k = 0; k < ng; k++)
			html(b, "<td>%s</td>", shown(r, oc_find(o, s, lines[i].measure, groups[k])));
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

/* Bars of one measure over groups, hidden figures left empty, and the
 * numbers as a list beside them. */
static void
bars(struct req *r, struct buf *b, const struct oc_report_out *o, enum oc_section s,
    const char *id, const char *title, const char *measure, const char *const *groups,
    const char *const *labels, size_t n)
{
	struct chart_value *v = arena_alloc(&r->arena, (n + 1) * sizeof(*v));
	size_t i, shown_n = 0;

	for (i = 0; i < n; i++) {
		const struct oc_figure *f = oc_find(o, s, measure, groups[i]);

		v[i].label = labels[i];
		v[i].has_value = f != NULL && f->shown;
		v[i].value = v[i].has_value ? f->value : 0;
		shown_n += v[i].has_value;
	}
	if (shown_n == 0)
		return;
	chart_bars(b, id, title, _("The numbers are listed beside the chart."), v, n);
	html(b, "<ul class=\"chart-data\" aria-label=\"%s\">", title);
	for (i = 0; i < n; i++)
		html(b, "<li>%s: %s</li>", labels[i], shown(r, oc_find(o, s, measure, groups[i])));
	html_raw(b, "</ul>");
}

static void
method(struct buf *b, const char *text)
{
	html(b, "<details class=\"method\" open><summary>%s</summary><p>%s</p></details>",
	    _("How this is counted"), text);
}

static const char *const one_group[] = {""};

static void
sec_engagement(struct req *r, struct buf *b, const struct oc_report_out *o)
{
	static const char *const months[OC_RETAIN_N] = {"3", "6", "12"};
	const char *heads[OC_RETAIN_N];
	const struct line served[] = {
		{"served", _("People in care during the period")},
		{"new", _("Of them, care began in the period")},
		{"continuing", _("Of them, care began before")},
	};
	const struct line retain[] = {
		{"due", _("Care began in the period, long enough ago")},
		{"retained", _("Still in care then")},
		{"left", _("Had left care by then")},
		{"share", _("Retention")},
	};
	const struct line start[] = {
		{"due", _("Pathways whose first contact was in the period")},
		{"in_time", _("Treatment started within 14 days")},
		{"late", _("Started later, or not yet")},
		{"share", _("Share started within 14 days")},
	};
	int i;

	for (i = 0; i < OC_RETAIN_N; i++)
		heads[i] = arena_printf(&r->arena, ngettext("After %d month", "After %d months",
		    (unsigned long)oc_retain_months[i]), oc_retain_months[i]);
	html(b, "<section id=\"served\"><h2>%s</h2>", _("People served"));
	table(r, b, o, OS_SERVED, _("People served"), one_group, one_group, 1, served, 3);
	method(b, _("A person counts when your organisation has, or had, a place in their "
	    "network during the period. Care begins on the first day of the first such place "
	    "and ends on the last day of the last one; while a place is open, care goes on."));
	html_raw(b, "</section>");

	html(b, "<section id=\"retention\"><h2>%s</h2>", _("Retention in care"));
	table(r, b, o, OS_RETENTION, _("Retention in care"), months, heads, OC_RETAIN_N,
	    retain, 4);
	bars(r, b, o, OS_RETENTION, "chart-retention", _("Retention in care, in percent"),
	    "share", months, heads, OC_RETAIN_N);
	method(b, _("Of the people whose care began in the period, those for whom 3, 6 or 12 "
	    "months (91, 182 or 365 days) have passed by today: how many were still in care "
	    "that many days after it began."));
	html_raw(b, "</section>");

	html(b, "<section id=\"start\"><h2>%s</h2>", _("Starting treatment quickly"));
	table(r, b, o, OS_START, _("Starting treatment quickly"), one_group, one_group, 1,
	    start, 4);
	method(b, _("The pathways your organisation offered whose first contact (the day "
	    "the person asked for help) was in the period, except those the person declined: "
	    "started within 14 days when the first phase ended no more than 14 days after "
	    "first contact. A pathway not yet started counts once 14 days have passed."));
	html_raw(b, "</section>");
}

static void
sec_checkups(struct req *r, struct buf *b, const struct oc_report_out *o)
{
	const struct line l[] = {
		{"due", _("Check-ups due in the period")},
		{"done", _("Done")},
		{"missed", _("Missed")},
		{"share", _("Share done")},
	};

	html(b, "<section id=\"checkups\"><h2>%s</h2>", _("Check-ups completed"));
	table(r, b, o, OS_CHECKUPS, _("Check-ups completed"), one_group, one_group, 1, l, 4);
	method(b, _("The long-term check-ups due in the period, up to yesterday, of the people "
	    "who share their questionnaires with your organisation: done, or missed. Cancelled "
	    "check-ups are not counted."));
	html_raw(b, "</section>");
}

static void
sec_scores(struct req *r, struct buf *b, const struct oc_report_out *o, enum oc_section s)
{
	static const char *const times[OC_TIMES] = {"0", "6", "12", "24"};
	const char *heads[OC_TIMES];
	bool barc = s == OS_BARC10;
	const struct line l[] = {
		{"persons", _("People")},
		{"mean", _("Mean score")},
		{"mean_first", _("Mean score at the first answer")},
		{"mean_then", _("Mean score then")},
		{"change", _("Mean change")},
		{"share_good", barc ? _("Share at 47 or more") : _("Share above 50")},
		{"share_good_first", barc ? _("Share at 47 or more, first answer") :
		    _("Share above 50, first answer")},
		{"share_good_then", barc ? _("Share at 47 or more, then") :
		    _("Share above 50, then")},
		{"share_better", _("Share 10 points or more better")},
	};
	int t;

	heads[0] = _("First answer");
	for (t = 1; t < OC_TIMES; t++)
		heads[t] = arena_printf(&r->arena, ngettext("After %d month", "After %d months",
		    (unsigned long)oc_time_months[t]), oc_time_months[t]);
	if (barc)
		html(b, "<section id=\"barc10\"><h2>%s</h2>", _("Recovery capital (BARC-10)"));
	else
		html(b, "<section id=\"who5\"><h2>%s</h2>", _("Well-being (WHO-5)"));
	table(r, b, o, s, barc ? _("Recovery capital (BARC-10)") : _("Well-being (WHO-5)"),
	    times, heads, OC_TIMES, l, sizeof(l) / sizeof(l[0]));
	{
		/* Mean at the first answer, then the later means of those who
		 * answered again. */
		const char *ms[OC_TIMES] = {"mean", "mean_then", "mean_then", "mean_then"};
		struct chart_value v[OC_TIMES];
		size_t k = 0;

		for (t = 0; t < OC_TIMES; t++) {
			const struct oc_figure *f = oc_find(o, s, ms[t], times[t]);

			v[t].label = heads[t];
			v[t].has_value = f != NULL && f->shown;
			v[t].value = v[t].has_value ? f->value : 0;
			k += v[t].has_value;
		}
		if (k > 0) {
			chart_bars(b, barc ? "chart-barc10" : "chart-who5", _("Mean score over time"),
			    _("The numbers are listed beside the chart."), v, OC_TIMES);
			html(b, "<ul class=\"chart-data\" aria-label=\"%s\">", _("Mean score over time"));
			for (t = 0; t < OC_TIMES; t++)
				html(b, "<li>%s: %s</li>", heads[t], shown(r, oc_find(o, s, ms[t],
				    times[t])));
			html_raw(b, "</ul>");
		}
	}
	if (barc)
		method(b, _("BARC-10 totals from 10 to 60, from the people who share their "
		    "questionnaires with your organisation and whose first scored BARC-10 was in "
		    "the period. \"Then\" is the first answer 137 to 228 days after the first (6 "
		    "months), 305 to 425 days (12 months) or 640 to 820 days (24 months); the "
		    "change compares the same people. A total of 47 or more predicted sustained "
		    "remission."));
	else
		method(b, _("WHO-5 scores from 0 to 100, from the people who share their "
		    "questionnaires with your organisation and whose first scored WHO-5 was in the "
		    "period. \"Then\" is the first answer 137 to 228 days after the first (6 "
		    "months), 305 to 425 days (12 months) or 640 to 820 days (24 months); the "
		    "change compares the same people. Above 50 shows no sign of depression; a rise "
		    "of 10 points or more is a change that matters."));
	html_raw(b, "</section>");
}

static void
sec_follow_up(struct req *r, struct buf *b, const struct oc_report_out *o)
{
	const struct line fl[] = {
		{"raised", _("Warnings raised in the period")},
		{"followed", _("Followed up")},
		{"open", _("Still open")},
		{"share", _("Share followed up")},
		{"in_time", _("Followed up by the day due")},
		{"share_in_time", _("Share followed up in time")},
		{"median_days", _("Median time to follow-up")},
	};
	const struct line la[] = {
		{"lapses", _("Lapses in the period")},
		{"reengaged", _("Back to no use since")},
		{"not_reengaged", _("Not yet")},
		{"share", _("Share back to no use")},
		{"median_days", _("Median time back to no use")},
	};

	html(b, "<section id=\"flags\"><h2>%s</h2>", _("Early warnings followed up"));
	table(r, b, o, OS_FLAGS, _("Early warnings followed up"), one_group, one_group, 1, fl,
	    sizeof(fl) / sizeof(fl[0]));
	method(b, _("The early warnings raised in the period and given to someone in your "
	    "organisation, each counted only where the person shares its kind of data with "
	    "your organisation. Followed up: closed, with any outcome; the time is from the "
	    "warning to its closing, in whole days."));
	html_raw(b, "</section>");

	html(b, "<section id=\"lapses\"><h2>%s</h2>", _("Lapses and getting back on track"));
	table(r, b, o, OS_LAPSES, _("Lapses and getting back on track"), one_group, one_group,
	    1, la, sizeof(la) / sizeof(la[0]));
	method(b, _("From the check-ins of the people who share their substance use with your "
	    "organisation: a lapse is a check-in in the period that reports use after one that "
	    "reported none. Back to no use: a later check-in reports none again; the time is "
	    "in days between the two check-ins."));
	html_raw(b, "</section>");
}

static void
sec_referrals(struct req *r, struct buf *b, const struct oc_report_out *o)
{
	const char *groups[RS_COUNT + 1], *labels[RS_COUNT + 1];
	const struct line l[] = {{"referrals", _("Referrals")}};
	const struct line tot[] = {
		{"referrals", _("Referrals made in the period")},
		{"share_got_help", _("Share that got help")},
		{"median_days", _("Median time to getting help")},
	};
	size_t n = 0;
	int i;

	html(b, "<section id=\"referrals\"><h2>%s</h2><div class=\"table-wrap\" tabindex=\"0\"><table>"
	    "<tbody>", _("Referrals"));
	for (i = 0; i < 3; i++)
		html(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", tot[i].label,
		    shown(r, oc_find(o, OS_REFERRALS, tot[i].measure, i == 2 ? "got_help" : "")));
	html_raw(b, "</tbody></table></div>");
	for (i = 0; i < RS_COUNT; i++) {
		const struct oc_figure *f = oc_find(o, OS_REFERRALS, "referrals",
		    ref_status_code((enum ref_status)i));

		if (f == NULL || (f->shown && f->value == 0))
			continue;
		groups[n] = ref_status_code((enum ref_status)i);
		labels[n++] = ref_status_label((enum ref_status)i);
	}
	if (n > 0) {
		html(b, "<h3>%s</h3><div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s"
		    "</th><th scope=\"col\">%s</th></tr></thead><tbody>", _("Where they stand now"),
		    _("Status"), l[0].label);
		for (i = 0; i < (int)n; i++)
			html(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", labels[i],
			    shown(r, oc_find(o, OS_REFERRALS, "referrals", groups[i])));
		html_raw(b, "</tbody></table></div>");
		bars(r, b, o, OS_REFERRALS, "chart-referrals", _("Referrals by status"), "referrals",
		    groups, labels, n);
	}
	method(b, _("The referrals your organisation made in the period (to the chosen service "
	    "only, if one is chosen), by where each stands today. Statuses with none are left "
	    "out. The time to getting help runs from the referral to its last change, for "
	    "those that got help, in whole days."));
	html_raw(b, "</section>");
}

static void
sec_goals(struct req *r, struct buf *b, const struct oc_report_out *o)
{
	const char *groups[OC_DOMAINS], *heads[OC_DOMAINS];
	const struct line l[] = {
		{"set", _("Goals set in the period")},
		{"reached", _("Reached")},
		{"not_reached", _("Not reached yet")},
		{"share", _("Share reached")},
	};
	int i;

	for (i = 0; i < OC_DOMAINS; i++) {
		groups[i] = domain_code(oc_domains[i]);
		heads[i] = domain_label(oc_domains[i]);
	}
	html(b, "<section id=\"goals\"><h2>%s</h2>", _("Reintegration goals reached"));
	table(r, b, o, OS_GOALS, _("Reintegration goals reached"), groups, heads, OC_DOMAINS, l, 4);
	bars(r, b, o, OS_GOALS, "chart-goals", _("Goals reached, in percent"), "share", groups,
	    heads, OC_DOMAINS);
	method(b, _("The goals set in the period in four life domains (housing, work and "
	    "education, family, finances) by the people who share their plan with your "
	    "organisation, and of those, the ones reached by today."));
	html_raw(b, "</section>");
}

/* The filter form (GET), its input kept, errors at their fields. */
static void
filter_form(struct req *r, struct buf *b, enum oc_report rep, const struct oc_query *q,
    const char *from, const char *to, const struct form_errors *e)
{
	struct pathway_template_row *ts = NULL;
	struct service *sv = NULL;
	size_t nts = 0, nsv = 0, i, k;
	const char **vals, **labs;

	(void)store_pathway_templates(req_store(r), &r->arena, true, &ts, &nts);
	(void)store_services_managed(req_store(r), &r->arena, r->actor->org_id, &sv, &nsv);
	html_raw(b, "<div class=\"print-hint\">");
	if (e->n > 0) {
		html(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2><ul>",
		    _("Please check the form"));
		for (i = 0; i < e->n; i++)
			html(b, "<li><a href=\"#f-%s\">%s</a></li>", e->field[i],
			    form_error_text(e->code[i]));
		html_raw(b, "</ul></div>");
	}
	html(b, "<form method=\"get\" action=\"/reports/%s\" novalidate>", oc_report_code(rep));
	form_input(b, "from", _("From month"), "month", from, "off", _("As YYYY-MM, for example "
	    "2026-01."), e);
	form_input(b, "to", _("To month, included"), "month", to, "off", NULL, e);
	vals = arena_alloc(&r->arena, (nts + nsv + 1) * sizeof(*vals));
	labs = arena_alloc(&r->arena, (nts + nsv + 1) * sizeof(*labs));
	vals[0] = "";
	labs[0] = _("Every pathway");
	for (i = 0, k = 1; i < nts; i++) {
		if (ts[i].org_id != NULL && strcmp(ts[i].org_id, r->actor->org_id) != 0)
			continue;
		vals[k] = ts[i].code;
		labs[k++] = ts[i].name[r->lang] != NULL ? ts[i].name[r->lang] : ts[i].name[LANG_EN];
	}
	form_select(b, "pathway", _("Pathway"), vals, labs, k, q->pathway != NULL ? q->pathway : "",
	    e);
	vals[0] = "";
	labs[0] = _("Every service");
	for (i = 0, k = 1; i < nsv; i++) {
		vals[k] = sv[i].id;
		labs[k++] = sv[i].name;
	}
	form_select(b, "service", _("People referred to"), vals, labs, k,
	    q->service != NULL ? q->service : "", e);
	html(b, "<button type=\"submit\">%s</button></form>", _("Show the report"));
	{
		const char *qs = arena_printf(&r->arena, "from=%s&to=%s%s%s%s%s", from, to,
		    q->pathway != NULL && *q->pathway ? "&pathway=" : "",
		    q->pathway != NULL ? q->pathway : "",
		    q->service != NULL && *q->service ? "&service=" : "",
		    q->service != NULL ? q->service : "");

		if (e->n == 0)
			html(b, "<p><a href=\"/reports/%s/csv?%s\" download>%s</a> · %s</p>",
			    oc_report_code(rep), qs, _("Download as CSV"),
			    _("Print this page for a paper copy: the form is left out."));
	}
	html_raw(b, "</div>");
}

static void
report_nav(struct buf *b, enum oc_report cur)
{
	int i;

	html(b, "<nav aria-label=\"%s\"><ul class=\"tabs\">", _("Reports"));
	for (i = 0; i < OR_COUNT; i++) {
		if (i == (int)cur)
			html(b, "<li><a href=\"/reports/%s\" aria-current=\"page\">%s</a></li>",
			    oc_report_code((enum oc_report)i), report_title((enum oc_report)i));
		else
			html(b, "<li><a href=\"/reports/%s\">%s</a></li>",
			    oc_report_code((enum oc_report)i), report_title((enum oc_report)i));
	}
	html_raw(b, "</ul></nav>");
}

/* Reads the query; on a fault records it in e under the page's codes. */
static bool
read_query(struct req *r, struct oc_query *q, struct oc_scope *sc, struct form_errors *e,
    char from[8], char to[8])
{
	const char *field, *code;

	q->from = req_query(r, "from");
	q->to = req_query(r, "to");
	q->service = req_query(r, "service");
	q->pathway = req_query(r, "pathway");
	oc_default_period(clock_now_us(), zone(r), from, to);
	field = oc_query_scope(&r->arena, q, r->actor->org_id, zone(r), clock_now_us(), sc, &code);
	if (field == NULL)
		return true;
	if (strcmp(field, "from") == 0 || strcmp(field, "to") == 0)
		code = strcmp(code, "out_of_range") == 0 ? "bad_period" :
		    strcmp(code, "too_long") == 0 ? "too_long" : "bad_month";
	form_error(e, field, code);
	return false;
}

void
web_reports(struct req *r)
{
	struct form_errors e = {0};
	struct oc_report_out o = {0};
	enum oc_report rep;
	struct oc_query q;
	struct oc_scope sc;
	char dfrom[8], dto[8];
	const char *from, *to;
	struct buf b;
	bool ok;

	if (!report_of(r, &rep) || !may_read(r))
		return;
	ok = read_query(r, &q, &sc, &e, dfrom, dto);
	if (ok && oc_compute(req_store(r), &r->arena, &sc, rep, &o) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	from = q.from != NULL && *q.from ? q.from : dfrom;
	to = q.to != NULL && *q.to ? q.to : dto;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, report_title(rep));
	report_nav(&b, rep);
	html(&b, "<article class=\"print-doc report\"><h1>%s</h1>", report_title(rep));
	if (ok)
		html(&b, "<p class=\"lead\">%s</p>", arena_printf(&r->arena,
		    _("%s, from %s to %s, as of %s."), r->actor->org_name != NULL ?
		    r->actor->org_name : _("your organisation"), timefmt_date(&r->arena, sc.first,
		    r->lang), timefmt_date(&r->arena, sc.last, r->lang), timefmt_date(&r->arena,
		    sc.today, r->lang)));
	filter_form(r, &b, rep, &q, from, to, &e);
	if (ok) {
		html(&b, "<p>%s</p>", _("Figures only, never a person. A figure built from fewer "
		    "than 5 people is not shown, and where a hidden figure could be worked out from "
		    "a total and the rest, the next smallest is hidden too. A share is shown only "
		    "when both its parts are, a mean or median only over 5 people or more. Months "
		    "are whole months, so that two reports cannot be subtracted to single out a "
		    "day."));
		if (oc_report_has(rep, OS_SERVED))
			sec_engagement(r, &b, &o);
		if (oc_report_has(rep, OS_CHECKUPS))
			sec_checkups(r, &b, &o);
		if (oc_report_has(rep, OS_BARC10))
			sec_scores(r, &b, &o, OS_BARC10);
		if (oc_report_has(rep, OS_WHO5))
			sec_scores(r, &b, &o, OS_WHO5);
		if (oc_report_has(rep, OS_FLAGS))
			sec_follow_up(r, &b, &o);
		if (oc_report_has(rep, OS_REFERRALS))
			sec_referrals(r, &b, &o);
		if (oc_report_has(rep, OS_GOALS))
			sec_goals(r, &b, &o);
	}
	html_raw(&b, "</article>");
	layout_end(r, &b, ok ? 200 : 422);
}

void
web_report_csv(struct req *r)
{
	struct form_errors e = {0};
	struct oc_report_out o;
	enum oc_report rep;
	struct oc_query q;
	struct oc_scope sc;
	char dfrom[8], dto[8];
	struct buf b;

	if (!report_of(r, &rep) || !may_read(r))
		return;
	if (!read_query(r, &q, &sc, &e, dfrom, dto)) {
		/* The page says what is wrong, at the field. */
		web_reports(r);
		return;
	}
	if (oc_compute(req_store(r), &r->arena, &sc, rep, &o) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	oc_csv(&b, &r->arena, &o);
	resp_header(r, "Content-Disposition", arena_printf(&r->arena,
	    "attachment; filename=\"rosc-%s-%s-%s.csv\"", oc_report_code(rep), sc.first, sc.last));
	resp_bytes(r, 200, "text/csv; charset=utf-8", b.data, b.len);
}
