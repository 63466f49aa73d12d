/* Pathway templates for an organisation's admins.
 *   GET  /admin/pathways                organisation admins: the templates their
 *        organisation can offer (shipped with rosc, and its own), the newest
 *        version of each with the older ones by version, each with "New
 *        version" and "Report"
 *   GET  /admin/pathways/new?from=ID    the same: an editor holding that version
 *        as JSON (rosc-pathway-template/1), its version raised past any the
 *        organisation has of that code
 *   POST /admin/pathways                the same: saves the text as a new
 *        version of the organisation's own template (a shipped one becomes its
 *        own copy, same code); with any problem nothing is saved and the page
 *        comes back with the text and each problem by its JSON path; audited
 *        pathway_template.create
 *   GET  /admin/pathways/{code}/report  the same: what became of the pathways
 *        the organisation offered on any version of code (core/pathway_report.h):
 *        counts only, those of 1 to 4 not shown
 * A saved version never changes, so one the organisation has is refused.
 * Another organisation's template answers 404 like a missing one. A system
 * admin acts for no organisation (shipped templates come with `rosc import
 * pathway`) and gets 403 here. Templates are not about persons, and the
 * report names nobody: nothing goes to the access log. */
#include "web/admin_pathways.h"

#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "base/utf8.h"
#include "core/actor.h"
#include "core/pathway.h"
#include "core/pathway_report.h"
#include "core/pathway_run.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "policy/policy.h"
#include "store/audit.h"
#include "store/pathway_run.h"
#include "store/pathways.h"
#include "web/forms.h"
#include "web/layout.h"

#define JSON_MAX (200 * 1024)     /* bytes: the shipped templates are under 20 KB */
#define PROBLEMS_MAX 64           /* listed; the rest are counted */

static bool
may_edit(struct req *r)
{
	if (policy_may_edit_pathways(r->actor, r->actor != NULL ? r->actor->org_id : NULL))
		return true;
	error_respond(r, 403, PROBLEM_FORBIDDEN);
	return false;
}

/* Shipped with rosc, or the acting organisation's own. */
static bool
usable(struct req *r, const struct pathway_template_row *x)
{
	return x->org_id == NULL || strcmp(x->org_id, r->actor->org_id) == 0;
}

static const char *
tname(struct req *r, const struct pathway_template_row *x)
{
	const char *s = (unsigned)r->lang < LANG_COUNT ? x->name[r->lang] : NULL;

	return s != NULL ? s : x->name[LANG_EN];
}

static const char *
org_zone(struct req *r)
{
	return r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
}

static void
admin_nav(struct buf *b)
{
	html(b, "<nav aria-label=\"%s\"><p><a href=\"/admin/users\">%s</a> · "
	    "<a href=\"/admin/pathways\">%s</a></p></nav>", _("Administration"), _("Accounts"),
	    _("Pathway templates"));
}

/* Every version of every template the organisation can use: by code, the
 * shipped ones before the organisation's, newest first. */
static int
usable_templates(struct req *r, struct pathway_template_row **out, size_t *n)
{
	struct pathway_template_row *all;
	size_t na, i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_pathway_templates(req_store(r), &r->arena, false, &all, &na)) != 0)
		return rc;
	*out = arena_alloc(&r->arena, (na + 1) * sizeof(**out));
	for (i = 0; i < na; i++)
		if (usable(r, &all[i]))
			(*out)[(*n)++] = all[i];
	return 0;
}

static bool
same_template(const struct pathway_template_row *x, const struct pathway_template_row *y)
{
	return strcmp(x->code, y->code) == 0 && (x->org_id == NULL) == (y->org_id == NULL);
}

/* List */

static void
template_card(struct req *r, struct buf *b, const struct pathway_template_row *ts, size_t n)
{
	const struct pathway_template_row *x = &ts[0];
	const char *name = tname(r, x);
	size_t i;

	html(b, "<li class=\"card\"><h2>%s</h2><p class=\"small\">%s · %s</p>", name,
	    x->org_id == NULL ? _("Shipped with rosc") : _("Your organisation's own"), x->code);
	html(b, "<p>%s", arena_printf(&r->arena, _("Version %d, saved on %s: %d phases, about "
	    "%d days."), x->version, timefmt_instant(&r->arena, x->created_us, org_zone(r), r->lang,
	    TIMEFMT_SHORT_DATE), x->phases, x->total_days));
	if (x->start_within_days > 0)
		html(b, " %s", arena_printf(&r->arena, _("Treatment starts within %d days."),
		    x->start_within_days));
	html_raw(b, "</p>");
	html(b, "<p><a class=\"button\" href=\"/admin/pathways/new?from=%s\">%s"
	    "<span class=\"visually-hidden\">: %s</span></a> "
	    "<a class=\"button secondary\" href=\"/admin/pathways/%s/report\">%s"
	    "<span class=\"visually-hidden\">: %s</span></a></p>", x->id, _("New version"), name,
	    x->code, _("Report"), name);
	if (n > 1) {
		html(b, "<h3>%s</h3><ul>", _("Older versions"));
		for (i = 1; i < n; i++)
			html(b, "<li>%s <a href=\"/admin/pathways/new?from=%s\">%s</a></li>",
			    arena_printf(&r->arena, _("Version %d, saved on %s."), ts[i].version,
			    timefmt_instant(&r->arena, ts[i].created_us, org_zone(r), r->lang,
			    TIMEFMT_SHORT_DATE)), ts[i].id,
			    arena_printf(&r->arena, _("Start a new version from version %d"),
			    ts[i].version));
		html_raw(b, "</ul>");
	}
	html_raw(b, "</li>");
}

void
web_admin_pathways(struct req *r)
{
	struct pathway_template_row *ts;
	struct buf b;
	size_t n, i, k;

	if (!may_edit(r))
		return;
	if (usable_templates(r, &ts, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Pathway templates"));
	admin_nav(&b);
	html(&b, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Pathway templates"),
	    _("The phased pathways your organisation can offer. A saved version never changes: "
	      "a change is a new version, and pathways already under way keep the version "
	      "they started with."));
	if (req_query(r, "saved") != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>",
		    _("The new version is saved. Your staff can offer it from now on."));
	if (n == 0)
		html(&b, "<p>%s</p>", _("There are no pathway templates yet."));
	html_raw(&b, "<ul class=\"cards templates\">");
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n && same_template(&ts[i], &ts[k]); k++)
			;
		template_card(r, &b, &ts[i], k - i);
	}
	html_raw(&b, "</ul>");
	layout_end(r, &b, 200);
}

/* Editor */

struct editor {
	const char *json;              /* the text, as it was typed */
	const char *name, *code;       /* the template it starts from, when known */
	bool shipped;
	int version;                   /* the version it will be saved as; 0: unknown */
	const struct pw_problem *p;    /* problems by JSON path */
	size_t np, more;               /* listed, and not listed */
	int line, column;              /* where invalid JSON stops being JSON */
	const char *message;           /* a problem with the text as a whole */
};

static void
problem_list(struct req *r, struct buf *b, const struct editor *ed)
{
	size_t i;

	html(b, "<div class=\"field-error\" id=\"e-json\"><p>%s</p><ul class=\"problems\">",
	    _("Nothing was saved. Each problem is shown as the JSON path to it and what is "
	      "wrong there:"));
	for (i = 0; i < ed->np; i++) {
		const char *what = pw_problem_text(ed->p[i].code);

		if (strcmp(ed->p[i].code, "invalid_json") == 0 && ed->line > 0)
			what = arena_printf(&r->arena, _("%s (line %d, character %d)"), what,
			    ed->line, ed->column);
		html(b, "<li><code>%s</code>: %s</li>", *ed->p[i].path ? ed->p[i].path : "$", what);
	}
	if (ed->more > 0)
		html(b, "<li>%s</li>", arena_printf(&r->arena, ngettext("and %zu more problem",
		    "and %zu more problems", ed->more), ed->more));
	html_raw(b, "</ul></div>");
}

static void
render_editor(struct req *r, const struct editor *ed, unsigned status)
{
	const char *title = _("New version of a pathway template");
	bool err = ed->np > 0 || ed->message != NULL;
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, title);
	html(&b, "<nav><a href=\"/admin/pathways\">%s</a></nav><h1>%s</h1>",
	    _("Back to pathway templates"), title);
	if (ed->name != NULL)
		html(&b, "<p class=\"lead\">%s</p>", arena_printf(&r->arena,
		    _("%s (%s), to be saved as version %d."), ed->name, ed->code, ed->version));
	if (ed->shipped)
		html(&b, "<p>%s</p>", _("This template comes with rosc. Saving makes it your "
		    "organisation's own, with the same code; the one that comes with rosc stays as "
		    "it is."));
	html(&b, "<p>%s</p>", _("Below is the template as JSON, in the format "
	    "rosc-pathway-template/1 that the file docs/pathway-template.md in rosc describes. "
	    "Change what you need and save: it is kept as a new version, and pathways already "
	    "under way keep the version they started with. Every text is needed in English, "
	    "Dutch and Danish."));
	if (err)
		html(&b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2>"
		    "<ul><li><a href=\"#f-json\">%s</a></li></ul></div>",
		    _("Please check the template"), ed->message != NULL ? ed->message :
		    _("The template has problems: they are listed at the text box."));
	html(&b, "<form method=\"post\" action=\"/admin/pathways\" class=\"wide\" novalidate>");
	form_csrf(r, &b);
	html(&b, "<div class=\"field%s\"><label for=\"f-json\">%s</label><p class=\"hint\" "
	    "id=\"h-json\">%s</p>", err ? " has-error" : "", _("The template, as JSON"),
	    _("\"version\" must be higher than any version your organisation saved of this "
	      "code."));
	if (ed->np > 0)
		problem_list(r, &b, ed);
	else if (ed->message != NULL)
		html(&b, "<p class=\"field-error\" id=\"e-json\">%s</p>", ed->message);
	html_raw(&b, "<textarea id=\"f-json\" name=\"json\" rows=\"30\" class=\"code\" "
	    "spellcheck=\"false\" autocapitalize=\"off\" autocomplete=\"off\"");
	if (err)
		html_raw(&b, " aria-describedby=\"h-json e-json\" aria-invalid=\"true\"");
	else
		html_raw(&b, " aria-describedby=\"h-json\"");
	/* A newline right after the tag is dropped by the parser, so one that
	 * begins the text survives. */
	html(&b, ">\n%s</textarea></div>", ed->json != NULL ? ed->json : "");
	form_end(&b, _("Save as a new version"));
	layout_end(r, &b, status);
}

void
web_admin_pathway_new(struct req *r)
{
	const char *from = req_query(r, "from");
	struct pathway_template_row x, own;
	struct pw_problem p[4];
	struct pw_template t;
	struct editor ed = {0};
	int rc = ERR_NOT_FOUND;

	if (!may_edit(r))
		return;
	if (from != NULL && id_valid(from, strlen(from)))
		rc = store_pathway_template_get(req_store(r), &r->arena, from, &x);
	if (rc == 0 && !usable(r, &x))
		rc = ERR_NOT_FOUND;
	if (rc == 0 && pw_parse(&r->arena, x.body, strlen(x.body), &t, p, 4) != 0)
		rc = ERR_DB;
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	/* Past every version the organisation has of the code, so that a
	 * new version from an older one, or from the shipped one when there
	 * is an own copy, does not meet one that exists. */
	t.version = x.version;
	rc = store_pathway_template_latest(req_store(r), &r->arena, r->actor->org_id, x.code,
	    &own);
	if (rc == 0 && own.version > t.version)
		t.version = own.version;
	else if (rc != 0 && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	t.version++;
	if ((ed.json = pw_write(&r->arena, &t)) == NULL) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	ed.name = tname(r, &x);
	ed.code = x.code;
	ed.shipped = x.org_id == NULL;
	ed.version = t.version;
	render_editor(r, &ed, 200);
}

/* Saving */

struct tpl_save {
	struct pathway_template_row x;
	struct editor ed;
	struct audit_entry *audit;
	int rc;
};

static int
write_template(struct store_tx *tx, void *arg)
{
	struct tpl_save *w = arg;

	w->rc = store_tx_pathway_template_insert(tx, &w->x);
	/* A version saved meanwhile is an answer, not a failed write. */
	if (w->rc != 0)
		return w->rc == ERR_CONFLICT ? 0 : w->rc;
	return store_tx_audit_append(tx, w->audit);
}

static const char *
version_taken(struct req *r, const char *code, int version, int newest)
{
	if (newest == version)
		return arena_printf(&r->arena, _("Version %d of %s exists already for your "
		    "organisation, and a saved version never changes. Raise \"version\" to %d to "
		    "save this as a new version."), version, code, newest + 1);
	return arena_printf(&r->arena, _("Your organisation has version %d of %s, newer than "
	    "version %d here. Raise \"version\" to %d to save this as a new version."), newest,
	    code, version, newest + 1);
}

static void
after_save(struct req *r, int rc)
{
	struct tpl_save *w = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (w->rc == ERR_CONFLICT) {
		w->ed.message = version_taken(r, w->x.code, w->x.version, w->x.version);
		render_editor(r, &w->ed, 409);
		return;
	}
	resp_redirect(r, 303, "/admin/pathways?saved=1");
}

void
web_admin_pathway_save(struct req *r)
{
	struct tpl_save *w;
	struct editor ed = {0};
	struct pw_problem *p;
	struct pw_template t;
	struct pathway_template_row have;
	const char *json;
	size_t len, n;
	int rc;

	if (!may_edit(r))
		return;
	json = req_form(r, "json");
	ed.json = json != NULL ? json : "";
	len = strlen(ed.json);
	if (req_form_bad(r, "json") || !utf8_valid_text(ed.json, len))
		ed.message = _("The text has bytes that are not UTF-8 text, or control characters "
		    "(they are shown as �). Nothing was saved.");
	else if (strspn(ed.json, " \t\r\n") == len)
		ed.message = _("The text box is empty. Nothing was saved.");
	else if (len > JSON_MAX)
		ed.message = _("The template is longer than 200 KB. Nothing was saved.");
	if (ed.message != NULL) {
		render_editor(r, &ed, 422);
		return;
	}
	p = arena_alloc(&r->arena, PROBLEMS_MAX * sizeof(*p));
	if ((n = pw_parse(&r->arena, ed.json, len, &t, p, PROBLEMS_MAX)) > 0) {
		ed.p = p;
		ed.np = n < PROBLEMS_MAX ? n : PROBLEMS_MAX;
		ed.more = n - ed.np;
		(void)pw_json_error_at(ed.json, len, &ed.line, &ed.column);
		render_editor(r, &ed, 422);
		return;
	}
	rc = store_pathway_template_latest(req_store(r), &r->arena, r->actor->org_id, t.code,
	    &have);
	if (rc != 0 && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (rc == 0 && have.version >= t.version) {
		ed.message = version_taken(r, t.code, t.version, have.version);
		render_editor(r, &ed, 409);
		return;
	}
	w = arena_alloc(&r->arena, sizeof(*w));
	memset(w, 0, sizeof(*w));
	if (store_pathway_template_row(&r->arena, &t, &w->x) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	w->x.org_id = r->actor->org_id;
	w->x.created_by = r->actor->user.id;
	w->ed = ed;
	w->audit = req_audit(r, "pathway_template.create", arena_printf(&r->arena,
	    "pathway_template:%s", w->x.id), arena_printf(&r->arena, "%s v%d", t.code, t.version));
	req_defer_write(r, write_template, w, after_save);
}

/* Report */

/* A count, or words for one too small to show. */
static const char *
count(struct req *r, int n)
{
	if (pw_report_small(n))
		return _("fewer than 5");
	return arena_printf(&r->arena, "%d", n);
}

static void
count_row(struct req *r, struct buf *b, const char *label, int n)
{
	html(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", label, count(r, n));
}

static const char *
days(struct req *r, double d)
{
	int whole = (int)d;

	/* A median of an even number of whole days ends in a half at most. */
	return d - whole >= 0.5 ? arena_printf(&r->arena, "%d½", whole) :
	    arena_printf(&r->arena, "%d", whole);
}

static const char *
line_name(struct req *r, const struct pw_report_line *l)
{
	if (*l->code == '\0')
		return _("Phases added for a person");
	if (l->phase != NULL)
		return pw_text(&l->phase->name, r->lang);
	return arena_printf(&r->arena, _("Phase %s (an older version)"), l->code);
}

static void
report_phases(struct req *r, struct buf *b, const struct pw_report *rep)
{
	size_t i;

	html(b, "<section><h2>%s</h2><p>%s</p><div class=\"table-wrap\"><table class=\"stacked\">"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
	    "</th></tr></thead><tbody>", _("Phases"), _("How many pathways are in each phase "
	    "now, and the median number of days the phases that were done took."), _("Phase"),
	    _("In it now"), _("Median days"));
	for (i = 0; i < rep->nlines; i++) {
		const struct pw_report_line *l = &rep->lines[i];
		const char *median;

		if (pw_report_median_shown(l))
			median = arena_printf(&r->arena, ngettext("%s (over %d phase)",
			    "%s (over %d phases)", (unsigned long)l->done), days(r, l->median_days),
			    l->done);
		else if (l->done == 0)
			median = _("none done yet");
		else
			median = _("not shown: fewer than 5 done");
		html(b, "<tr><td class=\"row-main\">%s</td><td data-label=\"%s\">%s</td>"
		    "<td data-label=\"%s\">%s</td></tr>", line_name(r, l), _("In it now"),
		    count(r, l->now), _("Median days"), median);
	}
	html_raw(b, "</tbody></table></div></section>");
}

static void
report_guarantee(struct req *r, struct buf *b, const struct pw_report *rep)
{
	html(b, "<section><h2>%s</h2><p>", _("Start guarantee"));
	if (rep->guarantee == 0)
		html(b, "%s", _("No pathway with a start guarantee has started, or passed its last "
		    "day, yet."));
	else if (pw_report_share_shown(rep))
		html(b, "%s", arena_printf(&r->arena, _("%d%% of %d pathways started treatment "
		    "within the start guarantee."), pw_report_share_percent(rep), rep->guarantee));
	else
		html(b, "%s", _("Not shown: fewer than 5 pathways started in time, or fewer than 5 "
		    "late, so the share would tell how many."));
	html_raw(b, "</p></section>");
}

static void
report_deviations(struct req *r, struct buf *b, const struct pw_report *rep)
{
	int i;

	html(b, "<section><h2>%s</h2><p>%s</p>", _("Changes to the pathways"),
	    _("Each time a pathway departed from its template: a phase skipped, added, made "
	      "longer or shorter, a proposal not taken up, something added, or the pathway "
	      "stopped. Counted per change, so one person may count more than once."));
	html(b, "<table><caption>%s</caption><tbody>", _("By reason"));
	for (i = 0; i < PWD_REASON_COUNT; i++)
		count_row(r, b, pwd_reason_label((enum pwd_reason)i), rep->by_reason[i]);
	html(b, "</tbody></table><table><caption>%s</caption><tbody>", _("By kind"));
	for (i = 0; i < PWD_COUNT; i++)
		count_row(r, b, pwd_kind_label((enum pwd_kind)i), rep->by_kind[i]);
	html_raw(b, "</tbody></table></section>");
}

void
web_admin_pathway_report(struct req *r)
{
	const char *code = req_param(r, 0);
	struct pathway_template_row *ts, *mine = NULL;
	const struct pw_template **pts;
	struct pw_report_rows rows;
	struct pw_report rep;
	struct buf b;
	size_t n, i, k = 0;
	char today[11];
	int pass;

	if (!may_edit(r))
		return;
	if (usable_templates(r, &ts, &n) != 0 ||
	    store_pathway_report(req_store(r), &r->arena, r->actor->org_id, code, &rows) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	/* The versions of code, the organisation's own first (what it offers
	 * now), each newest first: the phases' order and names. */
	pts = arena_alloc(&r->arena, (n + 1) * sizeof(*pts));
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			const struct pw_template *t;

			if (strcmp(ts[i].code, code) != 0 || (ts[i].org_id == NULL) != (pass == 1))
				continue;
			if (mine == NULL)
				mine = &ts[i];
			/* Parsed once for the process: a version never changes. */
			if ((t = pw_cache(ts[i].id, ts[i].body, strlen(ts[i].body))) != NULL)
				pts[k++] = t;
		}
	if (mine == NULL) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	pw_today(clock_now_us(), org_zone(r), today);
	pw_report_make(&r->arena, &rows, pts, k, today, &rep);

	buf_init(&b, &r->arena);
	layout_begin(r, &b, arena_printf(&r->arena, _("Report: %s"), tname(r, mine)));
	html(&b, "<nav><a href=\"/admin/pathways\">%s</a></nav><h1>%s</h1><p class=\"lead\">%s</p>",
	    _("Back to pathway templates"), arena_printf(&r->arena, _("Report: %s"),
	    tname(r, mine)), arena_printf(&r->arena, _("The pathways %s offered on this template, "
	    "any version, as of %s."), r->actor->org_name != NULL ? r->actor->org_name :
	    _("your organisation"), timefmt_date(&r->arena, today, r->lang)));

	html(&b, "<section><h2>%s</h2><table><tbody>", _("Pathways"));
	count_row(r, &b, _("Offered, in all"), rep.offered);
	count_row(r, &b, _("Agreed by the person and started"), rep.agreed);
	count_row(r, &b, pwr_status_label(PWR_OFFERED), rep.waiting);
	count_row(r, &b, pwr_status_label(PWR_RUNNING), rep.running);
	count_row(r, &b, pwr_status_label(PWR_FINISHED), rep.finished);
	count_row(r, &b, pwr_status_label(PWR_STOPPED), rep.stopped);
	count_row(r, &b, pwr_status_label(PWR_DECLINED), rep.declined);
	html_raw(&b, "</tbody></table></section>");
	report_phases(r, &b, &rep);
	report_guarantee(r, &b, &rep);
	report_deviations(r, &b, &rep);

	html(&b, "<section><h2>%s</h2><ul><li>%s</li><li>%s</li><li>%s</li><li>%s</li></ul>"
	    "</section>", _("What is counted"),
	    _("Only the pathways your organisation offered, never another organisation's."),
	    _("From each pathway: its status, the day the person asked for help, the last day "
	      "of the start guarantee and the day treatment started; from its phases, the days "
	      "each began and ended; from each change, its kind and reason. No names, notes or "
	      "other details are read."),
	    _("A count from 1 to 4 is shown as \"fewer than 5\", so that nobody can be "
	      "recognised in a small group. A median is shown over 5 or more done phases. A "
	      "skipped phase is not counted."),
	    _("The start guarantee counts the pathways whose treatment started, and those "
	      "whose last day passed without a start while they were offered or under way. "
	      "Treatment starts when the first phase ends."));
	layout_end(r, &b, 200);
}
