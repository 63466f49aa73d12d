/* Goals in the person's own words, and the small steps towards them.
 *   GET  /persons/{id}/plan/goals/new      whoever may co-write the plan
 *   POST /persons/{id}/plan/goals          (PA_EDIT_PLAN for "plan and goals";
 *                                          a goal about alcohol and drugs
 *                                          also needs that category)
 *   GET  /persons/{id}/plan/goals/{goal}   whoever may read the plan; a goal
 *                                          about alcohol and drugs also needs
 *                                          that category, or it is not there
 *   POST /persons/{id}/plan/goals/{goal}   changes the goal: co-writers
 *   POST /persons/{id}/plan/goals/{goal}/steps         adds a step: co-writers
 *   POST /persons/{id}/plan/goals/{goal}/steps/{step}  changes a step: the
 *                                          same (the person marks their own
 *                                          steps done here)
 *
 * Who does a step: the person, someone in their network now, or an
 * organisation with someone in the network now. Every change names the
 * version it started from: when someone else saved in between, the page
 * says so, shows what is saved now beside what was typed, and loses
 * nothing. The store writes the history of every change. Another person's
 * goal or step id answers the same 404 as an unknown one. */
#include "web/goals.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/person.h"
#include "core/plan.h"
#include "http/request.h"
#include "http/response.h"
#include "store/network.h"
#include "store/persons.h"
#include "store/plan.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/referrals.h"

#define DATE_MAX 10
#define OWNER_MAX 80

/* What was typed, kept on error or conflict. */
struct goal_form {
	const char *title, *why, *domain, *status, *lang;
	int64_t version;
};

struct step_form {
	const char *title, *owner, *due, *status;
	int64_t version;
};

/* What a page shows besides the goal: forms kept after a mistake, or what
 * is saved now after a conflict. */
struct view {
	const char *message;
	const char *message_step;            /* the step message is about */
	const struct goal_form *gf;          /* the goal form, kept */
	const struct form_errors *ge;
	const struct goal *their_goal;       /* saved now, on a conflict */
	const struct step_form *af;          /* the new-step form, kept */
	const struct form_errors *ae;
	const char *step_id;                 /* a step whose form is kept */
	const struct step_form *sf;
	const struct form_errors *se;
	const struct step *their_step;       /* saved now, on a conflict */
};

/* The person and where the actor stands, for one page. */
struct page {
	const char *id;
	struct person p;
	const struct grant *g;     /* the door's: the plan, and what else it covers */
	bool self;
	bool edit;                 /* may co-write the plan */
	bool substance_read;       /* may see the alcohol and drugs domain */
	bool substance_edit;
	const char *today, *zone;
	struct network_member *net;
	size_t nnet;
};

/* Helpers */

static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

static const char *
trimmed(struct req *r, const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	return arena_strndup(&r->arena, s, n);
}

static bool
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int64_t
read_version(struct req *r)
{
	const char *v = req_form(r, "version");

	if (v == NULL || *v == '\0' || strlen(v) > 18 || strspn(v, "0123456789") != strlen(v))
		return 0;          /* no stored item has version 0: a conflict */
	return strtoll(v, NULL, 10);
}

static const char *
version_text(struct req *r, int64_t v)
{
	return arena_printf(&r->arena, "%lld", (long long)v);
}

static bool
is_current(const struct network_member *m, const char *today)
{
	return m->until_date == NULL || strcmp(m->until_date, today) >= 0;
}

static bool
is_open(enum item_status s)
{
	return s == ST_NOT_STARTED || s == ST_IN_PROGRESS;
}

static bool
is_overdue(const struct step *st, const char *today)
{
	return is_open(st->status) && st->due_date != NULL && *st->due_date &&
	    strcmp(st->due_date, today) < 0;
}

/* Steps are done, not reached. */
static const char *
step_status_label(enum item_status s)
{
	return s == ST_REACHED ? _("Done") : item_status_label(s);
}

static const char *
date_text(struct req *r, const char *ymd)
{
	return ymd != NULL && *ymd ? timefmt_date(&r->arena, ymd, r->lang) : "";
}

/* The page's sentence for an error code: this page's own, or the forms'. */
static const char *
err_text(const char *code)
{
	if (strcmp(code, "not_in_network") == 0)
		return _("This person or organisation is not in the network now. Choose "
		    "someone from the list.");
	return form_error_text(code);
}

/* Fields with an id prefix, so that several forms share a page. */

static void
field_open(struct buf *b, const char *fid, const char *label, const char *hint,
    const char *err)
{
	html(b, "<div class=\"field%s\"><label for=\"%s\">%s</label>",
	    err ? " has-error" : "", fid, label);
	if (hint != NULL)
		html(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", fid, hint);
	if (err != NULL)
		html(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>", fid, err_text(err));
}

static void
field_described(struct buf *b, const char *fid, const char *hint, const char *err)
{
	if (hint == NULL && err == NULL)
		return;
	html_raw(b, " aria-describedby=\"");
	if (hint != NULL)
		html(b, "%s-hint", fid);
	if (hint != NULL && err != NULL)
		html_raw(b, " ");
	if (err != NULL)
		html(b, "%s-error", fid);
	html_raw(b, "\"");
	if (err != NULL)
		html_raw(b, " aria-invalid=\"true\"");
}

static void
fld_input(struct req *r, struct buf *b, const char *prefix, const char *name,
    const char *label, const char *type, const char *value, const char *hint,
    const struct form_errors *e)
{
	const char *fid = arena_printf(&r->arena, "%s%s", prefix, name);
	const char *err = form_error_at(e, name);

	field_open(b, fid, label, hint, err);
	html(b, "<input id=\"%s\" name=\"%s\" type=\"%s\" autocomplete=\"off\"", fid, name,
	    type);
	if (value != NULL)
		html(b, " value=\"%s\"", value);
	field_described(b, fid, hint, err);
	html_raw(b, "></div>");
}

static void
fld_textarea(struct req *r, struct buf *b, const char *prefix, const char *name,
    const char *label, const char *value, const char *hint, const struct form_errors *e)
{
	const char *fid = arena_printf(&r->arena, "%s%s", prefix, name);
	const char *err = form_error_at(e, name);

	field_open(b, fid, label, hint, err);
	html(b, "<textarea id=\"%s\" name=\"%s\" rows=\"5\"", fid, name);
	field_described(b, fid, hint, err);
	/* The parser drops a newline right after the tag: one that begins the
	 * value survives. */
	html(b, ">\n%s</textarea></div>", value != NULL ? value : "");
}

static void
fld_select(struct req *r, struct buf *b, const char *prefix, const char *name,
    const char *label, const char *const *values, const char *const *labels, size_t n,
    const char *selected, const struct form_errors *e)
{
	const char *fid = arena_printf(&r->arena, "%s%s", prefix, name);
	const char *err = form_error_at(e, name);
	size_t i;

	field_open(b, fid, label, NULL, err);
	html(b, "<select id=\"%s\" name=\"%s\"", fid, name);
	field_described(b, fid, NULL, err);
	html_raw(b, ">");
	for (i = 0; i < n; i++)
		html(b, selected != NULL && strcmp(selected, values[i]) == 0 ?
		    "<option value=\"%s\" selected>%s</option>" :
		    "<option value=\"%s\">%s</option>", values[i], labels[i]);
	html_raw(b, "</select></div>");
}

/* The list of mistakes at the top of a form, each linking to its field. */
static void
fld_summary(struct buf *b, const char *prefix, const struct form_errors *e)
{
	size_t i;

	if (e == NULL || e->n == 0)
		return;
	html(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2><ul>",
	    _("Please check the form"));
	for (i = 0; i < e->n; i++)
		html(b, "<li><a href=\"#%s%s\">%s</a></li>", prefix, e->field[i],
		    err_text(e->code[i]));
	html_raw(b, "</ul></div>");
}

static void
form_open(struct req *r, struct buf *b, const char *action)
{
	html(b, "<form method=\"post\" action=\"%s\" novalidate>", action);
	form_csrf(r, b);
}

/* The text languages a goal can be written in. */
static void
lang_select(struct req *r, struct buf *b, const char *prefix, const char *selected,
    const struct form_errors *e)
{
	static const char *const langs[] = {"en", "nl", "da"};
	const char *labels[] = {lang_endonym(LANG_EN), lang_endonym(LANG_NL),
		lang_endonym(LANG_DA)};

	fld_select(r, b, prefix, "lang", _("Written in"), langs, labels, 3, selected, e);
}

static bool
lang_ok(const char *s)
{
	enum lang l;

	return s != NULL && strlen(s) == 2 && lang_parse(s, 2, &l);
}

/* The person's plan through the door: read (or, with need_edit, co-write),
 * logged as such (the server keeps no note of a write that a 4xx answer
 * says was not done, nor anything of a refusal). Answers and returns false
 * when the actor may not. */
static bool
page_load(struct req *r, const char *id, bool need_edit, struct page *pg)
{
	struct decision d;
	int rc;

	memset(pg, 0, sizeof(*pg));
	pg->id = id;
	pg->g = door_open(r, id, need_edit ? PA_EDIT_PLAN : PA_READ, CAT_PLAN, 0, &d);
	if (pg->g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return false;
	}
	if ((rc = store_person_get(req_store(r), &r->arena, pg->g, &pg->p)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	/* Asked without logging: what the page offers. */
	pg->self = grant_is_self(pg->g);
	pg->edit = door_may(r, pg->g, PA_EDIT_PLAN, CAT_PLAN);
	pg->substance_read = door_may(r, pg->g, PA_READ, CAT_SUBSTANCE);
	pg->substance_edit = pg->edit && door_may(r, pg->g, PA_EDIT_PLAN, CAT_SUBSTANCE);
	pg->today = today_utc(r);
	if (pg->self || r->actor->org_time_zone == NULL)
		pg->zone = pg->p.time_zone;
	else
		pg->zone = r->actor->org_time_zone;
	return true;
}

/* Through the door once more, for act on cat as well as the plan (logged);
 * the page's grant then covers both. Answers and returns false if not. */
static bool
log_access(struct req *r, struct page *pg, enum person_action act, enum category cat)
{
	struct decision d;
	const struct grant *g = door_open(r, pg->id, act, CAT_PLAN,
	    cat != CAT_PLAN ? CAT_BIT(cat) : 0, &d);

	if (g != NULL && cat != CAT_PLAN && !grant_covers(g, cat)) {
		d = (struct decision){false, WHY_NONE, 403};
		g = NULL;
	}
	if (g == NULL) {
		door_refuse(r, &d, cat);
		return false;
	}
	if (cat != CAT_PLAN)
		pg->g = g;
	return true;
}

/* The goal, if it is this person's and the actor may see it; else answers
 * (404 for an unknown goal or another person's; for a goal about alcohol
 * and drugs without that category, the door's refusal). */
static bool
goal_load(struct req *r, struct page *pg, const char *goal_id, bool for_edit,
    struct goal *g)
{
	enum person_action act = for_edit ? PA_EDIT_PLAN : PA_READ;
	int rc = store_goal_get(req_store(r), &r->arena, pg->g, goal_id, g);

	/* About alcohol and drugs: read only once the door has said so. */
	if (rc == STORE_WITHHELD) {
		if (!log_access(r, pg, act, domain_category(g->domain)))
			return false;
		rc = store_goal_get(req_store(r), &r->arena, pg->g, goal_id, g);
	}
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	if (for_edit && domain_category(g->domain) != CAT_PLAN && !pg->substance_edit) {
		struct decision d = {false, WHY_NONE, 403};

		door_refuse(r, &d, domain_category(g->domain));
		return false;
	}
	return true;
}

static bool
load_network(struct req *r, struct page *pg)
{
	if (pg->net != NULL)
		return true;
	return store_network(req_store(r), &r->arena, pg->g, &pg->net, &pg->nnet) == 0;
}

/* Domains: every one, but alcohol and drugs only for those it is shared with. */
static void
domain_select(struct req *r, struct buf *b, const char *prefix, const struct page *pg,
    const char *selected, const struct form_errors *e)
{
	const char *values[DOM_COUNT + 1], *labels[DOM_COUNT + 1];
	size_t n = 0;
	int d;

	values[n] = "";
	labels[n++] = _("Choose a part of life");
	for (d = 0; d < DOM_COUNT; d++) {
		if (domain_category((enum domain)d) != CAT_PLAN && !pg->substance_edit)
			continue;
		values[n] = domain_code((enum domain)d);
		labels[n++] = domain_label((enum domain)d);
	}
	fld_select(r, b, prefix, "domain", _("Part of life"), values, labels, n, selected, e);
}

static void
status_select(struct req *r, struct buf *b, const char *prefix, bool step,
    const char *selected, const struct form_errors *e)
{
	const char *values[ST_COUNT], *labels[ST_COUNT];
	int s;

	for (s = 0; s < ST_COUNT; s++) {
		values[s] = item_status_code((enum item_status)s);
		labels[s] = step ? step_status_label((enum item_status)s) :
		    item_status_label((enum item_status)s);
	}
	fld_select(r, b, prefix, "status", _("Status"), values, labels, ST_COUNT, selected, e);
}

/* Who does a step */

static const char *
owner_value(struct req *r, const struct step *st)
{
	if (st->owner_kind == OWNER_MEMBER && st->owner_member_id != NULL)
		return arena_printf(&r->arena, "member:%s", st->owner_member_id);
	if (st->owner_kind == OWNER_ORGANISATION && st->owner_org_id != NULL)
		return arena_printf(&r->arena, "organisation:%s", st->owner_org_id);
	return "person";
}

static const char *
owner_text(const struct page *pg, const struct step *st)
{
	if (st->owner_kind == OWNER_PERSON)
		return pg->self ? _("You") : pg->p.display_name;
	if (st->owner_name != NULL && *st->owner_name)
		return st->owner_name;
	return st->owner_kind == OWNER_MEMBER ? _("Someone in the network") :
	    _("An organisation");
}

static bool
org_seen(const struct network_member *ms, size_t upto, const char *org_id,
    const char *today)
{
	size_t i;

	for (i = 0; i < upto; i++)
		if (ms[i].org_id != NULL && strcmp(ms[i].org_id, org_id) == 0 &&
		    is_current(&ms[i], today))
			return true;
	return false;
}

/* The choices: the person, everyone in the network now, and each
 * organisation with someone in it now; plus the step's present owner, so
 * that a change of anything else does not change who does it. */
static size_t
owner_choices(struct req *r, const struct page *pg, const struct step *keep,
    const char ***values, const char ***labels)
{
	size_t i, n = 0, cap = 2 + 2 * pg->nnet;
	const char **v = arena_alloc(&r->arena, cap * sizeof(*v));
	const char **l = arena_alloc(&r->arena, cap * sizeof(*l));
	const char *kept = keep != NULL ? owner_value(r, keep) : NULL;
	bool have_kept = kept == NULL || strcmp(kept, "person") == 0;

	v[n] = "person";
	l[n++] = pg->self ? _("Me") : arena_printf(&r->arena, _("%s (the person)"),
	    pg->p.display_name);
	for (i = 0; i < pg->nnet; i++) {
		const struct network_member *m = &pg->net[i];

		if (!is_current(m, pg->today))
			continue;
		v[n] = arena_printf(&r->arena, "member:%s", m->id);
		l[n] = m->org_name != NULL ?
		    arena_printf(&r->arena, _("%s (%s, %s)"), m->display_name ? m->display_name :
		    "", net_role_label(m->role), m->org_name) :
		    arena_printf(&r->arena, _("%s (%s)"), m->display_name ? m->display_name : "",
		    net_role_label(m->role));
		if (kept != NULL && strcmp(kept, v[n]) == 0)
			have_kept = true;
		n++;
	}
	for (i = 0; i < pg->nnet; i++) {
		const struct network_member *m = &pg->net[i];

		if (m->org_id == NULL || !is_current(m, pg->today) ||
		    org_seen(pg->net, i, m->org_id, pg->today))
			continue;
		v[n] = arena_printf(&r->arena, "organisation:%s", m->org_id);
		l[n] = arena_printf(&r->arena, _("%s (the organisation)"),
		    m->org_name ? m->org_name : "");
		if (kept != NULL && strcmp(kept, v[n]) == 0)
			have_kept = true;
		n++;
	}
	if (!have_kept && n < cap) {
		v[n] = kept;
		l[n++] = arena_printf(&r->arena, _("%s (no longer in the network)"),
		    owner_text(pg, keep));
	}
	*values = v;
	*labels = l;
	return n;
}

/* Reads the owner field into st. The present owner (keep) stays allowed,
 * even if they have left the network since. */
static void
owner_parse(struct req *r, const struct page *pg, const char *v, const struct step *keep,
    struct step *st, struct form_errors *e)
{
	size_t i;

	st->owner_member_id = NULL;
	st->owner_org_id = NULL;
	st->owner_kind = OWNER_PERSON;
	if (strcmp(v, "person") == 0)
		return;
	if (keep != NULL && strcmp(v, owner_value(r, keep)) == 0) {
		st->owner_kind = keep->owner_kind;
		st->owner_member_id = keep->owner_member_id;
		st->owner_org_id = keep->owner_org_id;
		return;
	}
	if (strncmp(v, "member:", 7) == 0) {
		for (i = 0; i < pg->nnet; i++) {
			if (strcmp(pg->net[i].id, v + 7) == 0 && is_current(&pg->net[i], pg->today)) {
				st->owner_kind = OWNER_MEMBER;
				st->owner_member_id = pg->net[i].id;
				return;
			}
		}
	} else if (strncmp(v, "organisation:", 13) == 0) {
		for (i = 0; i < pg->nnet; i++) {
			if (pg->net[i].org_id != NULL && strcmp(pg->net[i].org_id, v + 13) == 0 &&
			    is_current(&pg->net[i], pg->today)) {
				st->owner_kind = OWNER_ORGANISATION;
				st->owner_org_id = pg->net[i].org_id;
				return;
			}
		}
	}
	form_error(e, "owner", "not_in_network");
}

/* The goal page */

static const char *
when(struct req *r, const struct page *pg, int64_t us, enum timefmt_style style)
{
	return timefmt_instant(&r->arena, us, pg->zone, r->lang, style);
}

static void
own_text(struct buf *b, const char *tag_class, const char *text, const char *lang)
{
	if (lang != NULL && *lang)
		html(b, "<p class=\"%s\" lang=\"%s\">%s</p>", tag_class, lang, text);
	else
		html(b, "<p class=\"%s\">%s</p>", tag_class, text);
}

static void
comments_list(struct req *r, struct buf *b, const struct page *pg,
    const struct plan_comment *cs, size_t n)
{
	size_t i;
	char iso[28];

	if (n == 0)
		return;
	html_raw(b, "<ol class=\"plan-comments\">");
	for (i = 0; i < n; i++) {
		const struct plan_comment *c = &cs[i];
		const char *who = c->author_name ? c->author_name : _("Someone");

		if (c->author_org_name != NULL)
			who = arena_printf(&r->arena, _("%s, %s"), who, c->author_org_name);
		clock_format_datetime(c->created_us, iso);
		html(b, "<li><p class=\"small\">%s · <time datetime=\"%s\">%s</time></p>", who,
		    iso, when(r, pg, c->created_us, TIMEFMT_DATETIME));
		own_text(b, "own-words", c->body, c->body_lang);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol>");
}

/* A form for a progress note on the goal or one of its steps; the plan
 * page answers it. */
static void
comment_form(struct req *r, struct buf *b, const struct page *pg, const char *kind,
    const char *item_id, const char *label)
{
	const char *prefix = arena_printf(&r->arena, "c-%s-", item_id);

	form_open(r, b, arena_printf(&r->arena, "/persons/%s/plan/comments", pg->id));
	html(b, "<input type=\"hidden\" name=\"item_kind\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"item_id\" value=\"%s\">", kind, item_id);
	fld_textarea(r, b, prefix, "body", label, NULL, NULL, NULL);
	lang_select(r, b, prefix, lang_code(r->lang), NULL);
	form_end(b, _("Add the note"));
}

static void
diff_cell(struct buf *b, const char *text, const char *lang)
{
	if (blank(text))
		html(b, "<td><em>%s</em></td>", _("(empty)"));
	else if (lang != NULL && *lang)
		html(b, "<td class=\"own-words\" lang=\"%s\">%s</td>", lang, text);
	else
		html(b, "<td class=\"own-words\">%s</td>", text);
}

/* Where two versions differ, side by side: what is saved now, and yours. */
static void
diff_row(struct buf *b, const char *label, const char *theirs, const char *mine,
    const char *lang_theirs, const char *lang_mine)
{
	if (same_text(theirs, mine))
		return;
	html(b, "<tr><th scope=\"row\">%s</th>", label);
	diff_cell(b, theirs, lang_theirs);
	diff_cell(b, mine, lang_mine);
	html_raw(b, "</tr>");
}

static void
diff_open(struct buf *b, const char *caption)
{
	html(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"versions\">"
	    "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    caption, _("What"), _("Saved now"), _("Yours"));
}

static const char *
domain_text(const char *code)
{
	enum domain d;

	return domain_parse(code, &d) ? domain_label(d) : code;
}

static const char *
status_text(const char *code, bool step)
{
	enum item_status s;

	if (!item_status_parse(code, &s))
		return code;
	return step ? step_status_label(s) : item_status_label(s);
}

static void
goal_conflict(struct buf *b, const struct goal *t, const struct goal_form *f)
{
	html(b, "<div class=\"error-summary conflict\" role=\"alert\" tabindex=\"-1\">"
	    "<h2>%s</h2><p>%s</p>", _("Someone else changed this while you were writing"),
	    _("Nothing is lost: what is saved now and what you wrote are both here. Your "
	      "version is in the form below; check it against theirs, then save again."));
	diff_open(b, _("Where the two versions differ"));
	diff_row(b, _("Goal"), t->title, f->title, t->text_lang, f->lang);
	diff_row(b, _("Why it matters"), t->why, f->why, t->text_lang, f->lang);
	diff_row(b, _("Part of life"), domain_label(t->domain), domain_text(f->domain), NULL,
	    NULL);
	diff_row(b, _("Status"), item_status_label(t->status), status_text(f->status, false),
	    NULL, NULL);
	html_raw(b, "</tbody></table></div></div>");
}

static void
step_conflict(struct req *r, struct buf *b, const struct page *pg, const struct step *t,
    const struct step_form *f, const struct step *typed)
{
	html(b, "<div class=\"error-summary conflict\" role=\"alert\" tabindex=\"-1\">"
	    "<h3>%s</h3><p>%s</p>", _("Someone else changed this step while you were writing"),
	    _("Nothing is lost: what is saved now and what you wrote are both here. Your "
	      "version is in the form; check it, then save again."));
	diff_open(b, _("Where the two versions differ"));
	diff_row(b, _("Step"), t->title, f->title, NULL, NULL);
	diff_row(b, _("Who does it"), owner_text(pg, t), owner_text(pg, typed), NULL,
	    NULL);
	diff_row(b, _("By when"), date_text(r, t->due_date), date_text(r, f->due), NULL, NULL);
	diff_row(b, _("Status"), step_status_label(t->status), status_text(f->status, true),
	    NULL, NULL);
	html_raw(b, "</tbody></table></div></div>");
}

static void
step_fields(struct req *r, struct buf *b, const struct page *pg, const char *prefix,
    const struct step_form *f, const struct step *keep, const struct form_errors *e,
    bool with_status)
{
	const char **ov, **ol;
	size_t n = owner_choices(r, pg, keep, &ov, &ol);

	fld_input(r, b, prefix, "step_title", _("The step"), "text", f ? f->title : NULL,
	    pg->self ? _("Something small and clear: what will you do?") :
	    _("Something small and clear."), e);
	fld_select(r, b, prefix, "owner", _("Who does it"), ov, ol, n, f ? f->owner : "person",
	    e);
	fld_input(r, b, prefix, "due", _("By when (optional)"), "date", f ? f->due : NULL,
	    _("For example 2026-05-31."), e);
	if (with_status)
		status_select(r, b, prefix, true, f ? f->status : "not_started", e);
}

static void
step_item(struct req *r, struct buf *b, const struct page *pg, const struct goal *g,
    const struct step *st, const struct view *v, bool edit)
{
	const char *action = arena_printf(&r->arena, "/persons/%s/plan/goals/%s/steps/%s",
	    pg->id, g->id, st->id);
	const char *prefix = arena_printf(&r->arena, "st-%s-", st->id);
	bool kept = v->step_id != NULL && strcmp(v->step_id, st->id) == 0;
	bool overdue = is_overdue(st, pg->today);
	struct plan_comment *cs = NULL;
	struct step_form f;
	size_t nc = 0;

	html(b, "<li class=\"step%s%s\" id=\"step-%s\"><h3>%s</h3>",
	    overdue ? " overdue" : "", st->status == ST_REACHED ? " done" : "", st->id,
	    st->title);
	/* The page opens at this step (#step-…): what just happened to it is
	 * said here, on screen, not at the top of the page. */
	if (v->message != NULL && v->message_step != NULL &&
	    strcmp(v->message_step, st->id) == 0)
		html(b, "<p class=\"notice\" role=\"status\">%s</p>", v->message);
	html_raw(b, "<ul class=\"step-facts\">");
	html(b, "<li>%s <strong>%s</strong></li>", _("Who does it:"), owner_text(pg, st));
	if (st->due_date != NULL && *st->due_date) {
		html(b, "<li>%s <time datetime=\"%s\">%s</time>", _("By:"), st->due_date,
		    date_text(r, st->due_date));
		if (overdue)
			html(b, " <strong class=\"overdue-mark\">%s</strong>", _("Overdue"));
		html_raw(b, "</li>");
	}
	html(b, "<li>%s <span class=\"status status-%s\">%s</span></li></ul>", _("Status:"),
	    item_status_code(st->status), step_status_label(st->status));

	if (store_plan_comments(req_store(r), &r->arena, pg->g, "step", st->id, &cs, &nc) == 0)
		comments_list(r, b, pg, cs, nc);

	if (!edit) {
		html_raw(b, "</li>");
		return;
	}
	/* One tap for the most common change. */
	if (is_open(st->status) && !kept) {
		form_open(r, b, action);
		html(b, "<input type=\"hidden\" name=\"status\" value=\"reached\">"
		    "<input type=\"hidden\" name=\"version\" value=\"%s\">"
		    "<button type=\"submit\" class=\"button secondary\">%s</button></form>",
		    version_text(r, st->version), pg->self && st->owner_kind == OWNER_PERSON ?
		    _("I did it: mark as done") : _("Mark as done"));
	}
	if (kept) {
		f = *v->sf;
	} else {
		f.title = st->title;
		f.owner = owner_value(r, st);
		f.due = st->due_date;
		f.status = item_status_code(st->status);
		f.version = st->version;
	}
	html(b, "<details class=\"step-change\"%s><summary>%s</summary>",
	    kept ? " open" : "", _("Change this step"));
	if (kept && v->their_step != NULL) {
		struct step typed = *st;
		struct form_errors ignore = {0};

		owner_parse(r, pg, f.owner ? f.owner : "person", st, &typed, &ignore);
		step_conflict(r, b, pg, v->their_step, &f, &typed);
	}
	if (kept)
		fld_summary(b, prefix, v->se);
	form_open(r, b, action);
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
	    version_text(r, f.version));
	step_fields(r, b, pg, prefix, &f, st, kept ? v->se : NULL, true);
	form_end(b, _("Save the step"));
	html_raw(b, "</details>");
	html(b, "<details class=\"step-note\"><summary>%s</summary>", _("Add a note to this step"));
	comment_form(r, b, pg, "step", st->id, _("Note"));
	html_raw(b, "</details></li>");
}

static void
goal_form_fields(struct req *r, struct buf *b, const struct page *pg,
    const struct goal_form *f, const struct form_errors *e, bool with_status)
{
	fld_input(r, b, "f-", "title", _("The goal"), "text", f ? f->title : NULL,
	    pg->self ? _("In your own words: what do you want?") :
	    _("In the person's own words."), e);
	domain_select(r, b, "f-", pg, f ? f->domain : NULL, e);
	fld_textarea(r, b, "f-", "why", _("Why it matters (optional)"), f ? f->why : NULL,
	    NULL, e);
	if (with_status)
		status_select(r, b, "f-", false, f ? f->status : "not_started", e);
	lang_select(r, b, "f-", f && f->lang ? f->lang : lang_code(r->lang), e);
}

/* Whether step_id (may be NULL) is one of goal_id's steps. */
static bool
step_of_goal(const struct step *steps, size_t n, const char *goal_id,
    const char *step_id)
{
	size_t i;

	if (step_id == NULL)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(steps[i].id, step_id) == 0 && strcmp(steps[i].goal_id, goal_id) == 0)
			return true;
	return false;
}

static void
render_goal(struct req *r, const char *id, const char *goal_id, unsigned status,
    const struct view *v)
{
	struct page pg;
	struct goal g;
	struct step *steps = NULL;
	struct plan_comment *cs = NULL;
	struct referral *refs = NULL;
	struct goal_form gf;
	size_t nsteps = 0, nc = 0, nrefs = 0, i, shown = 0;
	char iso[28];
	struct buf b;
	bool edit;

	if (!page_load(r, id, false, &pg) || !goal_load(r, &pg, goal_id, false, &g))
		return;
	if (!log_access(r, &pg, PA_READ, domain_category(g.domain)))
		return;
	edit = pg.edit && (domain_category(g.domain) == CAT_PLAN || pg.substance_edit);
	if (store_steps(req_store(r), &r->arena, pg.g, &steps, &nsteps) != 0 ||
	    store_plan_comments(req_store(r), &r->arena, pg.g, "goal", g.id, &cs, &nc) != 0 ||
	    web_referrals_for(r, id, g.id, &refs, &nrefs) != 0 ||
	    (edit && !load_network(r, &pg))) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}

	buf_init(&b, &r->arena);
	layout_begin(r, &b, g.title);
	html(&b, "<nav><a href=\"/persons/%s/plan\">%s</a></nav>", id, pg.self ?
	    _("Back to my plan") : arena_printf(&r->arena, _("Back to the plan of %s"),
	    pg.p.display_name));
	html(&b, "<article class=\"goal\" aria-labelledby=\"goal-title\">"
	    "<p class=\"goal-domain\">%s</p>", domain_label(g.domain));
	if (g.text_lang != NULL && *g.text_lang)
		html(&b, "<h1 id=\"goal-title\" lang=\"%s\">%s</h1>", g.text_lang, g.title);
	else
		html(&b, "<h1 id=\"goal-title\">%s</h1>", g.title);
	/* What just happened comes first, below the goal's name; or in its
	 * step, if it is about one of this goal's steps. */
	if (v->message != NULL && !step_of_goal(steps, nsteps, g.id, v->message_step))
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", v->message);
	if (v->their_goal != NULL && v->gf != NULL)
		goal_conflict(&b, v->their_goal, v->gf);
	else if (v->ge != NULL && v->ge->n > 0)
		fld_summary(&b, "f-", v->ge);
	html(&b, "<p>%s <span class=\"status status-%s\">%s</span></p>", _("Status:"),
	    item_status_code(g.status), item_status_label(g.status));
	if (g.status == ST_REACHED) {
		html_raw(&b, "<div class=\"celebrate\">");
		if (g.reached_us > 0) {
			clock_format_datetime(g.reached_us, iso);
			html(&b, "<p class=\"reached\"><strong>%s <time datetime=\"%s\">%s</time>"
			    "</strong></p>", _("Reached on"), iso,
			    when(r, &pg, g.reached_us, TIMEFMT_DATE));
		} else {
			html(&b, "<p class=\"reached\"><strong>%s</strong></p>", _("Reached"));
		}
		html(&b, "<p>%s</p></div>", pg.self ?
		    _("You did this. It took courage and work, and it stays here for you "
		      "to look back on.") :
		    _("A goal reached: worth celebrating together. It stays in the plan."));
	}
	if (!blank(g.why)) {
		html(&b, "<h2>%s</h2>", _("Why it matters"));
		own_text(&b, "own-words", g.why, g.text_lang);
	}
	html(&b, "<p class=\"small\">%s", arena_printf(&r->arena, _("Last changed on %s"),
	    when(r, &pg, g.updated_us, TIMEFMT_DATETIME)));
	if (g.updated_by_name != NULL)
		html(&b, " %s", arena_printf(&r->arena, _("by %s"), g.updated_by_name));
	html(&b, ". <a href=\"/persons/%s/plan/history\">%s</a></p></article>", id,
	    _("See every change"));

	/* Steps */
	html(&b, "<section aria-labelledby=\"s-steps\"><h2 id=\"s-steps\">%s</h2>",
	    _("Steps"));
	for (i = 0; i < nsteps; i++) {
		if (strcmp(steps[i].goal_id, g.id) != 0)
			continue;
		if (shown++ == 0)
			html_raw(&b, "<ol class=\"steps\">");
		step_item(r, &b, &pg, &g, &steps[i], v, edit);
	}
	if (shown > 0)
		html_raw(&b, "</ol>");
	else
		html(&b, "<p>%s</p>", _("No steps yet. Small steps make a goal easier to reach."));
	if (edit) {
		html(&b, "<details class=\"add-step\" id=\"add-step\"%s><summary>%s</summary>",
		    v->af != NULL || shown == 0 ? " open" : "", _("Add a step"));
		fld_summary(&b, "ns-", v->ae);
		form_open(r, &b, arena_printf(&r->arena, "/persons/%s/plan/goals/%s/steps", id,
		    g.id));
		step_fields(r, &b, &pg, "ns-", v->af, NULL, v->ae, false);
		form_end(&b, _("Add the step"));
		html_raw(&b, "</details>");
	}
	html_raw(&b, "</section>");

	/* The services proposed for this goal (core/referral.h). */
	if (nrefs > 0 || edit) {
		html(&b, "<section aria-labelledby=\"s-goal-refs\"><h2 id=\"s-goal-refs\">%s</h2>",
		    pg.self ? _("My referrals") : _("Referrals"));
		if (nrefs > 0)
			web_referral_lines(r, &b, refs, nrefs, pg.self);
		if (edit)
			html(&b, "<p><a href=\"/persons/%s/referrals/new?goal=%s\">%s</a></p>", id,
			    g.id, pg.self ? _("Find a service for me") : _("Propose a service"));
		html_raw(&b, "</section>");
	}

	/* Progress notes */
	html(&b, "<section aria-labelledby=\"s-notes\"><h2 id=\"s-notes\">%s</h2>",
	    _("Progress notes"));
	if (nc == 0)
		html(&b, "<p>%s</p>", _("No notes yet."));
	comments_list(r, &b, &pg, cs, nc);
	if (edit)
		comment_form(r, &b, &pg, "goal", g.id, _("A note on how it is going"));
	html_raw(&b, "</section>");

	/* Changing the goal */
	if (edit) {
		if (v->gf != NULL) {
			gf = *v->gf;
		} else {
			gf.title = g.title;
			gf.why = g.why;
			gf.domain = domain_code(g.domain);
			gf.status = item_status_code(g.status);
			gf.lang = g.text_lang;
			gf.version = g.version;
		}
		html(&b, "<section aria-labelledby=\"s-change\"><details id=\"change-goal\"%s>"
		    "<summary id=\"s-change\">%s</summary>", v->gf != NULL ? " open" : "",
		    _("Change this goal"));
		form_open(r, &b, arena_printf(&r->arena, "/persons/%s/plan/goals/%s", id, g.id));
		html(&b, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
		    version_text(r, gf.version));
		goal_form_fields(r, &b, &pg, &gf, v->ge, true);
		form_end(&b, _("Save the goal"));
		html_raw(&b, "</details></section>");
	}
	layout_end(r, &b, status);
}

void
web_goal(struct req *r)
{
	const char *saved = req_query(r, "saved");
	struct view v = {0};

	if (saved != NULL && strcmp(saved, "goal") == 0)
		v.message = _("The goal is saved.");
	else if (saved != NULL && strcmp(saved, "step") == 0)
		v.message = _("The step is saved.");
	else if (saved != NULL && strcmp(saved, "done") == 0)
		v.message = _("Well done: the step is marked as done.");
	/* Only ever compared with the goal's own step ids, never shown. */
	if (v.message != NULL && saved != NULL && strcmp(saved, "goal") != 0)
		v.message_step = req_query(r, "step");
	render_goal(r, req_param(r, 0), req_param(r, 1), 200, &v);
}

/* A new goal */

static void
render_new(struct req *r, struct page *pg, unsigned status, const struct goal_form *f,
    const struct form_errors *e)
{
	struct buf b;
	const char *title = pg->self ? _("A new goal") :
	    arena_printf(&r->arena, _("A new goal for %s"), pg->p.display_name);

	buf_init(&b, &r->arena);
	layout_begin(r, &b, title);
	html(&b, "<nav><a href=\"/persons/%s/plan\">%s</a></nav>", pg->id, pg->self ?
	    _("Back to my plan") : arena_printf(&r->arena, _("Back to the plan of %s"),
	    pg->p.display_name));
	html(&b, "<section class=\"narrow\"><h1>%s</h1><p>%s</p>", title, pg->self ?
	    _("Something you want for your life, big or small, in your own words. You can "
	      "add small steps towards it next.") :
	    _("Write the goal as the person says it, in their words. Small steps towards "
	      "it come next."));
	fld_summary(&b, "f-", e);
	form_open(r, &b, arena_printf(&r->arena, "/persons/%s/plan/goals", pg->id));
	goal_form_fields(r, &b, pg, f, e, false);
	form_end(&b, _("Save the goal"));
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

void
web_goal_new(struct req *r)
{
	struct page pg;
	struct goal_form f = {0};

	if (!page_load(r, req_param(r, 0), true, &pg) ||
	    !log_access(r, &pg, PA_READ, CAT_PLAN))
		return;
	f.lang = lang_code(r->lang);
	f.domain = req_query(r, "domain");      /* from a domain's page */
	render_new(r, &pg, 200, &f, NULL);
}

/* Reads the goal form; the domain must be one offered to the actor. */
static void
goal_form_read(struct req *r, const struct page *pg, struct goal_form *f,
    struct form_errors *e, bool with_status, enum domain *dom, enum item_status *st)
{
	f->title = form_text(r, e, "title", true, GOAL_TITLE_MAX);
	f->domain = req_form(r, "domain");
	if (!domain_parse(f->domain, dom) ||
	    (domain_category(*dom) != CAT_PLAN && !pg->substance_edit))
		form_error(e, "domain", "invalid_choice");
	f->why = form_text(r, e, "why", false, PLAN_TEXT_MAX);
	if (with_status) {
		f->status = req_form(r, "status");
		if (!item_status_parse(f->status, st))
			form_error(e, "status", "invalid_choice");
	}
	f->lang = req_form(r, "lang");
	if (!lang_ok(f->lang))
		form_error(e, "lang", "invalid_choice");
	f->version = read_version(r);
}

struct goal_write {
	const struct grant *gr;
	struct goal g;
	struct goal_form f;
	struct plan_author by;
	int64_t from_version;
};

static int
write_goal_insert(struct store_tx *tx, void *arg)
{
	struct goal_write *c = arg;

	return store_tx_goal_insert(tx, c->gr, &c->g, &c->by);
}

static void
after_goal_insert(struct req *r, int rc)
{
	struct goal_write *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/plan/goals/%s?saved=goal",
	    c->g.person_id, c->g.id));
}

static void
author(struct req *r, struct plan_author *by, int64_t now)
{
	by->user_id = r->actor->user.id;
	by->org_id = r->actor->org_id;
	by->now = now;
}

void
web_goal_create(struct req *r)
{
	struct page pg;
	struct goal_write *c;
	struct form_errors *e;
	enum domain dom = DOM_MEANING;
	enum item_status ignore = ST_NOT_STARTED;
	char *gid;
	int64_t now = clock_now_us();

	if (!page_load(r, req_param(r, 0), true, &pg))
		return;
	c = arena_alloc(&r->arena, sizeof(*c));
	e = arena_alloc(&r->arena, sizeof(*e));
	goal_form_read(r, &pg, &c->f, e, false, &dom, &ignore);
	if (e->n > 0) {
		if (log_access(r, &pg, PA_READ, CAT_PLAN))
			render_new(r, &pg, 422, &c->f, e);
		return;
	}
	if (!log_access(r, &pg, PA_EDIT_PLAN, domain_category(dom)))
		return;
	gid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(gid);
	c->g.person_id = pg.id;
	c->g.id = gid;
	c->g.title = trimmed(r, c->f.title);
	c->g.why = blank(c->f.why) ? NULL : c->f.why;
	c->g.text_lang = c->f.lang;
	c->g.domain = dom;
	c->g.status = ST_NOT_STARTED;
	c->g.created_us = c->g.updated_us = now;
	c->g.created_by = c->g.updated_by = r->actor->user.id;
	author(r, &c->by, now);
	/* The grant as the door last widened it (a goal about alcohol and drugs). */
	c->gr = pg.g;
	req_defer_write(r, write_goal_insert, c, after_goal_insert);
}

/* Changing a goal */

static int
write_goal_update(struct store_tx *tx, void *arg)
{
	struct goal_write *c = arg;

	return store_tx_goal_update(tx, c->gr, &c->g, c->from_version, &c->by);
}

static void
after_goal_update(struct req *r, int rc)
{
	struct goal_write *c = r->write_arg;
	struct goal now;
	struct view v = {0};

	if (rc == ERR_CONFLICT) {
		if (store_goal_get(req_store(r), &r->arena, c->gr, c->g.id, &now) != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		/* Saving again overwrites what is saved now, knowingly. */
		c->f.version = now.version;
		v.gf = &c->f;
		v.their_goal = &now;
		render_goal(r, c->g.person_id, c->g.id, 409, &v);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/plan/goals/%s?saved=goal",
	    c->g.person_id, c->g.id));
}

void
web_goal_update(struct req *r)
{
	struct page pg;
	struct goal_write *c;
	struct form_errors *e;
	struct view v = {0};
	enum domain dom = DOM_MEANING;
	enum item_status st = ST_NOT_STARTED;
	enum domain old;

	c = arena_alloc(&r->arena, sizeof(*c));
	if (!page_load(r, req_param(r, 0), true, &pg) ||
	    !goal_load(r, &pg, req_param(r, 1), true, &c->g))
		return;
	old = c->g.domain;
	e = arena_alloc(&r->arena, sizeof(*e));
	goal_form_read(r, &pg, &c->f, e, true, &dom, &st);
	if (e->n > 0) {
		v.gf = &c->f;
		v.ge = e;
		render_goal(r, pg.id, c->g.id, 422, &v);
		return;
	}
	if (!log_access(r, &pg, PA_EDIT_PLAN, domain_category(old)) ||
	    (domain_category(dom) != domain_category(old) &&
	    !log_access(r, &pg, PA_EDIT_PLAN, domain_category(dom))))
		return;
	c->g.title = trimmed(r, c->f.title);
	c->g.why = blank(c->f.why) ? NULL : c->f.why;
	c->g.text_lang = c->f.lang;
	c->g.domain = dom;
	c->g.status = st;
	c->g.updated_us = clock_now_us();
	c->g.updated_by = r->actor->user.id;
	c->from_version = c->f.version;
	author(r, &c->by, c->g.updated_us);
	/* The grant as the door last widened it (a goal about alcohol and drugs). */
	c->gr = pg.g;
	req_defer_write(r, write_goal_update, c, after_goal_update);
}

/* Steps */

struct step_write {
	const struct grant *gr;
	struct step st;
	struct step_form f;
	struct plan_author by;
	int64_t from_version;
	bool done;               /* marked done (for the thank-you) */
};

static int
write_step_insert(struct store_tx *tx, void *arg)
{
	struct step_write *c = arg;

	return store_tx_step_insert(tx, c->gr, &c->st, &c->by);
}

static int
write_step_update(struct store_tx *tx, void *arg)
{
	struct step_write *c = arg;

	return store_tx_step_update(tx, c->gr, &c->st, c->from_version, &c->by);
}

static void
after_step(struct req *r, int rc)
{
	struct step_write *c = r->write_arg;
	struct step now;
	struct view v = {0};

	if (rc == ERR_CONFLICT) {
		if (store_step_get(req_store(r), &r->arena, c->gr, c->st.id, &now) != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		c->f.version = now.version;
		v.step_id = c->st.id;
		v.sf = &c->f;
		v.their_step = &now;
		render_goal(r, c->st.person_id, c->st.goal_id, 409, &v);
		return;
	}
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena,
	    "/persons/%s/plan/goals/%s?saved=%s&step=%s#step-%s", c->st.person_id,
	    c->st.goal_id, c->done ? "done" : "step", c->st.id, c->st.id));
}

/* Reads the step fields that came (a missing one keeps what is saved in
 * keep; a new step has them all). */
static void
step_form_read(struct req *r, const struct page *pg, const struct step *keep,
    struct step_write *c, struct form_errors *e)
{
	const char *v;

	if (keep == NULL || req_form(r, "step_title") != NULL) {
		c->f.title = form_text(r, e, "step_title", true, STEP_TITLE_MAX);
		c->st.title = trimmed(r, c->f.title);
	} else {
		c->f.title = c->st.title;
	}
	if (keep == NULL || (v = req_form(r, "owner")) != NULL) {
		c->f.owner = form_text(r, e, "owner", true, OWNER_MAX);
		if (form_error_at(e, "owner") == NULL)
			owner_parse(r, pg, c->f.owner, keep, &c->st, e);
	} else {
		c->f.owner = owner_value(r, keep);
	}
	if (keep == NULL || req_form(r, "due") != NULL) {
		c->f.due = form_text(r, e, "due", false, DATE_MAX);
		if (form_error_at(e, "due") == NULL && !blank(c->f.due) &&
		    !clock_valid_date(c->f.due))
			form_error(e, "due", "invalid_date");
		c->st.due_date = blank(c->f.due) ? NULL : c->f.due;
	} else {
		c->f.due = c->st.due_date;
	}
	if (keep != NULL && (v = req_form(r, "status")) != NULL) {
		c->f.status = v;
		if (!item_status_parse(v, &c->st.status))
			form_error(e, "status", "invalid_choice");
	} else {
		c->f.status = item_status_code(c->st.status);
	}
}

void
web_step_create(struct req *r)
{
	struct page pg;
	struct goal g;
	struct step_write *c;
	struct form_errors *e;
	struct view v = {0};
	char *sid;
	int64_t now = clock_now_us();

	if (!page_load(r, req_param(r, 0), true, &pg) ||
	    !goal_load(r, &pg, req_param(r, 1), true, &g))
		return;
	if (!load_network(r, &pg)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	e = arena_alloc(&r->arena, sizeof(*e));
	c->st.status = ST_NOT_STARTED;
	step_form_read(r, &pg, NULL, c, e);
	if (e->n > 0) {
		v.af = &c->f;
		v.ae = e;
		render_goal(r, pg.id, g.id, 422, &v);
		return;
	}
	if (!log_access(r, &pg, PA_EDIT_PLAN, domain_category(g.domain)))
		return;
	sid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(sid);
	c->st.person_id = pg.id;
	c->st.id = sid;
	c->st.goal_id = g.id;
	c->st.created_us = c->st.updated_us = now;
	c->st.created_by = c->st.updated_by = r->actor->user.id;
	author(r, &c->by, now);
	/* The grant as the door last widened it (a goal about alcohol and drugs). */
	c->gr = pg.g;
	req_defer_write(r, write_step_insert, c, after_step);
}

void
web_step_update(struct req *r)
{
	struct page pg;
	struct goal g;
	struct step keep;
	struct step_write *c;
	struct form_errors *e;
	struct view v = {0};
	const char *step_id = req_param(r, 2);
	int rc;

	if (!page_load(r, req_param(r, 0), true, &pg) ||
	    !goal_load(r, &pg, req_param(r, 1), true, &g))
		return;
	rc = store_step_get(req_store(r), &r->arena, pg.g, step_id, &keep);
	if (rc == 0 && strcmp(keep.goal_id, g.id) != 0)
		rc = ERR_NOT_FOUND;
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if (!load_network(r, &pg)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	e = arena_alloc(&r->arena, sizeof(*e));
	c->st = keep;
	step_form_read(r, &pg, &keep, c, e);
	c->f.version = read_version(r);
	if (e->n > 0) {
		v.step_id = keep.id;
		v.sf = &c->f;
		v.se = e;
		render_goal(r, pg.id, g.id, 422, &v);
		return;
	}
	if (!log_access(r, &pg, PA_EDIT_PLAN, domain_category(g.domain)))
		return;
	c->done = c->st.status == ST_REACHED && keep.status != ST_REACHED;
	c->st.updated_us = clock_now_us();
	c->st.updated_by = r->actor->user.id;
	/* 0 for a form without a version: refused as a conflict by the store. */
	c->from_version = c->f.version;
	author(r, &c->by, c->st.updated_us);
	/* The grant as the door last widened it (a goal about alcohol and drugs). */
	c->gr = pg.g;
	req_defer_write(r, write_step_update, c, after_step);
}
