/* A person's pathways ("pakkeforløb"): a phased programme from a template,
 * shown in full before the person agrees, then followed phase by phase,
 * its proposals taken up or left out and the pathway adapted, each change
 * with a reason. Part of the plan: through the door for the plan.
 *   GET  /persons/{id}/pathways                    the person's pathways; offer one
 *   POST /persons/{id}/pathways                    offer a pathway
 *   GET  /persons/{id}/pathways/{pid}              clocks, phases, proposals
 *   POST /persons/{id}/pathways/{pid}/agree        the person agrees: it starts
 *   POST /persons/{id}/pathways/{pid}/decline      the person says no
 *   POST /persons/{id}/pathways/{pid}/next         the current phase is done
 *   GET  /persons/{id}/pathways/{pid}/adapt        ways to adapt it
 *   POST /persons/{id}/pathways/{pid}/adapt        adapt it, with a reason
 *   POST /persons/{id}/pathways/{pid}/items/{iid}  take up a proposal, or not */
#include "web/pathways.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/appointment.h"
#include "core/pathway.h"
#include "core/pathway_run.h"
#include "core/plan.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/appointments.h"
#include "store/audit.h"
#include "store/checkups.h"
#include "store/pathway_run.h"
#include "store/pathways.h"
#include "store/persons.h"
#include "core/questionnaire.h"
#include "store/plan.h"
#include "store/questionnaires.h"
#include "view/checkup.h"
#include "view/pathway.h"
#include "web/checkups.h"
#include "web/questionnaires.h"
#include "web/forms.h"
#include "web/layout.h"

struct pw_page {
	const char *id;
	const struct grant *g;
	struct person p;
	bool have_p, self, edit;
	const char *zone;          /* the person's calendar, for a new pathway */
	char today[11];            /* today there */
};

/* One pathway, its template version read, and today in its zone. */
struct pw_one {
	struct pw_page pg;
	struct pathway_full f;
	const struct pw_template *t;
	char today[11];
};

static const char *
zone_of(struct req *r, const struct pw_page *pg)
{
	if (pg->have_p && pg->p.time_zone != NULL)
		return pg->p.time_zone;
	return r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
}

/* Through the door for the person's plan (write: to change it); answers
 * and returns false if not. */
static bool
pw_open(struct req *r, bool write, struct pw_page *pg)
{
	struct decision d;

	memset(pg, 0, sizeof(*pg));
	pg->id = req_param(r, 0);
	pg->g = door_open_lazy(r, pg->id, write ? PA_EDIT_PLAN : PA_READ, CAT_PLAN,
	    CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_APPOINTMENTS) | CAT_BIT(CAT_SUBSTANCE), &d);
	if (pg->g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return false;
	}
	pg->have_p = grant_covers(pg->g, CAT_BASIC) &&
	    store_person_get(req_store(r), &r->arena, pg->g, &pg->p) == 0;
	pg->self = grant_is_self(pg->g);
	pg->edit = door_may(r, pg->g, PA_EDIT_PLAN, CAT_PLAN);
	pg->zone = zone_of(r, pg);
	pw_today(clock_now_us(), pg->zone, pg->today);
	return true;
}

/* The pathway of the request's second parameter, its template read. */
static bool
pw_load(struct req *r, bool write, struct pw_one *o)
{
	int rc;

	if (!pw_open(r, write, &o->pg))
		return false;
	rc = store_pathway_get(req_store(r), &r->arena, o->pg.g, req_param(r, 1), &o->f);
	if (rc == 0 && (o->t = view_pathway_template(req_store(r), &r->arena, o->f.p.template_id)) == NULL)
		rc = ERR_DB;
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	pw_today(clock_now_us(), o->f.p.time_zone, o->today);
	return true;
}

/* The person's name, noted as shown; NULL for the person themselves. */
static const char *
shown_name(struct req *r, const struct pw_page *pg)
{
	if (pg->self || !pg->have_p)
		return NULL;
	door_shown(r, pg->g, CAT_BASIC);
	return pg->p.preferred_name != NULL ? pg->p.preferred_name : pg->p.display_name;
}

static const char *
tname(struct req *r, const struct pathway *p)
{
	const char *s = p->template_name[r->lang];

	return s != NULL ? s : p->template_name[LANG_EN];
}

static const char *
day_text(struct req *r, const char *ymd)
{
	return ymd != NULL ? timefmt_date(&r->arena, ymd, r->lang) : "-";
}

static const char *
phase_name(struct req *r, const struct pw_template *t, const struct pathway_phase *ph)
{
	const char *s = pw_phase_name(t, ph, r->lang);

	return s != NULL ? s : "-";
}

/* The phase after the current one that is still to come, or NULL. */
static const struct pathway_phase *
next_phase(const struct pathway_full *f)
{
	int i = pw_phase_index(f->phases, f->nphases, f->p.phase);
	size_t j;

	for (j = i < 0 ? f->nphases : (size_t)i + 1; j < f->nphases; j++)
		if (f->phases[j].status == PWP_WAITING)
			return &f->phases[j];
	return NULL;
}

/* Clocks */

void
web_pathway_clock(struct req *r, struct buf *b, const struct pathway_full *f,
    const struct pw_template *t, const char *today, bool self)
{
	struct pw_clock c;
	const struct pathway *p = &f->p;
	const struct pathway_phase *cur = NULL, *nx;
	int i;

	pw_clock(p, today, &c);
	html(b, "<div class=\"clock\">");
	if (c.guarantee > 0 && c.start != PWS_NONE) {
		const char *due = day_text(r, p->start_due);
		const char *cls = c.start == PWS_BROKEN ? "flag" : c.start == PWS_AT_RISK ? "warn" : "";

		html(b, "<p class=\"guarantee %s\">", cls);
		switch (c.start) {
		case PWS_WAITING:
		case PWS_AT_RISK:
			html(b, "%s", arena_printf(&r->arena, self ? _("Day %d since you asked for "
			    "help. Treatment starts no later than %s (within %d days).") :
			    _("Day %d since the person asked for help. Treatment starts no later "
			    "than %s (within %d days)."), c.day, due, c.guarantee));
			html(b, " <strong>%s</strong>", arena_printf(&r->arena,
			    c.days_left == 1 ? _("%d day left.") : _("%d days left."), c.days_left));
			break;
		case PWS_BROKEN:
			html(b, "%s", arena_printf(&r->arena, self ? _("Treatment should have started "
			    "by %s (within %d days). You have the right to start: ask your "
			    "coordinator, or choose another treatment place.") :
			    _("The start guarantee was broken: treatment should have started by %s "
			    "(within %d days)."), due, c.guarantee));
			break;
		case PWS_MET:
			html(b, "%s", arena_printf(&r->arena, _("Treatment started on %s, within the "
			    "%d days."), day_text(r, p->started), c.guarantee));
			break;
		case PWS_MET_LATE:
			html(b, "%s", arena_printf(&r->arena, _("Treatment started on %s, later than "
			    "the %d days."), day_text(r, p->started), c.guarantee));
			break;
		default:
			break;
		}
		html(b, "</p>");
		if (c.start == PWS_WAITING || c.start == PWS_AT_RISK)
			html(b, "<meter min=\"0\" max=\"%d\" low=\"%d\" high=\"%d\" optimum=\"0\" "
			    "value=\"%d\" aria-label=\"%s\">%d/%d</meter>", c.guarantee,
			    c.guarantee - PW_RISK_DAYS, c.guarantee - PW_RISK_DAYS + 1,
			    c.day > c.guarantee ? c.guarantee : c.day,
			    _("Days since asking for help"), c.day, c.guarantee);
	}
	if (p->status == PWR_OFFERED)
		html(b, "<p>%s</p>", self ? _("Nothing starts until you agree.") :
		    _("Nothing starts until the person agrees."));
	if ((i = pw_phase_index(f->phases, f->nphases, p->phase)) >= 0 && c.in_phase)
		cur = &f->phases[i];
	if (cur != NULL) {
		int day = clock_date_diff(cur->started, today) + 1;

		html(b, "<p class=\"phase-now\"><strong>%s</strong> %s</p>", _("Now:"),
		    phase_name(r, t, cur));
		html(b, "<p class=\"%s\">%s</p>", c.overdue ? "flag" : "", c.overdue ?
		    arena_printf(&r->arena, _("Day %d of about %d: it was expected to end on %s."),
		    day, cur->expected_days, day_text(r, p->phase_due)) :
		    arena_printf(&r->arena, _("Day %d of about %d: expected to end on %s."),
		    day, cur->expected_days, day_text(r, p->phase_due)));
		nx = next_phase(f);
		html(b, "<p>%s</p>", nx != NULL ? arena_printf(&r->arena, _("Next: %s"),
		    phase_name(r, t, nx)) : _("This is the last phase."));
	}
	html(b, "</div>");
}

/* The list, and offering one */

static void
render_list(struct req *r, struct pw_page *pg, unsigned status, const struct pw_offer *in,
    const struct form_errors *e)
{
	struct pathway *ps = NULL;
	struct pathway_template_row *ts;
	const char *name = shown_name(r, pg);
	size_t n = 0, nt, i;
	struct buf b;
	int rc;

	if ((rc = store_pathways(req_store(r), &r->arena, pg->g, &ps, &n)) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Pathways"));
	html(&b, "<nav><a href=\"/persons/%s/plan\">%s</a></nav>", pg->id, pg->self ?
	    _("Back to my plan") : _("Back to the plan"));
	html(&b, "<h1>%s</h1>", name != NULL ? arena_printf(&r->arena, _("Pathways: %s"), name) :
	    _("My pathways"));
	html(&b, "<p>%s</p>", _("A pathway is a programme in phases, such as outpatient alcohol "
	    "treatment. You see every phase before you agree, and it is adapted to you as it "
	    "goes."));
	if (n == 0)
		html(&b, "<p>%s</p>", _("No pathway yet."));
	else {
		html(&b, "<ul class=\"cards\">");
		for (i = 0; i < n; i++)
			html(&b, "<li><a href=\"/persons/%s/pathways/%s\">%s</a><br>%s · %s</li>",
			    pg->id, ps[i].id, tname(r, &ps[i]), pwr_status_label(ps[i].status),
			    arena_printf(&r->arena, _("first contact %s"),
			    day_text(r, ps[i].first_contact)));
		html(&b, "</ul>");
	}
	if (pg->edit && view_pathway_templates(req_store(r), &r->arena, r->actor->org_id, &ts,
	    &nt) == 0 && nt > 0) {
		const char **v = arena_alloc(&r->arena, nt * sizeof(*v));
		const char **l = arena_alloc(&r->arena, nt * sizeof(*l));

		for (i = 0; i < nt; i++) {
			v[i] = ts[i].id;
			l[i] = arena_printf(&r->arena, _("%s (about %d days)"),
			    ts[i].name[r->lang] != NULL ? ts[i].name[r->lang] : ts[i].name[LANG_EN],
			    ts[i].total_days);
		}
		html(&b, "<h2>%s</h2>", pg->self ? _("Look at a pathway") : _("Offer a pathway"));
		form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/pathways", pg->id), e);
		form_select(&b, "template", _("Pathway"), v, l, nt, in->template_id, e);
		form_date(&b, "first_contact", pg->self ? _("The day you asked for help") :
		    _("The day the person asked for help"), in->first_contact, "off",
		    _("The start guarantee counts from this day."), e);
		form_end(&b, pg->self ? _("Show me this pathway") :
		    _("Show the person this pathway"));
	}
	layout_end(r, &b, status);
}

void
web_pathways(struct req *r)
{
	struct pw_page pg;
	struct pw_offer in = {0};

	if (!pw_open(r, false, &pg))
		return;
	in.first_contact = pg.today;
	render_list(r, &pg, 200, &in, NULL);
}

/* Audit and write plumbing shared by every change */

struct pw_write {
	const struct grant *g;
	struct pathway p;                 /* as it is to become */
	struct pathway_phase *phases;     /* to insert (offer) */
	size_t nphases;
	struct pathway_phase *upd[3];     /* phases to update */
	size_t nupd;
	struct pathway_phase *add;        /* a phase to add */
	struct pathway_item *items;       /* proposals to insert */
	size_t nitems;
	struct pathway_item *decide;      /* a proposal decided */
	struct pathway_deviation *dev;
	bool insert, update;
	/* A proposal taken up: what it becomes. */
	struct goal *goal;                /* a goal to make (for a goal, or a step's goal) */
	struct pathway_item *goal_item;   /* the record that the pathway made that goal */
	struct step *step;
	struct appointment *appt;
	/* Aftercare begun: the recovery check-ups it starts (web/checkups.c). */
	const struct grant *ck_g;
	struct checkup_build *ck;
	struct plan_author by;
	struct audit_entry *audit;
	const char *back;                 /* where to go after */
	int64_t now;
};

static int
write_pw(struct store_tx *tx, void *arg)
{
	struct pw_write *w = arg;
	const char *pid = w->p.person_id, *id = w->p.id;
	size_t i;
	int rc = 0;

	if (w->insert)
		rc = store_tx_pathway_insert(tx, w->g, &w->p, w->phases, w->nphases);
	if (rc == 0 && w->update)
		rc = store_tx_pathway_update(tx, w->g, &w->p);
	for (i = 0; rc == 0 && i < w->nupd; i++)
		rc = store_tx_pathway_phase_update(tx, w->g, pid, id, w->upd[i]);
	if (rc == 0 && w->add != NULL)
		rc = store_tx_pathway_phase_insert(tx, w->g, pid, id, w->add);
	if (rc == 0 && w->nitems > 0)
		rc = store_tx_pathway_items_insert(tx, w->g, pid, id, w->items, w->nitems);
	if (rc == 0 && w->goal != NULL)
		rc = store_tx_goal_insert(tx, w->g, w->goal, &w->by);
	if (rc == 0 && w->goal_item != NULL)
		rc = store_tx_pathway_items_insert(tx, w->g, pid, id, w->goal_item, 1);
	if (rc == 0 && w->step != NULL)
		rc = store_tx_step_insert(tx, w->g, w->step, &w->by);
	if (rc == 0 && w->appt != NULL)
		rc = store_tx_appointment_insert(tx, w->g, w->appt, w->now);
	if (rc == 0 && w->decide != NULL)
		rc = store_tx_pathway_item_decide(tx, w->g, pid, id, w->decide);
	if (rc == 0 && w->dev != NULL)
		rc = store_tx_pathway_deviation_insert(tx, w->g, pid, id, w->dev);
	if (rc == 0 && w->ck != NULL)
		rc = store_tx_checkup_plan_set(tx, w->ck_g, &w->ck->plan, w->ck->cs, w->ck->n,
		    w->ck->appts, w->ck->nappts, NULL, 0, NULL, w->by.user_id, w->by.org_id, w->now);
	return rc ? rc : store_tx_audit_append(tx, w->audit);
}

static void
after_pw(struct req *r, int rc)
{
	struct pw_write *w = r->write_arg;

	if (rc == ERR_CONFLICT) {
		resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/pathways/%s?changed=1",
		    w->p.person_id, w->p.id));
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, w->back != NULL ? w->back : arena_printf(&r->arena,
	    "/persons/%s/pathways/%s?saved=1", w->p.person_id, w->p.id));
}

static struct pw_write *
pw_write_new(struct req *r, const struct grant *g, const char *action, const char *pid)
{
	struct pw_write *w = arena_alloc(&r->arena, sizeof(*w));

	memset(w, 0, sizeof(*w));
	w->g = g;
	w->now = clock_now_us();
	w->by.user_id = r->actor->user.id;
	w->by.org_id = r->actor->org_id;
	w->by.now = w->now;
	w->audit = req_audit(r, action, arena_printf(&r->arena, "pathway:%s", pid), NULL);
	return w;
}

static struct pathway_deviation *
deviation(struct req *r, struct pw_write *w, enum pwd_kind k, int64_t phase,
    enum pwd_reason why, const char *note, const char *detail)
{
	struct pathway_deviation *d = arena_alloc(&r->arena, sizeof(*d));
	char *id = arena_alloc(&r->arena, ID_LEN + 1);

	memset(d, 0, sizeof(*d));
	id_new(id);
	d->id = id;
	d->phase = phase;
	d->kind = k;
	d->reason = why;
	d->note = note != NULL && *note != '\0' ? note : NULL;
	d->detail = detail;
	d->at_us = w->now;
	d->by_user = r->actor->user.id;
	d->by_org = r->actor->org_id;
	return d;
}

void
web_pathway_offer(struct req *r)
{
	struct pw_page pg;
	struct pw_offer in = {0};
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct pw_write *w;
	char *id;

	if (!pw_open(r, true, &pg))
		return;
	in.template_id = req_form(r, "template");
	in.first_contact = req_form(r, "first_contact");
	if (view_pathway_offer_check(req_store(r), &r->arena, pg.g, r->actor->org_id, pg.today,
	    &in) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (in.template_err != NULL)
		form_error(e, "template", in.template_err);
	if (in.first_contact_err != NULL)
		form_error(e, "first_contact", in.first_contact_err);
	if (e->n > 0) {
		render_list(r, &pg, 422, &in, e);
		return;
	}
	id = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(id);
	w = pw_write_new(r, pg.g, "pathway.offer", id);
	w->insert = true;
	w->p.person_id = pg.id;
	w->p.id = id;
	w->p.org_id = r->actor->org_id;
	w->p.time_zone = pg.zone;
	w->p.offered_us = w->now;
	w->p.offered_by = r->actor->user.id;
	w->phases = view_pathway_offered(&r->arena, &in, &w->p);
	w->nphases = in.t->nphases;
	w->audit = req_audit(r, "pathway.offer", arena_printf(&r->arena, "person:%s", pg.id),
	    arena_printf(&r->arena, "%s v%d", in.tr->code, in.tr->version));
	req_defer_write(r, write_pw, w, after_pw);
}

/* One pathway */

struct item_form {
	const char *date, *time, *reason, *note;
};

/* The reasons, after an empty choice: a reason is chosen, never assumed. */
static const char *const reason_codes[] = {
	"", "person_wish", "going_well", "needs_time", "health", "life_event", "waiting_list",
	"other",
};

static void
reason_select(struct req *r, struct buf *b, const char *name, const char *sel,
    const struct form_errors *e)
{
	const char *l[PWD_REASON_COUNT + 1];
	size_t i;

	l[0] = _("Choose a reason");
	for (i = 0; i < PWD_REASON_COUNT; i++)
		l[i + 1] = pwd_reason_label((enum pwd_reason)i);
	(void)r;
	form_select(b, name, _("Why"), reason_codes, l, PWD_REASON_COUNT + 1,
	    sel != NULL ? sel : "", e);
}

static const char *
fname(struct req *r, const char *base, const char *id)
{
	return arena_printf(&r->arena, "%s_%s", base, id);
}

static const char *
item_text(struct req *r, const struct pw_one *o, const struct pathway_item *x)
{
	const char *s = pw_item_title(o->t, o->f.phases, o->f.nphases, x, r->lang);

	return s != NULL ? s : "-";
}

/* The template's appointment behind a proposal, or NULL. */
static const struct pw_appointment *
item_appt(const struct pw_one *o, const struct pathway_item *x)
{
	int i = pw_phase_index(o->f.phases, o->f.nphases, x->phase);
	const struct pw_phase *tp = i >= 0 ? pw_phase_of(o->t, o->f.phases[i].code) : NULL;

	if (tp == NULL || x->kind != PWI_APPOINTMENT || x->src < 0 ||
	    (size_t)x->src >= tp->nappointments)
		return NULL;
	return &tp->appointments[x->src];
}

static void
render_item(struct req *r, struct buf *b, const struct pw_one *o, const struct pathway_item *x,
    const struct item_form *in, const struct form_errors *e)
{
	const char *pid = o->pg.id;
	const char *kind = x->kind == PWI_GOAL ? _("Goal") : x->kind == PWI_STEP ? _("Step") :
	    _("Appointment");
	const struct pw_appointment *ta = item_appt(o, x);
	bool appt_ok = door_may(r, o->pg.g, PA_EDIT_PLAN, CAT_APPOINTMENTS);
	char when[11];

	html(b, "<li class=\"proposal\" id=\"item-%s\"><span class=\"kind\">%s:</span> %s", x->id,
	    kind, item_text(r, o, x));
	if (ta != NULL)
		html(b, " <span class=\"muted\">%s</span>", arena_printf(&r->arena,
		    _("(day %d of the phase, %d minutes)"), ta->day, ta->minutes));
	if (x->status == PWI_ACCEPTED) {
		if (x->kind == PWI_APPOINTMENT)
			html(b, " <a href=\"/persons/%s/appointments/%s\">%s</a>", pid,
			    x->made_id != NULL ? x->made_id : "", _("Booked"));
		else if (x->kind == PWI_GOAL)
			html(b, " <a href=\"/persons/%s/plan/goals/%s\">%s</a>", pid,
			    x->made_id != NULL ? x->made_id : "", _("In the plan"));
		else
			html(b, " <a href=\"/persons/%s/plan\">%s</a>", pid, _("In the plan"));
		html(b, "</li>");
		return;
	}
	if (x->status == PWI_DECLINED) {
		html(b, " <span class=\"muted\">%s</span></li>", _("Left out"));
		return;
	}
	if (!o->pg.edit || o->f.p.status != PWR_RUNNING) {
		html(b, " <span class=\"muted\">%s</span></li>", _("Proposed"));
		return;
	}
	if (x->kind == PWI_APPOINTMENT && !appt_ok) {
		html(b, " <span class=\"muted\">%s</span></li>", _("Proposed (booking it needs "
		    "consent to see appointments)"));
		return;
	}
	form_begin(r, b, arena_printf(&r->arena, "/persons/%s/pathways/%s/items/%s", pid,
	    o->f.p.id, x->id), NULL);
	html(b, "<input type=\"hidden\" name=\"decision\" value=\"accept\">");
	if (x->kind == PWI_APPOINTMENT) {
		int i = pw_phase_index(o->f.phases, o->f.nphases, x->phase);
		const char *start = i >= 0 && o->f.phases[i].started != NULL ?
		    o->f.phases[i].started : o->today;

		pw_date_add(start, ta != NULL ? ta->day : 0, when);
		if (clock_date_diff(o->today, when) < 0)
			memcpy(when, o->today, sizeof(when));
		form_date(b, fname(r, "date", x->id), _("Date"), in != NULL && in->date != NULL ?
		    in->date : when, "off", NULL, e);
		form_input(b, fname(r, "time", x->id), _("Time"), "time", in != NULL &&
		    in->time != NULL ? in->time : "10:00", "off", NULL, e);
	}
	form_end(b, x->kind == PWI_APPOINTMENT ? _("Book it") : _("Add it to the plan"));
	html(b, "<details%s><summary>%s</summary>", in != NULL ? " open" : "", _("Leave it out"));
	form_begin(r, b, arena_printf(&r->arena, "/persons/%s/pathways/%s/items/%s", pid,
	    o->f.p.id, x->id), NULL);
	html(b, "<input type=\"hidden\" name=\"decision\" value=\"decline\">");
	reason_select(r, b, fname(r, "reason", x->id), in != NULL ? in->reason : NULL, e);
	form_textarea(b, fname(r, "note", x->id), _("In a few words (optional)"),
	    in != NULL ? in->note : NULL, NULL, e);
	form_end(b, _("Leave it out"));
	html(b, "</details></li>");
}

static void
render_phase_content(struct req *r, struct buf *b, const char *person_id,
    const struct pw_phase *tp)
{
	size_t i;

	if (tp->nactivities + tp->nappointments + tp->ngoals + tp->nquestionnaires == 0)
		return;
	html(b, "<ul class=\"content\">");
	for (i = 0; i < tp->nactivities; i++)
		html(b, "<li>%s%s</li>", pw_text(&tp->activities[i].text, r->lang),
		    tp->activities[i].every_days > 0 ? arena_printf(&r->arena,
		    _(" (every %d days)"), tp->activities[i].every_days) : "");
	for (i = 0; i < tp->nappointments; i++)
		html(b, "<li>%s</li>", arena_printf(&r->arena, _("Appointment: %s"),
		    pw_text(&tp->appointments[i].title, r->lang)));
	for (i = 0; i < tp->ngoals; i++)
		html(b, "<li>%s</li>", arena_printf(&r->arena, _("A goal to consider: %s"),
		    pw_text(&tp->goals[i].title, r->lang)));
	for (i = 0; i < tp->nquestionnaires; i++) {
		const char *text = arena_printf(&r->arena,
		    tp->questionnaires[i].when == PW_AT_START ? _("Questionnaire %s at the start") :
		    tp->questionnaires[i].when == PW_AT_END ? _("Questionnaire %s at the end") :
		    _("Questionnaire %s every month"), tp->questionnaires[i].code);
		char code[Q_CODE_MAX + 1];
		struct questionnaire_row q;

		/* Linked to its form where rosc has the instrument. */
		if (web_questionnaire_code(tp->questionnaires[i].code, code, sizeof(code)) &&
		    store_questionnaire_latest(req_store(r), &r->arena, code, &q) == 0)
			html(b, "<li><a href=\"/persons/%s/questionnaires/%s/new\">%s</a></li>",
			    person_id, code, text);
		else
			html(b, "<li>%s</li>", text);
	}
	html(b, "</ul>");
}

static void
render_one(struct req *r, struct pw_one *o, unsigned status, const char *item_id,
    const struct item_form *in, const struct form_errors *e)
{
	const struct pathway *p = &o->f.p;
	const char *name = shown_name(r, &o->pg);
	bool live = p->status == PWR_OFFERED || p->status == PWR_RUNNING;
	struct buf b;
	size_t i, j;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, tname(r, p));
	html(&b, "<nav><a href=\"/persons/%s/pathways\">%s</a></nav>", o->pg.id,
	    o->pg.self ? _("My pathways") : _("Pathways"));
	html(&b, "<h1>%s</h1>", tname(r, p));
	if (name != NULL)
		html(&b, "<p class=\"who\">%s</p>", name);
	html(&b, "<p><span class=\"status\">%s</span> · %s</p>", pwr_status_label(p->status),
	    arena_printf(&r->arena, _("Version %d, offered by %s"), p->template_version,
	    p->org_name != NULL ? p->org_name : p->offered_by_name != NULL ?
	    p->offered_by_name : "-"));
	if (req_query(r, "saved") != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", _("Saved."));
	if (req_query(r, "changed") != NULL)
		html(&b, "<p class=\"notice flag\" role=\"status\">%s</p>", _("Someone changed the "
		    "pathway meanwhile. This is how it is now; nothing was saved."));
	if (e != NULL && e->n > 0)
		html(&b, "<p class=\"notice flag\" role=\"alert\">%s</p>", _("Please check the "
		    "proposal marked below."));
	html(&b, "<p>%s</p>", pw_text(&o->t->purpose, r->lang));
	if (live) {
		html(&b, "<section aria-labelledby=\"s-clock\"><h2 id=\"s-clock\">%s</h2>",
		    _("Where it stands"));
		web_pathway_clock(r, &b, &o->f, o->t, o->today, o->pg.self);
		html(&b, "</section>");
	}
	if (p->status == PWR_OFFERED) {
		html(&b, "<section aria-labelledby=\"s-agree\" class=\"agree\"><h2 id=\"s-agree\">"
		    "%s</h2><p>%s</p><p>%s</p>", o->pg.self ? _("Your choice") :
		    _("The person's choice"), o->pg.self ? _("Read the phases below: what each "
		    "involves and how long it takes. You decide whether to start. You may also "
		    "choose another provider or treatment place; your coordinator helps you with "
		    "that.") : _("The person reads the phases first and decides whether to start. "
		    "They may also choose another provider or treatment place."),
		    _("Once you start, the first phase's proposals appear here to take up or leave "
		    "out, and the pathway can be adapted at any time."));
		if (o->pg.edit) {
			form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/pathways/%s/agree",
			    o->pg.id, p->id), NULL);
			html(&b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
			    (long long)p->version);
			form_end(&b, o->pg.self ? _("I agree: start the pathway") :
			    _("The person agreed: start the pathway"));
			form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/pathways/%s/decline",
			    o->pg.id, p->id), NULL);
			html(&b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
			    (long long)p->version);
			html(&b, "<button type=\"submit\" class=\"secondary\">%s</button></form>",
			    o->pg.self ? _("Not this pathway") : _("The person said no"));
		}
		html(&b, "</section>");
	}
	html(&b, "<section aria-labelledby=\"s-phases\"><h2 id=\"s-phases\">%s</h2><ol "
	    "class=\"phases\">", _("The phases"));
	for (i = 0; i < o->f.nphases; i++) {
		const struct pathway_phase *ph = &o->f.phases[i];
		const struct pw_phase *tp = pw_phase_of(o->t, ph->code);

		html(&b, "<li class=\"phase %s\"><h3>%s <span class=\"status\">%s</span></h3>",
		    pwp_status_code(ph->status), phase_name(r, o->t, ph),
		    pwp_status_label(ph->status));
		html(&b, "<p>%s", arena_printf(&r->arena, _("About %d days."), ph->expected_days));
		if (ph->started != NULL)
			html(&b, " %s", arena_printf(&r->arena, _("Began %s."),
			    day_text(r, ph->started)));
		if (ph->ended != NULL)
			html(&b, " %s", arena_printf(&r->arena, _("Ended %s."),
			    day_text(r, ph->ended)));
		html(&b, "</p>");
		if (tp != NULL) {
			html(&b, "<p>%s</p>", pw_text(&tp->purpose, r->lang));
			render_phase_content(r, &b, o->pg.id, tp);
			html(&b, "<p class=\"move-on\"><strong>%s</strong> %s</p>",
			    _("Ready to move on:"), pw_text(&tp->move_on, r->lang));
		} else if (ph->purpose != NULL)
			html(&b, "<p>%s</p>", ph->purpose);
		for (j = 0; j < o->f.nitems && o->f.items[j].phase != ph->seq; j++)
			;
		if (j < o->f.nitems) {
			html(&b, "<h4>%s</h4><ul class=\"proposals\">", _("Proposed for the plan"));
			for (; j < o->f.nitems && o->f.items[j].phase == ph->seq; j++)
				render_item(r, &b, o, &o->f.items[j], item_id != NULL &&
				    strcmp(item_id, o->f.items[j].id) == 0 ? in : NULL, e);
			html(&b, "</ul>");
		}
		if (ph->status == PWP_CURRENT && p->status == PWR_RUNNING && o->pg.edit) {
			form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/pathways/%s/next",
			    o->pg.id, p->id), NULL);
			html(&b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
			    (long long)p->version);
			form_end(&b, next_phase(&o->f) != NULL ? _("This phase is done: go on") :
			    _("This phase is done: complete the pathway"));
		}
		html(&b, "</li>");
	}
	html(&b, "</ol></section>");
	if (o->pg.edit && live)
		html(&b, "<p><a href=\"/persons/%s/pathways/%s/adapt\">%s</a></p>", o->pg.id,
		    p->id, _("Adapt the pathway"));
	if (o->f.ndevs > 0) {
		html(&b, "<section aria-labelledby=\"s-dev\"><h2 id=\"s-dev\">%s</h2><ul>",
		    _("Changes to the pathway"));
		for (i = 0; i < o->f.ndevs; i++) {
			const struct pathway_deviation *d = &o->f.devs[i];

			html(&b, "<li><strong>%s</strong>", pwd_kind_label(d->kind));
			if (d->detail != NULL)
				html(&b, " (%s)", d->detail);
			html(&b, ". %s %s.", _("Why:"), pwd_reason_label(d->reason));
			if (d->note != NULL)
				html(&b, " <q>%s</q>", d->note);
			html(&b, " <span class=\"muted\">%s, %s</span></li>", timefmt_instant(
			    &r->arena, d->at_us, o->pg.zone, r->lang, TIMEFMT_DATE),
			    d->by_name != NULL ? d->by_name : "-");
		}
		html(&b, "</ul></section>");
	}
	if (o->t->nsources > 0) {
		html(&b, "<details class=\"sources\"><summary>%s</summary><ul>",
		    _("Where the facts come from"));
		for (i = 0; i < o->t->nsources; i++)
			html(&b, "<li><a href=\"%s\" rel=\"noopener\">%s</a>%s%s</li>",
			    o->t->sources[i].url, o->t->sources[i].title,
			    o->t->sources[i].publisher != NULL ? ", " : "",
			    o->t->sources[i].publisher != NULL ? o->t->sources[i].publisher : "");
		html(&b, "</ul></details>");
	}
	layout_end(r, &b, status);
}

void
web_pathway(struct req *r)
{
	struct pw_one o;

	if (!pw_load(r, false, &o))
		return;
	render_one(r, &o, 200, NULL, NULL, NULL);
}

/* The version the form was read at; -1 if it is not the stored one. */
static int64_t
form_version(struct req *r, const struct pathway *p)
{
	const char *v = req_form(r, "version");

	return v != NULL && strcmp(v, arena_printf(&r->arena, "%lld", (long long)p->version)) ==
	    0 ? p->version : -1;
}

/* The phase that is to be updated: a copy in the arena. */
static struct pathway_phase *
phase_copy(struct req *r, const struct pathway_phase *ph)
{
	struct pathway_phase *x = arena_alloc(&r->arena, sizeof(*x));

	*x = *ph;
	return x;
}

/* The proposals of the phase at index i (its template phase's). */
static void
propose(struct req *r, struct pw_write *w, const struct pw_one *o, const struct pathway_phase *ph)
{
	const struct pw_phase *tp = pw_phase_of(o->t, ph->code);

	(void)o;
	if (tp != NULL)
		w->nitems = pw_new_items(&r->arena, tp, ph->seq, &w->items);
}

void
web_pathway_agree(struct req *r)
{
	struct pw_one o;
	struct pw_write *w;
	int i;

	if (!pw_load(r, true, &o))
		return;
	if (o.f.p.status != PWR_OFFERED) {
		error_respond(r, 409, PROBLEM_CONFLICT);
		return;
	}
	w = pw_write_new(r, o.pg.g, "pathway.agree", o.f.p.id);
	w->p = o.f.p;
	w->p.version = form_version(r, &o.f.p);
	w->update = true;
	w->nitems = pw_agree(&r->arena, &w->p, o.f.phases, o.f.nphases, o.t, o.today, w->now,
	    r->actor->user.id, &i, &w->items);
	if (i >= 0)
		w->upd[w->nupd++] = &o.f.phases[i];
	req_defer_write(r, write_pw, w, after_pw);
}

void
web_pathway_decline(struct req *r)
{
	struct pw_one o;
	struct pw_write *w;

	if (!pw_load(r, true, &o))
		return;
	if (o.f.p.status != PWR_OFFERED) {
		error_respond(r, 409, PROBLEM_CONFLICT);
		return;
	}
	w = pw_write_new(r, o.pg.g, "pathway.decline", o.f.p.id);
	w->p = o.f.p;
	w->p.version = form_version(r, &o.f.p);
	w->update = true;
	w->p.status = PWR_DECLINED;
	w->p.ended_us = w->now;
	w->back = arena_printf(&r->arena, "/persons/%s/pathways", o.pg.id);
	req_defer_write(r, write_pw, w, after_pw);
}

void
web_pathway_next(struct req *r)
{
	struct pw_one o;
	struct pw_write *w;
	int ended, begun;

	if (!pw_load(r, true, &o))
		return;
	w = pw_write_new(r, o.pg.g, "pathway.next", o.f.p.id);
	w->p = o.f.p;
	w->p.version = form_version(r, &o.f.p);
	w->update = true;
	if (!pw_advance(&r->arena, &w->p, o.f.phases, o.f.nphases, PWP_DONE, o.today, w->now,
	    &ended, &begun)) {
		error_respond(r, 409, PROBLEM_CONFLICT);
		return;
	}
	w->upd[w->nupd++] = &o.f.phases[ended];
	if (begun >= 0) {
		w->upd[w->nupd++] = &o.f.phases[begun];
		propose(r, w, &o, &o.f.phases[begun]);
		w->ck_g = web_checkups_aftercare(r, o.pg.id, o.f.phases[begun].code, o.f.p.id,
		    o.today, o.f.p.time_zone, &w->ck);
	}
	req_defer_write(r, write_pw, w, after_pw);
}

/* Taking up a proposal, or leaving it out */

/* The goal a step of this pathway goes under: the one made from a goal
 * proposal of the same phase, else of any phase of it; NULL: make one. */
static const char *
step_goal(const struct pw_one *o, int64_t phase)
{
	const char *any = NULL;
	size_t i;

	for (i = 0; i < o->f.nitems; i++) {
		const struct pathway_item *x = &o->f.items[i];

		if (x->kind != PWI_GOAL || x->status != PWI_ACCEPTED || x->made_id == NULL)
			continue;
		if (x->phase == phase)
			return x->made_id;
		if (any == NULL)
			any = x->made_id;
	}
	return any;
}

/* The template's domain of a goal or activity proposal. */
static enum domain
item_domain(const struct pw_one *o, const struct pathway_item *x)
{
	int i = pw_phase_index(o->f.phases, o->f.nphases, x->phase);
	const struct pw_phase *tp = i >= 0 ? pw_phase_of(o->t, o->f.phases[i].code) : NULL;

	if (tp != NULL && x->src >= 0) {
		if (x->kind == PWI_GOAL && (size_t)x->src < tp->ngoals)
			return tp->goals[x->src].domain;
		if (x->kind == PWI_STEP && (size_t)x->src < tp->nactivities)
			return tp->activities[x->src].domain;
	}
	return DOM_MEANING;
}

/* The text in the person's own language: plan items are in their words. */
static const char *
person_text(struct req *r, const struct pw_one *o, const struct pathway_item *x,
    enum lang *l)
{
	enum lang saved = r->lang;
	const char *s;

	*l = r->lang;
	if (o->pg.have_p && o->pg.p.lang != NULL)
		lang_parse(o->pg.p.lang, strlen(o->pg.p.lang), l);
	r->lang = *l;
	s = item_text(r, o, x);
	r->lang = saved;
	return s;
}

static struct goal *
new_goal(struct req *r, struct pw_write *w, const char *person_id, const char *title,
    enum domain d, enum lang l)
{
	struct goal *g = arena_alloc(&r->arena, sizeof(*g));
	char *id = arena_alloc(&r->arena, ID_LEN + 1);

	memset(g, 0, sizeof(*g));
	id_new(id);
	g->person_id = person_id;
	g->id = id;
	g->title = title;
	g->text_lang = lang_code(l);
	g->domain = d;
	g->status = ST_NOT_STARTED;
	g->created_us = g->updated_us = w->now;
	g->created_by = g->updated_by = r->actor->user.id;
	return g;
}

void
web_pathway_item(struct req *r)
{
	struct pw_one o;
	struct pw_write *w;
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct item_form in = {0};
	struct pathway_item *x = NULL, *dec;
	const char *decision = req_form(r, "decision"), *iid = req_param(r, 2), *text;
	enum pwd_reason why = PWD_OTHER;
	enum lang l;
	enum domain dom;
	size_t i;

	if (!pw_load(r, true, &o))
		return;
	for (i = 0; i < o.f.nitems; i++)
		if (strcmp(o.f.items[i].id, iid) == 0)
			x = &o.f.items[i];
	if (x == NULL) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (o.f.p.status != PWR_RUNNING || x->status != PWI_PROPOSED) {
		resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/pathways/%s?changed=1",
		    o.pg.id, o.f.p.id));
		return;
	}
	w = pw_write_new(r, o.pg.g, "pathway.item", o.f.p.id);
	w->p = o.f.p;
	dec = arena_alloc(&r->arena, sizeof(*dec));
	*dec = *x;
	dec->decided_us = w->now;
	dec->decided_by = r->actor->user.id;
	w->decide = dec;
	text = person_text(r, &o, x, &l);
	if (decision != NULL && strcmp(decision, "decline") == 0) {
		in.reason = req_form(r, fname(r, "reason", iid));
		in.note = form_text(r, e, fname(r, "note", iid), false, PW_NOTE_MAX);
		if (!pwd_reason_parse(in.reason, &why))
			form_error(e, fname(r, "reason", iid), in.reason == NULL ||
			    *in.reason == '\0' ? "required" : "invalid_choice");
		if (e->n > 0) {
			render_one(r, &o, 422, iid, &in, e);
			return;
		}
		dec->status = PWI_DECLINED;
		w->dev = deviation(r, w, PWD_DECLINE, x->phase, why, in.note, item_text(r, &o, x));
		req_defer_write(r, write_pw, w, after_pw);
		return;
	}
	if (decision == NULL || strcmp(decision, "accept") != 0) {
		error_respond(r, 422, PROBLEM_BAD_REQUEST);
		return;
	}
	dec->status = PWI_ACCEPTED;
	if (x->kind == PWI_GOAL) {
		dom = item_domain(&o, x);
		if (!door_may(r, o.pg.g, PA_EDIT_PLAN, domain_category(dom))) {
			error_respond(r, 403, PROBLEM_FORBIDDEN);
			return;
		}
		w->goal = new_goal(r, w, o.pg.id, text, dom, l);
		dec->made_id = w->goal->id;
	} else if (x->kind == PWI_STEP) {
		struct step *st = arena_alloc(&r->arena, sizeof(*st));
		const char *gid = step_goal(&o, x->phase);
		char *sid = arena_alloc(&r->arena, ID_LEN + 1);

		dom = item_domain(&o, x);
		if (gid == NULL) {
			/* The pathway's own goal, named after it, recorded as made by it. */
			enum lang saved = r->lang;

			r->lang = l;
			w->goal = new_goal(r, w, o.pg.id, tname(r, &o.f.p),
			    dom == DOM_SUBSTANCE_USE ? DOM_MEANING : dom, l);
			r->lang = saved;
			char *giid = arena_alloc(&r->arena, ID_LEN + 1);

			id_new(giid);
			w->goal_item = arena_alloc(&r->arena, sizeof(*w->goal_item));
			memset(w->goal_item, 0, sizeof(*w->goal_item));
			w->goal_item->id = giid;
			w->goal_item->phase = x->phase;
			w->goal_item->kind = PWI_GOAL;
			w->goal_item->src = -1;
			w->goal_item->title = w->goal->title;
			w->goal_item->status = PWI_ACCEPTED;
			w->goal_item->made_id = w->goal->id;
			w->goal_item->decided_us = w->now;
			w->goal_item->decided_by = r->actor->user.id;
			gid = w->goal->id;
		}
		memset(st, 0, sizeof(*st));
		id_new(sid);
		st->person_id = o.pg.id;
		st->id = sid;
		st->goal_id = gid;
		st->title = text;
		st->owner_kind = OWNER_PERSON;
		st->status = ST_NOT_STARTED;
		st->created_us = st->updated_us = w->now;
		st->created_by = st->updated_by = r->actor->user.id;
		w->step = st;
		dec->made_id = sid;
	} else {
		const struct pw_appointment *ta = item_appt(&o, x);
		struct appt_input ai = {0};
		struct appointment a = {0}, *xs;
		struct appt_problem pr[8];
		int weeks = 1;
		size_t np;

		if (!door_may(r, o.pg.g, PA_EDIT_PLAN, CAT_APPOINTMENTS)) {
			error_respond(r, 403, PROBLEM_FORBIDDEN);
			return;
		}
		in.date = req_form(r, fname(r, "date", iid));
		in.time = req_form(r, fname(r, "time", iid));
		ai.title = text;
		ai.kind = appt_kind_code(ta != NULL ? ta->kind : AK_OTHER);
		ai.date = in.date;
		ai.time = in.time;
		ai.minutes = arena_printf(&r->arena, "%d", ta != NULL ? ta->minutes : 60);
		np = appt_check_input(&ai, o.f.p.time_zone, &a, &weeks, pr, 8);
		for (i = 0; i < np; i++)
			if (strcmp(pr[i].field, "date") == 0 || strcmp(pr[i].field, "time") == 0)
				form_error(e, fname(r, pr[i].field, iid), pr[i].code);
			else
				form_error(e, fname(r, "date", iid), pr[i].code);
		a.person_id = o.pg.id;
		if (e->n == 0 && appt_series(&r->arena, &a, 1, in.date, in.time, &xs) != 0)
			form_error(e, fname(r, "time", iid), "skipped_time");
		if (e->n > 0) {
			render_one(r, &o, 422, iid, &in, e);
			return;
		}
		xs[0].title_lang = lang_code(l);
		xs[0].created_by = r->actor->user.id;
		xs[0].created_by_org = r->actor->org_id;
		xs[0].with_org_id = o.pg.self ? o.f.p.org_id : r->actor->org_id;
		w->appt = &xs[0];
		dec->made_id = xs[0].id;
	}
	w->back = arena_printf(&r->arena, "/persons/%s/pathways/%s?saved=1#item-%s", o.pg.id,
	    o.f.p.id, iid);
	req_defer_write(r, write_pw, w, after_pw);
}

/* Adapting */

struct adapt_in {
	const char *kind, *phase, *days, *after, *name, *purpose, *item_kind, *title, *reason;
	const char *note;
};

static const char *const adapt_kinds[] = { "length", "skip", "add_phase", "add_item", "stop" };
#define ADAPT_KINDS (sizeof(adapt_kinds) / sizeof(adapt_kinds[0]))

/* The phases one may still change: the current one and those to come. */
static size_t
open_phases(struct req *r, const struct pw_one *o, const char ***v, const char ***l)
{
	size_t i, n = 0;

	*v = arena_alloc(&r->arena, (o->f.nphases + 1) * sizeof(**v));
	*l = arena_alloc(&r->arena, (o->f.nphases + 1) * sizeof(**l));
	for (i = 0; i < o->f.nphases; i++)
		if (o->f.phases[i].status == PWP_CURRENT || o->f.phases[i].status == PWP_WAITING) {
			(*v)[n] = arena_printf(&r->arena, "%lld", (long long)o->f.phases[i].seq);
			(*l)[n++] = arena_printf(&r->arena, _("%s (about %d days)"),
			    phase_name(r, o->t, &o->f.phases[i]), o->f.phases[i].expected_days);
		}
	return n;
}

static void
adapt_form_begin(struct req *r, struct buf *b, const struct pw_one *o, const char *kind,
    const char *title, const char *hint, const struct adapt_in *in,
    const struct form_errors *e)
{
	bool mine = in != NULL && in->kind != NULL && strcmp(in->kind, kind) == 0;

	html(b, "<section class=\"adapt\" aria-labelledby=\"a-%s\"><h2 id=\"a-%s\">%s</h2>",
	    kind, kind, title);
	if (hint != NULL)
		html(b, "<p class=\"hint\">%s</p>", hint);
	form_begin(r, b, arena_printf(&r->arena, "/persons/%s/pathways/%s/adapt", o->pg.id,
	    o->f.p.id), mine ? e : NULL);
	html(b, "<input type=\"hidden\" name=\"kind\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"version\" value=\"%lld\">", kind,
	    (long long)o->f.p.version);
}

static void
adapt_form_end(struct req *r, struct buf *b, const char *kind, const char *submit,
    const struct adapt_in *in, const struct form_errors *e)
{
	bool mine = in != NULL && in->kind != NULL && strcmp(in->kind, kind) == 0;

	reason_select(r, b, arena_printf(&r->arena, "%s_reason", kind), mine ? in->reason : NULL,
	    mine ? e : NULL);
	form_textarea(b, arena_printf(&r->arena, "%s_note", kind), _("In a few words (optional)"),
	    mine ? in->note : NULL, NULL, mine ? e : NULL);
	form_end(b, submit);
	html(b, "</section>");
}

static void
render_adapt(struct req *r, struct pw_one *o, unsigned status, const struct adapt_in *in,
    const struct form_errors *e)
{
	const struct pathway *p = &o->f.p;
	const char **v, **l;
	size_t n = open_phases(r, o, &v, &l);
	struct buf b;
	const char *ik[] = { "step", "appointment", "goal" };
	const char *il[] = { _("A step"), _("An appointment"), _("A goal") };
#define MINE(k) (in != NULL && in->kind != NULL && strcmp(in->kind, (k)) == 0)
#define E(k) (MINE(k) ? e : NULL)

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Adapt the pathway"));
	html(&b, "<nav><a href=\"/persons/%s/pathways/%s\">%s</a></nav>", o->pg.id, p->id,
	    _("Back to the pathway"));
	html(&b, "<h1>%s</h1><p>%s</p>", _("Adapt the pathway"), _("A pathway is shaped "
	    "together with the person. Each change keeps a reason, so that everyone can see "
	    "why the pathway differs from its template."));
	if (n > 0) {
		adapt_form_begin(r, &b, o, "length", _("Make a phase longer or shorter"), NULL, in, e);
		form_select(&b, "length_phase", _("Phase"), v, l, n, MINE("length") ? in->phase :
		    NULL, E("length"));
		form_input(&b, "length_days", _("Days"), "number", MINE("length") ? in->days : NULL,
		    "off", _("From 1 to 730."), E("length"));
		adapt_form_end(r, &b, "length", _("Change the length"), in, e);

		adapt_form_begin(r, &b, o, "skip", _("Skip a phase"), NULL, in, e);
		form_select(&b, "skip_phase", _("Phase"), v, l, n, MINE("skip") ? in->phase : NULL,
		    E("skip"));
		adapt_form_end(r, &b, "skip", _("Skip it"), in, e);

		adapt_form_begin(r, &b, o, "add_phase", _("Add a phase"), _("For something this "
		    "person needs that the template does not have."), in, e);
		form_select(&b, "add_phase_after", _("After"), v, l, n, MINE("add_phase") ?
		    in->after : NULL, E("add_phase"));
		form_input(&b, "add_phase_name", _("Name"), "text", MINE("add_phase") ? in->name :
		    NULL, "off", NULL, E("add_phase"));
		form_textarea(&b, "add_phase_purpose", _("What it is for (optional)"),
		    MINE("add_phase") ? in->purpose : NULL, NULL, E("add_phase"));
		form_input(&b, "add_phase_days", _("Days"), "number", MINE("add_phase") ? in->days :
		    NULL, "off", _("From 1 to 730."), E("add_phase"));
		adapt_form_end(r, &b, "add_phase", _("Add the phase"), in, e);
	}
	if (p->status == PWR_RUNNING) {
		adapt_form_begin(r, &b, o, "add_item", _("Propose something more in this phase"),
		    NULL, in, e);
		form_select(&b, "add_item_kind", _("What"), ik, il, 3, MINE("add_item") ?
		    in->item_kind : NULL, E("add_item"));
		form_input(&b, "add_item_title", _("In a few words"), "text", MINE("add_item") ?
		    in->title : NULL, "off", NULL, E("add_item"));
		adapt_form_end(r, &b, "add_item", _("Propose it"), in, e);

		adapt_form_begin(r, &b, o, "stop", _("Stop the pathway"), _("The plan, its goals "
		    "and appointments stay as they are."), in, e);
		adapt_form_end(r, &b, "stop", _("Stop the pathway"), in, e);
	}
#undef E
#undef MINE
	layout_end(r, &b, status);
}

void
web_pathway_adapt_form(struct req *r)
{
	struct pw_one o;

	if (!pw_load(r, true, &o))
		return;
	if (o.f.p.status != PWR_OFFERED && o.f.p.status != PWR_RUNNING) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	render_adapt(r, &o, 200, NULL, NULL);
}

/* The open phase a form names (by seq), or -1 with an error at field. */
static int
open_phase_at(struct req *r, const struct pw_one *o, const char *s, const char *field,
    struct form_errors *e)
{
	char *end;
	long long seq;
	int i;

	if (s == NULL || *s == '\0') {
		form_error(e, field, "required");
		return -1;
	}
	seq = strtoll(s, &end, 10);
	i = *end == '\0' ? pw_phase_index(o->f.phases, o->f.nphases, seq) : -1;
	if (i < 0 || (o->f.phases[i].status != PWP_CURRENT &&
	    o->f.phases[i].status != PWP_WAITING)) {
		form_error(e, field, "invalid_choice");
		return -1;
	}
	return i;
}

static int
days_at(const char *s, const char *field, struct form_errors *e)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0') {
		form_error(e, field, "required");
		return 0;
	}
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 1 || v > PW_DAYS_MAX) {
		form_error(e, field, "out_of_range");
		return 0;
	}
	return (int)v;
}

static const char *
field(struct req *r, const char *kind, const char *name)
{
	return arena_printf(&r->arena, "%s_%s", kind, name);
}

void
web_pathway_adapt(struct req *r)
{
	struct pw_one o;
	struct adapt_in in = {0};
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct pw_write *w;
	enum pwd_reason why = PWD_OTHER;
	const char *k;
	size_t i;
	int at = -1, days = 0, ended, begun;

	if (!pw_load(r, true, &o))
		return;
	if (o.f.p.status != PWR_OFFERED && o.f.p.status != PWR_RUNNING) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	in.kind = k = req_form(r, "kind");
	for (i = 0; k != NULL && i < ADAPT_KINDS && strcmp(k, adapt_kinds[i]) != 0; i++)
		;
	if (k == NULL || i == ADAPT_KINDS || ((strcmp(k, "add_item") == 0 ||
	    strcmp(k, "stop") == 0) && o.f.p.status != PWR_RUNNING)) {
		error_respond(r, 422, PROBLEM_BAD_REQUEST);
		return;
	}
	in.reason = req_form(r, field(r, k, "reason"));
	in.note = form_text(r, e, field(r, k, "note"), false, PW_NOTE_MAX);
	if (!pwd_reason_parse(in.reason, &why))
		form_error(e, field(r, k, "reason"), in.reason == NULL || *in.reason == '\0' ?
		    "required" : "invalid_choice");
	if (strcmp(k, "length") == 0) {
		in.phase = req_form(r, "length_phase");
		in.days = req_form(r, "length_days");
		at = open_phase_at(r, &o, in.phase, "length_phase", e);
		days = days_at(in.days, "length_days", e);
		if (at >= 0 && days > 0 && days == o.f.phases[at].expected_days)
			form_error(e, "length_days", "unchanged");
	} else if (strcmp(k, "skip") == 0) {
		in.phase = req_form(r, "skip_phase");
		at = open_phase_at(r, &o, in.phase, "skip_phase", e);
	} else if (strcmp(k, "add_phase") == 0) {
		in.after = req_form(r, "add_phase_after");
		at = open_phase_at(r, &o, in.after, "add_phase_after", e);
		in.name = form_text(r, e, "add_phase_name", true, PW_ADDED_NAME_MAX);
		in.purpose = form_text(r, e, "add_phase_purpose", false, PW_ADDED_PURPOSE_MAX);
		in.days = req_form(r, "add_phase_days");
		days = days_at(in.days, "add_phase_days", e);
	} else if (strcmp(k, "add_item") == 0) {
		enum pwi_kind ik;

		in.item_kind = req_form(r, "add_item_kind");
		in.title = form_text(r, e, "add_item_title", true, PW_ITEM_MAX);
		if (!pwi_kind_parse(in.item_kind, &ik))
			form_error(e, "add_item_kind", "invalid_choice");
	}
	if (e->n > 0) {
		render_adapt(r, &o, 422, &in, e);
		return;
	}
	w = pw_write_new(r, o.pg.g, arena_printf(&r->arena, "pathway.adapt.%s", k), o.f.p.id);
	w->p = o.f.p;
	w->p.version = form_version(r, &o.f.p);
	w->update = true;
	if (strcmp(k, "length") == 0) {
		struct pathway_phase *ph = phase_copy(r, &o.f.phases[at]);
		int old = ph->expected_days;
		char due[11];

		ph->expected_days = days;
		w->upd[w->nupd++] = ph;
		if (ph->status == PWP_CURRENT) {
			pw_phase_due(ph, due);
			w->p.phase_due = arena_strdup(&r->arena, due);
		}
		w->dev = deviation(r, w, days > old ? PWD_LENGTHEN : PWD_SHORTEN, ph->seq, why,
		    in.note, arena_printf(&r->arena, _("%s: %d to %d days"),
		    phase_name(r, o.t, ph), old, days));
	} else if (strcmp(k, "skip") == 0) {
		const char *nm = phase_name(r, o.t, &o.f.phases[at]);
		int64_t seq = o.f.phases[at].seq;

		if (o.f.phases[at].status == PWP_CURRENT) {
			pw_advance(&r->arena, &w->p, o.f.phases, o.f.nphases, PWP_SKIPPED, o.today,
			    w->now, &ended, &begun);
			w->upd[w->nupd++] = &o.f.phases[ended];
			if (begun >= 0) {
				w->upd[w->nupd++] = &o.f.phases[begun];
				propose(r, w, &o, &o.f.phases[begun]);
			}
		} else {
			o.f.phases[at].status = PWP_SKIPPED;
			w->upd[w->nupd++] = &o.f.phases[at];
		}
		w->dev = deviation(r, w, PWD_SKIP, seq, why, in.note, nm);
	} else if (strcmp(k, "add_phase") == 0) {
		struct pathway_phase *ph = arena_alloc(&r->arena, sizeof(*ph));
		int64_t max = 0;

		for (i = 0; i < o.f.nphases; i++)
			if (o.f.phases[i].seq > max)
				max = o.f.phases[i].seq;
		memset(ph, 0, sizeof(*ph));
		ph->seq = max + 1;
		ph->ord = (size_t)at + 1 < o.f.nphases ?
		    (o.f.phases[at].ord + o.f.phases[at + 1].ord) / 2 : o.f.phases[at].ord + 1;
		ph->code = "";
		ph->name = in.name;
		ph->purpose = *in.purpose != '\0' ? in.purpose : NULL;
		ph->expected_days = days;
		ph->status = PWP_WAITING;
		w->add = ph;
		w->dev = deviation(r, w, PWD_ADD_PHASE, ph->seq, why, in.note,
		    arena_printf(&r->arena, _("%s, about %d days"), in.name, days));
	} else if (strcmp(k, "add_item") == 0) {
		struct pathway_item *x = arena_alloc(&r->arena, sizeof(*x));
		char *id = arena_alloc(&r->arena, ID_LEN + 1);

		memset(x, 0, sizeof(*x));
		id_new(id);
		x->id = id;
		x->phase = o.f.p.phase;
		pwi_kind_parse(in.item_kind, &x->kind);
		x->src = -1;
		x->title = in.title;
		x->status = PWI_PROPOSED;
		w->items = x;
		w->nitems = 1;
		w->dev = deviation(r, w, PWD_ADD_ITEM, x->phase, why, in.note, in.title);
	} else {
		w->p.status = PWR_STOPPED;
		w->p.ended_us = w->now;
		w->dev = deviation(r, w, PWD_STOP, -1, why, in.note, NULL);
	}
	req_defer_write(r, write_pw, w, after_pw);
}

/* The person's home page: each pathway under way or offered, its clocks. */
int
web_pathway_home(struct req *r, struct buf *b, const struct grant *g, bool self)
{
	struct pathway_full *fs;
	size_t n, i;
	int rc;

	if ((rc = store_pathways_live(req_store(r), &r->arena, g, &fs, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		const struct pw_template *t;
		char today[11];

		if ((t = view_pathway_template(req_store(r), &r->arena, fs[i].p.template_id)) == NULL)
			return ERR_DB;
		if (i == 0)
			html(b, "<section aria-labelledby=\"s-pathway\" class=\"pathway\">"
			    "<h2 id=\"s-pathway\">%s</h2>", self ? _("My pathway") : _("Pathway"));
		pw_today(clock_now_us(), fs[i].p.time_zone, today);
		html(b, "<h3><a href=\"/persons/%s/pathways/%s\">%s</a></h3>", fs[i].p.person_id,
		    fs[i].p.id, tname(r, &fs[i].p));
		web_pathway_clock(r, b, &fs[i], t, today, self);
	}
	if (n > 0)
		html(b, "</section>");
	return 0;
}
