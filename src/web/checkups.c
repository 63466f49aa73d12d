/* Recovery check-ups (core/checkup.h, view/checkup.h).
 *   GET  /persons/{id}/checkups             the plan and its schedule: the
 *                                           person (read only) and those
 *                                           the door lets read their
 *                                           check-ins and questionnaires
 *   POST /persons/{id}/checkups             sets a plan (replacing the one
 *                                           in force) and books each
 *                                           check-up's conversation
 *   POST /persons/{id}/checkups/stop        stops it, cancelling what is
 *                                           still ahead
 *   POST /persons/{id}/checkups/{cid}/done  records a check-up done
 * Check-ups are data in the consent category "check-ins and
 * questionnaires": reading them needs that. Setting or stopping a plan,
 * or recording one done, is co-writing the person's plan of care, and
 * books or cancels appointments: it needs the right to write the plan,
 * the check-ups and the appointments (PA_EDIT_PLAN on each), and is for
 * their team, not the person (who reads it here and on their home page,
 * and answers the questionnaires). */
#include "web/checkups.h"

#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/checkup.h"
#include "core/person.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/checkups.h"
#include "store/persons.h"
#include "view/checkup.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

#define DAY_US (INT64_C(86400) * 1000000)

/* A plan being set, as typed, kept on error. */
struct plan_form {
	const char *starts_on, *every, *for_months, *with, *at_time;
	bool q[8];                      /* ticked, by checkup_questionnaire_codes */
	const struct form_errors *e;
};

struct page {
	const struct grant *g;
	const char *id;
	struct person p;
	bool have_p, self, edit;
	const char *zone;
	char today[11];
};

static const char *
q_label(const char *code)
{
	if (strcmp(code, "who-5") == 0)
		return _("WHO-5 well-being");
	if (strcmp(code, "barc-10") == 0)
		return _("BARC-10 recovery capital");
	if (strcmp(code, "audit-c") == 0)
		return _("AUDIT-C, about alcohol");
	if (strcmp(code, "audit") == 0)
		return _("AUDIT, about alcohol");
	return code;
}

static const char *
q_labels(struct req *r, const char *codes)
{
	struct buf b;
	const char *p, *e;

	buf_init(&b, &r->arena);
	for (p = codes; p != NULL && *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, q_label(arena_strndup(&r->arena, p, (size_t)(e - p))));
	}
	return b.len > 0 ? b.data : "";
}

static void
when(struct req *r, struct buf *b, int64_t us, const char *tz)
{
	char iso[21];

	clock_format_datetime(us, iso);
	html(b, "<time datetime=\"%s\">%s</time>", iso,
	    timefmt_instant(&r->arena, us, tz, r->lang, TIMEFMT_DATETIME));
}

static const char *
role_words(const char *role)
{
	enum net_role nr;

	return role != NULL && net_role_parse(role, &nr) ? net_role_label(nr) : "";
}

/* Opens the door to read (or, write, to set) the person's check-ups;
 * answers and returns false if it does not open. */
static bool
open_page(struct req *r, bool write, struct page *pg)
{
	struct decision d;
	char hm[6];

	memset(pg, 0, sizeof(*pg));
	pg->id = req_param(r, 0);
	if (write)
		pg->g = door_open(r, pg->id, PA_EDIT_PLAN, CAT_PLAN, CAT_BIT(CAT_BASIC) |
		    CAT_BIT(CAT_QUESTIONNAIRES) | CAT_BIT(CAT_APPOINTMENTS), &d);
	else
		pg->g = door_open_lazy(r, pg->id, PA_READ, CAT_QUESTIONNAIRES, CAT_BIT(CAT_BASIC),
		    &d);
	if (pg->g == NULL) {
		door_refuse(r, &d, write ? CAT_PLAN : CAT_QUESTIONNAIRES);
		return false;
	}
	pg->self = grant_is_self(pg->g);
	if (write && (pg->self || !grant_covers(pg->g, CAT_QUESTIONNAIRES) ||
	    !grant_covers(pg->g, CAT_APPOINTMENTS) || !grant_covers(pg->g, CAT_BASIC))) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return false;
	}
	pg->have_p = grant_covers(pg->g, CAT_BASIC) &&
	    store_person_get(req_store(r), &r->arena, pg->g, &pg->p) == 0;
	pg->edit = !pg->self && door_may(r, pg->g, PA_EDIT_PLAN, CAT_PLAN) &&
	    door_may(r, pg->g, PA_EDIT_PLAN, CAT_QUESTIONNAIRES) &&
	    door_may(r, pg->g, PA_EDIT_PLAN, CAT_APPOINTMENTS) &&
	    door_may(r, pg->g, PA_READ, CAT_BASIC);
	pg->zone = pg->have_p && pg->p.time_zone != NULL ? pg->p.time_zone :
	    r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
	if (!timefmt_local_fields(clock_now_us(), pg->zone, pg->today, hm))
		clock_day_date((int32_t)(clock_now_us() / DAY_US), pg->today);
	return true;
}

static void
plan_fields(struct req *r, struct buf *b, const struct page *pg, const struct plan_form *pf,
    const struct checkup_member *ms, size_t nms, bool have_plan)
{
	const struct form_errors *e = pf ? pf->e : NULL;
	const char **vals = arena_alloc(&r->arena, (nms + 1) * sizeof(*vals));
	const char **labels = arena_alloc(&r->arena, (nms + 1) * sizeof(*labels));
	const char *msg;
	size_t i;

	html(b, "<section aria-labelledby=\"s-set\"><h2 id=\"s-set\">%s</h2>",
	    have_plan ? _("Set a new plan") : _("Set a plan"));
	if (have_plan)
		html(b, "<p>%s</p>", _("A new plan replaces the one in force: its check-ups still "
		    "ahead, and their booked conversations, are cancelled."));
	if (nms == 0) {
		html(b, "<p>%s <a href=\"/persons/%s/network\">%s</a></p></section>",
		    _("A check-up's conversation is with a coordinator or a peer worker in the "
		      "person's network, and there is none yet."), pg->id,
		    _("Add one to the network first."));
		return;
	}
	form_begin(r, b, arena_printf(&r->arena, "/persons/%s/checkups", pg->id), e);
	form_date(b, "starts_on", _("Treatment ended on (the plan starts)"),
	    pf ? pf->starts_on : pg->today, "off",
	    _("From three months back to a year ahead. The first check-up is one period later."),
	    e);
	form_input(b, "every", _("A check-up every (months)"), "text",
	    pf ? pf->every : "3", "off", _("1 to 12 months; every 3 months is usual."), e);
	form_input(b, "for_months", _("For how long (months)"), "text",
	    pf ? pf->for_months : "24", "off", _("At least 24 months (two years), at most 120."),
	    e);
	for (i = 0; i < nms; i++) {
		vals[i] = ms[i].member_id;
		labels[i] = arena_printf(&r->arena, _("%s, %s"), ms[i].name ? ms[i].name : "",
		    role_words(ms[i].role));
	}
	form_select(b, "with", _("The conversation is with"), vals, labels, nms,
	    pf ? pf->with : NULL, e);
	form_input(b, "at_time", _("At (local time)"), "time",
	    pf ? pf->at_time : CHECKUP_TIME_DEFAULT, "off",
	    _("Booked at this time on each date, in the person's time zone."), e);
	html(b, "<fieldset id=\"f-questionnaires\"%s><legend>%s</legend>",
	    form_error_at(e, "questionnaires") ? " aria-describedby=\"e-questionnaires\"" : "",
	    _("Questionnaires at each check-up"));
	if ((msg = form_error_at(e, "questionnaires")) != NULL)
		html(b, "<p class=\"field-error\" id=\"e-questionnaires\">%s</p>",
		    form_error_text(msg));
	for (i = 0; i < checkup_nquestionnaires && i < 8; i++) {
		const char *c = checkup_questionnaire_codes[i];
		bool on = pf ? pf->q[i] : (strcmp(c, "who-5") == 0 || strcmp(c, "barc-10") == 0);

		html(b, "<div class=\"check\"><input type=\"checkbox\" name=\"q-%s\" id=\"q-%s\" "
		    "value=\"1\"%s><label for=\"q-%s\">%s</label></div>", c, c,
		    on ? " checked" : "", c, q_label(c));
	}
	html_raw(b, "</fieldset>");
	form_end(b, _("Set the plan and book the conversations"));
	html_raw(b, "</section>");
}

static void
checkup_item(struct req *r, struct buf *b, const struct page *pg, const struct checkup *c,
    const struct checkup_plan *p)
{
	bool answered = store_checkup_answered(c);
	enum checkup_status st = answered && c->status == CK_DUE ? CK_DONE : c->status;

	html(b, "<li class=\"checkup %s\" id=\"checkup-%s\"><h3>",
	    checkup_status_code(st < CK_COUNT ? st : CK_DUE), c->id);
	when(r, b, c->due_us, pg->zone);
	html(b, "</h3><p><strong>%s</strong>", checkup_status_label(st < CK_COUNT ? st : CK_DUE));
	if (c->status == CK_DONE && c->done_by_name != NULL)
		html(b, " %s", arena_printf(&r->arena, _("(recorded by %s)"), c->done_by_name));
	html_raw(b, "</p>");
	if (c->appointment_id != NULL && p->with_name != NULL)
		html(b, "<p>%s</p>", arena_printf(&r->arena, _("A conversation with %s is booked."),
		    p->with_name));
	if (pg->edit && (c->status == CK_DUE || c->status == CK_MISSED) &&
	    strcmp(c->due_on, pg->today) <= 0)
		form_button(r, b, arena_printf(&r->arena, "/persons/%s/checkups/%s/done", pg->id,
		    c->id), _("Record as done"), "secondary");
	html_raw(b, "</li>");
}

static void
render(struct req *r, unsigned status, const struct plan_form *pf, const char *message)
{
	struct page pg;
	struct checkup_plan plan;
	struct checkup *cs = NULL;
	struct checkup_member *ms = NULL;
	const char *name;
	struct buf b;
	size_t ncs = 0, nms = 0, i;
	bool have_plan;
	int rc;

	if (!open_page(r, false, &pg))
		return;
	rc = store_checkup_plan_current(req_store(r), &r->arena, pg.g, &plan);
	have_plan = rc == 0;
	if (rc == ERR_NOT_FOUND)
		rc = 0;
	if (rc == 0 && have_plan)
		rc = store_checkups(req_store(r), &r->arena, pg.g, plan.id, &cs, &ncs);
	if (rc == 0 && pg.edit)
		rc = store_checkup_members(req_store(r), &r->arena, pg.g, pg.today, &ms, &nms);
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	name = pg.have_p ? pg.p.display_name : "";
	if (!pg.self && pg.have_p)
		door_shown(r, pg.g, CAT_BASIC);
	buf_init(&b, &r->arena);
	if (pg.self) {
		layout_begin(r, &b, _("My check-ups"));
		html(&b, "<nav><a href=\"/me\">%s</a></nav><h1>%s</h1><p class=\"lead\">%s</p>",
		    _("Back to my page"), _("My check-ups"),
		    _("After treatment, a check-up every few months helps you keep going, and "
		      "makes it easy to get help again early if you need it. Each is a few "
		      "questions and a conversation."));
	} else {
		layout_begin(r, &b, arena_printf(&r->arena, _("Recovery check-ups: %s"), name));
		html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav><h1>%s</h1><p class=\"lead\">%s"
		    "</p>", pg.id, arena_printf(&r->arena, _("Back to %s"), name),
		    arena_printf(&r->arena, _("Recovery check-ups: %s"), name),
		    _("A check-up every few months for at least two years after treatment: a few "
		      "questionnaires and a conversation. A missed one is followed up: first a "
		      "reminder to the person, then a task for someone in their team."));
	}
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	if (have_plan) {
		html(&b, "<section aria-labelledby=\"s-plan\"><h2 id=\"s-plan\">%s</h2>"
		    "<dl class=\"facts\">", pg.self ? _("My plan") : _("The plan"));
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("From"),
		    timefmt_date(&r->arena, plan.starts_on, r->lang));
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("How often"),
		    arena_printf(&r->arena, ngettext("Every month", "Every %d months",
		    (unsigned long)plan.every_months), plan.every_months));
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("For how long"),
		    arena_printf(&r->arena, ngettext("%d month", "%d months",
		    (unsigned long)plan.for_months), plan.for_months));
		if (plan.with_name != NULL)
			html(&b, "<dt>%s</dt><dd>%s</dd>", _("Conversation with"),
			    arena_printf(&r->arena, _("%s, %s"), plan.with_name,
			    role_words(plan.with_role)));
		html(&b, "<dt>%s</dt><dd>%s</dd></dl>", _("Questionnaires"),
		    q_labels(r, plan.questionnaires));
		if (pg.edit)
			form_button(r, &b, arena_printf(&r->arena, "/persons/%s/checkups/stop", pg.id),
			    _("Stop the check-ups"), "secondary");
		html_raw(&b, "</section>");
		html(&b, "<section aria-labelledby=\"s-when\"><h2 id=\"s-when\">%s</h2>",
		    _("When"));
		if (ncs == 0)
			html(&b, "<p>%s</p>", _("No check-ups ahead."));
		else
			html_raw(&b, "<ol class=\"checkups\">");
		for (i = 0; i < ncs; i++)
			checkup_item(r, &b, &pg, &cs[i], &plan);
		if (ncs > 0)
			html_raw(&b, "</ol>");
		html_raw(&b, "</section>");
	} else {
		html(&b, "<p>%s</p>", pg.self ? _("You have no check-ups planned.") :
		    _("No check-ups are planned."));
	}
	if (pg.edit)
		plan_fields(r, &b, &pg, pf, ms, nms, have_plan);
	layout_end(r, &b, status);
}

void
web_checkups(struct req *r)
{
	const char *saved = req_query(r, "saved");

	render(r, 200, NULL, saved == NULL ? NULL : strcmp(saved, "stopped") == 0 ?
	    _("The check-ups are stopped.") : strcmp(saved, "done") == 0 ?
	    _("The check-up is recorded as done.") : _("The plan is set and the conversations "
	    "are booked."));
}

/* Writes */

struct plan_write {
	const struct grant *g;
	struct checkup_build built;
	struct appointment *cancel;
	size_t ncancel;
	const char *reason, *by, *org, *person_id, *checkup_id;
	int kind;                         /* 0 set, 1 stop, 2 done */
	int64_t now;
	struct audit_entry *audit;
};

static int
write_plan(struct store_tx *tx, void *arg)
{
	struct plan_write *x = arg;
	int rc;

	switch (x->kind) {
	case 0:
		rc = store_tx_checkup_plan_set(tx, x->g, &x->built.plan, x->built.cs, x->built.n,
		    x->built.appts, x->built.nappts, x->cancel, x->ncancel, x->reason, x->by,
		    x->org, x->now);
		break;
	case 1:
		rc = store_tx_checkup_plan_stop(tx, x->g, x->cancel, x->ncancel, x->reason, x->by,
		    x->org, x->now);
		break;
	default:
		rc = store_tx_checkup_done(tx, x->g, x->checkup_id, x->by, x->now);
		break;
	}
	return rc ? rc : store_tx_audit_append(tx, x->audit);
}

static void
after_plan(struct req *r, int rc)
{
	struct plan_write *x = r->write_arg;

	if (rc == ERR_NOT_FOUND || rc == ERR_CONFLICT) {
		/* Stopped or recorded by someone else in the meantime. */
		resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/checkups",
		    x->person_id));
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/checkups?saved=%s",
	    x->person_id, x->kind == 0 ? "set" : x->kind == 1 ? "stopped" : "done"));
}

/* The web's words for a core code at a field. */
static const char *
field_code(const char *field, const char *code)
{
	if (strcmp(field, "starts_on") == 0 && strcmp(code, "invalid_format") == 0)
		return "invalid_date";
	if (strcmp(field, "starts_on") == 0 && strcmp(code, "out_of_range") == 0)
		return "date_out_of_range";
	if (strcmp(field, "at_time") == 0 && strcmp(code, "invalid_format") == 0)
		return "invalid_time";
	return code;
}

static struct plan_write *
new_write(struct req *r, const struct page *pg, int kind, const char *action,
    const char *detail)
{
	struct plan_write *x = arena_alloc(&r->arena, sizeof(*x));

	memset(x, 0, sizeof(*x));
	x->g = pg->g;
	x->kind = kind;
	x->person_id = pg->id;
	x->by = r->actor->user.id;
	x->org = r->actor->org_id;
	x->now = clock_now_us();
	x->reason = _("The check-up plan was changed or stopped.");
	x->audit = req_audit(r, action, arena_printf(&r->arena, "person:%s", pg->id), detail);
	return x;
}

void
web_checkups_set(struct req *r)
{
	struct page pg;
	struct form_errors *e;
	struct plan_form *pf;
	struct checkup_member *ms;
	const struct checkup_member *with = NULL;
	struct checkup_input in;
	struct checkup_plan_fields f;
	struct checkup_problem pr[8];
	struct checkup_build_in bi;
	struct plan_write *x;
	const char *qs[8];
	enum lang pl = r->lang, saved = r->lang;
	size_t nms, np, i;
	int rc;

	if (!open_page(r, true, &pg))
		return;
	if (!pg.edit || !pg.have_p) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	e = arena_alloc(&r->arena, sizeof(*e));
	pf = arena_alloc(&r->arena, sizeof(*pf));
	memset(pf, 0, sizeof(*pf));
	pf->e = e;
	pf->starts_on = form_text(r, e, "starts_on", true, 10);
	pf->every = form_text(r, e, "every", true, 4);
	pf->for_months = form_text(r, e, "for_months", true, 4);
	pf->with = form_text(r, e, "with", true, 64);
	pf->at_time = form_text(r, e, "at_time", true, 5);
	memset(&in, 0, sizeof(in));
	for (i = 0; i < checkup_nquestionnaires && i < 8; i++) {
		const char *v = req_form(r, arena_printf(&r->arena, "q-%s",
		    checkup_questionnaire_codes[i]));

		pf->q[i] = v != NULL && *v != '\0';
		if (pf->q[i])
			qs[in.nquestionnaires++] = checkup_questionnaire_codes[i];
	}
	in.starts_on = pf->starts_on;
	in.every = pf->every;
	in.for_months = pf->for_months;
	in.at_time = pf->at_time;
	in.questionnaires = qs;
	np = checkup_check_input(&r->arena, &in, pg.today, &f, pr, 8);
	for (i = 0; i < np && i < 8; i++)
		form_error(e, pr[i].field, field_code(pr[i].field, pr[i].code));
	/* With whom: one of the person's coordinators or peer workers today;
	 * anyone else's member id is no choice. */
	if ((rc = store_checkup_members(req_store(r), &r->arena, pg.g, pg.today, &ms, &nms)) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	for (i = 0; i < nms && form_error_at(e, "with") == NULL; i++)
		if (strcmp(ms[i].member_id, pf->with) == 0)
			with = &ms[i];
	if (with == NULL)
		form_error(e, "with", "invalid_choice");
	if (e->n > 0) {
		render(r, 422, pf, NULL);
		return;
	}
	x = new_write(r, &pg, 0, "checkup.plan.set", arena_printf(&r->arena,
	    "from %s every %d months for %d months", f.starts_on, f.every, f.for_months));
	if (pg.p.lang != NULL)
		(void)lang_parse(pg.p.lang, strlen(pg.p.lang), &pl);
	memset(&bi, 0, sizeof(bi));
	bi.person_id = pg.id;
	bi.time_zone = pg.zone;
	bi.f = &f;
	bi.with = with;
	i18n_use(pl);
	bi.title = arena_strdup(&r->arena, _("Recovery check-up"));
	i18n_use(saved);
	bi.title_lang = lang_code(pl);
	bi.by_user = x->by;
	bi.by_org = x->org;
	bi.today = pg.today;
	bi.now = x->now;
	if (view_checkup_build(&r->arena, &bi, &x->built) != 0) {
		form_error(e, "starts_on", "invalid_date");
		render(r, 422, pf, NULL);
		return;
	}
	if ((rc = view_checkup_cancels(req_store(r), &r->arena, pg.g, &x->cancel,
	    &x->ncancel)) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	req_defer_write(r, write_plan, x, after_plan);
}

void
web_checkups_stop(struct req *r)
{
	struct page pg;
	struct plan_write *x;

	if (!open_page(r, true, &pg))
		return;
	if (!pg.edit) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	x = new_write(r, &pg, 1, "checkup.plan.stop", "stopped");
	if (view_checkup_cancels(req_store(r), &r->arena, pg.g, &x->cancel,
	    &x->ncancel) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	req_defer_write(r, write_plan, x, after_plan);
}

void
web_checkup_done(struct req *r)
{
	struct page pg;
	struct checkup c;
	struct plan_write *x;
	int rc;

	if (!open_page(r, true, &pg))
		return;
	if (!pg.edit) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	/* Someone else's check-up, or none: missing. */
	if ((rc = store_checkup_get(req_store(r), &r->arena, pg.g, req_param(r, 1), &c)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if (!checkup_may(c.status, CK_DONE) || strcmp(c.due_on, pg.today) > 0) {
		error_respond(r, 409, PROBLEM_CONFLICT);
		return;
	}
	x = new_write(r, &pg, 2, "checkup.done", arena_printf(&r->arena, "checkup:%s", c.id));
	x->checkup_id = c.id;
	req_defer_write(r, write_plan, x, after_plan);
}

int
web_checkups_home(struct req *r, struct buf *b, const struct grant *g, const char *tz)
{
	struct checkup c;
	struct checkup_plan p;
	int rc;

	rc = store_checkup_next(req_store(r), &r->arena, g, &c);
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0 || (rc = store_checkup_plan_current(req_store(r), &r->arena, g, &p)) != 0)
		return rc == ERR_NOT_FOUND ? 0 : rc;
	html(b, "<section aria-labelledby=\"s-checkup\" class=\"checkup-next\"><h2 "
	    "id=\"s-checkup\">%s</h2><p>", _("My next check-up"));
	when(r, b, c.due_us, tz);
	html_raw(b, "</p>");
	if (c.appointment_id != NULL && p.with_name != NULL)
		html(b, "<p>%s</p>", arena_printf(&r->arena, _("A conversation with %s, and a few "
		    "questions about how you are doing."), p.with_name));
	html(b, "<p><a href=\"/persons/%s/checkups\">%s</a></p></section>", grant_person(g),
	    _("All my check-ups"));
	return 0;
}

const struct grant *
web_checkups_aftercare(struct req *r, const char *person_id, const char *phase_code,
    const char *pathway_id, const char *today, const char *tz, struct checkup_build **out)
{
	struct decision d;
	const struct grant *g;
	struct checkup_plan cur;
	struct checkup_member *ms;
	struct checkup_plan_fields f;
	struct checkup_build_in bi;
	struct person p;
	enum lang pl = r->lang;
	size_t nms;

	*out = NULL;
	if (phase_code == NULL || strncmp(phase_code, "aftercare", 9) != 0 || tz == NULL)
		return NULL;
	g = door_open(r, person_id, PA_EDIT_PLAN, CAT_QUESTIONNAIRES, CAT_BIT(CAT_BASIC) |
	    CAT_BIT(CAT_APPOINTMENTS), &d);
	if (g == NULL || grant_is_self(g) || !grant_covers(g, CAT_APPOINTMENTS) ||
	    !grant_covers(g, CAT_BASIC))
		return NULL;
	if (store_checkup_plan_current(req_store(r), &r->arena, g, &cur) != ERR_NOT_FOUND ||
	    store_person_get(req_store(r), &r->arena, g, &p) != 0 ||
	    store_checkup_members(req_store(r), &r->arena, g, today, &ms, &nms) != 0)
		return NULL;
	memset(&f, 0, sizeof(f));
	memcpy(f.starts_on, today, 11);
	memcpy(f.at_time, CHECKUP_TIME_DEFAULT, 6);
	f.every = CHECKUP_EVERY_DEFAULT;
	f.for_months = CHECKUP_FOR_DEFAULT;
	f.questionnaires = "who-5 barc-10";
	if (p.lang != NULL)
		(void)lang_parse(p.lang, strlen(p.lang), &pl);
	memset(&bi, 0, sizeof(bi));
	bi.person_id = person_id;
	bi.time_zone = tz;
	bi.f = &f;
	bi.with = nms > 0 ? &ms[0] : NULL;     /* coordinators come first */
	i18n_use(pl);
	bi.title = arena_strdup(&r->arena, _("Recovery check-up"));
	i18n_use(r->lang);
	bi.title_lang = lang_code(pl);
	bi.by_user = r->actor->user.id;
	bi.by_org = r->actor->org_id;
	bi.pathway_id = pathway_id;
	bi.today = today;
	bi.now = clock_now_us();
	*out = arena_alloc(&r->arena, sizeof(**out));
	if (view_checkup_build(&r->arena, &bi, *out) != 0) {
		*out = NULL;
		return NULL;
	}
	return g;
}
