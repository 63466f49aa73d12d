/* Pathway templates, and the pathways a person follows, as JSON.
 *   GET  /api/v1/pathway-templates        the newest version of each (?all=1: every
 *                                         version), with names in en, nl and da
 *   GET  /api/v1/pathway-templates/{id}   one version, the template itself
 *                                         (rosc-pathway-template/1) under "template"
 *   GET  /api/v1/persons/{id}/pathways    the person's pathways: each with its clocks
 *                                         today in its zone, phases, proposals and
 *                                         deviations
 *   POST /api/v1/persons/{id}/pathways    offer one: {"template_id", "first_contact":
 *                                         "YYYY-MM-DD", "agree"?}; "agree": true starts
 *                                         it at once: 201 with the pathway
 * Templates describe programmes, not persons: anyone signed in. A person's
 * pathways are part of the plan, through the same door and access log as
 * the pages (web/pathways.c), checked by the same rules (view/pathway.c);
 * someone else's id answers 404, exactly as a missing one. */
#include "api/pathways.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/utf8.h"
#include "core/actor.h"
#include "core/pathway.h"
#include "core/pathway_run.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/pathway_run.h"
#include "store/pathways.h"
#include "store/persons.h"
#include "view/pathway.h"

static json_t *
row_json(struct req *r, const struct pathway_template_row *x)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(x->id));
	json_object_set_new(o, "code", json_string(x->code));
	json_object_set_new(o, "version", json_integer(x->version));
	json_object_set_new(o, "organisation", api_str(x->org_name));
	json_object_set_new(o, "country", api_str(x->country));
	json_object_set_new(o, "name", json_string(x->name[r->lang] != NULL ? x->name[r->lang] :
	    x->name[LANG_EN]));
	json_object_set_new(o, "names", json_pack("{s:s, s:s, s:s}", "en", x->name[LANG_EN],
	    "nl", x->name[LANG_NL], "da", x->name[LANG_DA]));
	json_object_set_new(o, "phases", json_integer(x->phases));
	json_object_set_new(o, "total_days", json_integer(x->total_days));
	json_object_set_new(o, "start_within_days", x->start_within_days > 0 ?
	    json_integer(x->start_within_days) : json_null());
	json_object_set_new(o, "created_at", api_instant(x->created_us));
	return o;
}

void
api_pathway_templates(struct req *r)
{
	const char *all = req_query(r, "all");
	struct pathway_template_row *xs;
	size_t n, i;
	json_t *a;

	if (all != NULL && strcmp(all, "0") != 0 && strcmp(all, "1") != 0) {
		api_invalid(r, "all", "invalid_format");
		return;
	}
	if (store_pathway_templates(req_store(r), &r->arena, all == NULL ||
	    strcmp(all, "1") != 0, &xs, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, row_json(r, &xs[i]));
	resp_json(r, 200, json_pack("{s:o}", "templates", a));
}

void
api_pathway_template(struct req *r)
{
	struct pathway_template_row x;
	json_t *o, *body;
	int rc;

	rc = store_pathway_template_get(req_store(r), &r->arena, req_param(r, 0), &x);
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if ((body = json_loads(x.body, 0, NULL)) == NULL) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	o = row_json(r, &x);
	json_object_set_new(o, "template", body);
	resp_json(r, 200, o);
}

/* A person's pathways */

/* A count of days, or null where there is none. */
static json_t *
days_or_null(bool have, int n)
{
	return have ? json_integer(n) : json_null();
}

static json_t *
clock_json(const struct pathway *p, const char *today)
{
	struct pw_clock c;

	pw_clock(p, today, &c);
	return json_pack("{s:s, s:i, s:o, s:o, s:s, s:b, s:o}", "today", today, "day", c.day,
	    "guarantee", days_or_null(c.guarantee > 0, c.guarantee),
	    "days_left", days_or_null(c.guarantee > 0, c.days_left),
	    "start", pw_start_code(c.start), "phase_overdue", c.overdue,
	    "phase_left", days_or_null(c.in_phase, c.phase_left));
}

static json_t *
phase_json(struct req *r, const struct pw_template *t, const struct pathway_phase *ph)
{
	const struct pw_phase *tp = pw_phase_of(t, ph->code);
	json_t *o = json_object();

	json_object_set_new(o, "seq", json_integer(ph->seq));
	json_object_set_new(o, "code", api_str(tp != NULL ? ph->code : NULL));
	json_object_set_new(o, "name", api_str(pw_phase_name(t, ph, r->lang)));
	json_object_set_new(o, "purpose", api_str(tp != NULL ? pw_text(&tp->purpose, r->lang) :
	    ph->purpose));
	json_object_set_new(o, "status", json_string(pwp_status_code(ph->status)));
	json_object_set_new(o, "expected_days", json_integer(ph->expected_days));
	json_object_set_new(o, "started", api_str(ph->started));
	json_object_set_new(o, "ended", api_str(ph->ended));
	return o;
}

static json_t *
item_json(struct req *r, const struct pathway_full *f, const struct pw_template *t,
    const struct pathway_item *x)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(x->id));
	json_object_set_new(o, "phase", json_integer(x->phase));
	json_object_set_new(o, "kind", json_string(pwi_kind_code(x->kind)));
	json_object_set_new(o, "status", json_string(pwi_status_code(x->status)));
	json_object_set_new(o, "title", api_str(pw_item_title(t, f->phases, f->nphases, x,
	    r->lang)));
	json_object_set_new(o, "made_id", api_str(x->made_id));
	json_object_set_new(o, "decided_at", api_instant(x->decided_us));
	return o;
}

static json_t *
deviation_json(const struct pathway_deviation *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string(pwd_kind_code(d->kind)));
	json_object_set_new(o, "phase", d->phase >= 0 ? json_integer(d->phase) : json_null());
	json_object_set_new(o, "reason", json_string(pwd_reason_code(d->reason)));
	json_object_set_new(o, "note", api_str(d->note));
	json_object_set_new(o, "detail", api_str(d->detail));
	json_object_set_new(o, "at", api_instant(d->at_us));
	json_object_set_new(o, "by", api_str(d->by_name));
	json_object_set_new(o, "by_organisation", api_str(d->by_org_name));
	return o;
}

/* One pathway as the API shows it: its clocks for today in its zone. */
static json_t *
pathway_json(struct req *r, const struct pathway_full *f, const struct pw_template *t)
{
	const struct pathway *p = &f->p;
	const char *name = p->template_name[r->lang];
	json_t *o = json_object(), *a;
	char today[11];
	size_t i;

	pw_today(clock_now_us(), p->time_zone, today);
	json_object_set_new(o, "id", json_string(p->id));
	json_object_set_new(o, "person_id", json_string(p->person_id));
	json_object_set_new(o, "template", json_pack("{s:s, s:o, s:i, s:o}", "id",
	    p->template_id, "code", api_str(p->template_code), "version", p->template_version,
	    "name", api_str(name != NULL ? name : p->template_name[LANG_EN])));
	json_object_set_new(o, "organisation", p->org_id == NULL ? json_null() :
	    json_pack("{s:s, s:o}", "id", p->org_id, "name", api_str(p->org_name)));
	json_object_set_new(o, "status", json_string(pwr_status_code(p->status)));
	json_object_set_new(o, "first_contact", api_str(p->first_contact));
	json_object_set_new(o, "start_due", api_str(p->start_due));
	json_object_set_new(o, "started", api_str(p->started));
	json_object_set_new(o, "time_zone", api_str(p->time_zone));
	json_object_set_new(o, "phase", p->phase >= 0 ? json_integer(p->phase) : json_null());
	json_object_set_new(o, "phase_due", api_str(p->phase_due));
	json_object_set_new(o, "offered_at", api_instant(p->offered_us));
	json_object_set_new(o, "offered_by", api_str(p->offered_by_name));
	json_object_set_new(o, "agreed_at", api_instant(p->agreed_us));
	json_object_set_new(o, "agreed_by", api_str(p->agreed_by_name));
	json_object_set_new(o, "ended_at", api_instant(p->ended_us));
	json_object_set_new(o, "version", json_integer(p->version));
	json_object_set_new(o, "clock", clock_json(p, today));
	a = json_array();
	for (i = 0; i < f->nphases; i++)
		json_array_append_new(a, phase_json(r, t, &f->phases[i]));
	json_object_set_new(o, "phases", a);
	a = json_array();
	for (i = 0; i < f->nitems; i++)
		json_array_append_new(a, item_json(r, f, t, &f->items[i]));
	json_object_set_new(o, "items", a);
	a = json_array();
	for (i = 0; i < f->ndevs; i++)
		json_array_append_new(a, deviation_json(&f->devs[i]));
	json_object_set_new(o, "deviations", a);
	return o;
}

/* One pathway with the template version it follows, read. 0, or a store
 * error (ERR_DB too for a template that does not read). */
static int
load(struct req *r, const struct grant *g, const char *id, struct pathway_full *f,
    const struct pw_template **t)
{
	int rc = store_pathway_get(req_store(r), &r->arena, g, id, f);

	if (rc == 0 && (*t = view_pathway_template(req_store(r), &r->arena,
	    f->p.template_id)) == NULL)
		rc = ERR_DB;
	return rc;
}

void
api_person_pathways(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *g = door_open(r, id, PA_READ, CAT_PLAN, 0, &d);
	struct pathway *ps;
	size_t n, i;
	json_t *a;

	if (g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if (store_pathways(req_store(r), &r->arena, g, &ps, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++) {
		struct pathway_full f;
		const struct pw_template *t;

		if (load(r, g, ps[i].id, &f, &t) != 0) {
			json_decref(a);
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		json_array_append_new(a, pathway_json(r, &f, t));
	}
	resp_json(r, 200, json_pack("{s:s, s:o}", "person_id", id, "pathways", a));
}

/* Offering one */

struct offer {
	const struct grant *g;
	struct pathway p;                 /* as offered */
	struct pathway_phase *phases;     /* all waiting */
	size_t nphases;
	bool agree;
	struct pathway run;               /* agreed at once: as it then runs */
	struct pathway_phase *begun;      /* its first phase, now current (or NULL) */
	struct pathway_item *items;       /* that phase's proposals */
	size_t nitems;
	struct audit_entry *audit, *audit_agree;
};

static int
write_offer(struct store_tx *tx, void *arg)
{
	struct offer *o = arg;
	const char *pid = o->p.person_id, *id = o->p.id;
	int rc = store_tx_pathway_insert(tx, o->g, &o->p, o->phases, o->nphases);

	if (rc == 0)
		rc = store_tx_audit_append(tx, o->audit);
	if (rc != 0 || !o->agree)
		return rc;
	/* Agreed at once: the page's offer and then its agree, in one
	 * transaction, each in the audit log. */
	rc = store_tx_pathway_update(tx, o->g, &o->run);
	if (rc == 0 && o->begun != NULL)
		rc = store_tx_pathway_phase_update(tx, o->g, pid, id, o->begun);
	if (rc == 0 && o->nitems > 0)
		rc = store_tx_pathway_items_insert(tx, o->g, pid, id, o->items, o->nitems);
	return rc ? rc : store_tx_audit_append(tx, o->audit_agree);
}

static void
after_offer(struct req *r, int rc)
{
	struct offer *o = r->write_arg;
	struct pathway_full f;
	const struct pw_template *t;

	if (rc != 0 || load(r, o->g, o->p.id, &f, &t) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_header(r, "Location", arena_printf(&r->arena, "/api/v1/persons/%s/pathways",
	    o->p.person_id));
	resp_json(r, 201, pathway_json(r, &f, t));
}

/* A text member: NULL if absent or null; *field and *code set if it is
 * not a string, holds a NUL or is not text. */
static const char *
member_text(struct req *r, json_t *doc, const char *name, const char **field,
    const char **code)
{
	json_t *v = json_object_get(doc, name);
	const char *s;

	if (v == NULL || json_is_null(v) || *code != NULL)
		return NULL;
	s = json_is_string(v) ? json_string_value(v) : NULL;
	if (s == NULL || strlen(s) != json_string_length(v) || !utf8_valid_text(s, strlen(s))) {
		*field = name;
		*code = "invalid_format";
		return NULL;
	}
	return arena_strdup(&r->arena, s);
}

/* The calendar a new pathway counts in: the person's, else the
 * organisation's (as on the page). */
static const char *
zone_of(struct req *r, const struct grant *g)
{
	struct person p;

	if (grant_covers(g, CAT_BASIC) && store_person_get(req_store(r), &r->arena, g, &p) == 0 &&
	    p.time_zone != NULL)
		return p.time_zone;
	return r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
}

void
api_person_pathway_offer(struct req *r)
{
	const char *id = req_param(r, 0), *field = NULL, *code = NULL, *zone;
	struct decision d;
	const struct grant *g = door_open_lazy(r, id, PA_EDIT_PLAN, CAT_PLAN, CAT_BIT(CAT_BASIC),
	    &d);
	struct pw_offer in = {0};
	struct offer *o;
	json_t *doc, *v, *errs;
	char today[11], *pid;
	int64_t now = clock_now_us();
	int begun;

	if (g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if ((doc = api_body(r)) == NULL)
		return;
	in.template_id = member_text(r, doc, "template_id", &field, &code);
	in.first_contact = member_text(r, doc, "first_contact", &field, &code);
	v = json_object_get(doc, "agree");
	if (code == NULL && v != NULL && !json_is_boolean(v) && !json_is_null(v)) {
		field = "agree";
		code = "invalid_format";
	}
	o = arena_alloc(&r->arena, sizeof(*o));
	memset(o, 0, sizeof(*o));
	o->agree = json_is_true(v);
	json_decref(doc);
	if (code != NULL) {
		api_invalid(r, field, code);
		return;
	}
	zone = zone_of(r, g);
	pw_today(now, zone, today);
	if (view_pathway_offer_check(req_store(r), &r->arena, g, r->actor->org_id, today,
	    &in) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (in.template_err != NULL || in.first_contact_err != NULL) {
		errs = json_array();
		if (in.template_err != NULL)
			json_array_append_new(errs, json_pack("{s:s, s:s}", "field", "template_id",
			    "code", in.template_err));
		if (in.first_contact_err != NULL)
			json_array_append_new(errs, json_pack("{s:s, s:s}", "field",
			    "first_contact", "code", in.first_contact_err));
		resp_problem(r, 422, PROBLEM_VALIDATION_FAILED, NULL, errs);
		return;
	}
	pid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(pid);
	o->g = g;
	o->p.person_id = id;
	o->p.id = pid;
	o->p.org_id = r->actor->org_id;
	o->p.time_zone = zone;
	o->p.offered_us = now;
	o->p.offered_by = r->actor->user.id;
	o->phases = view_pathway_offered(&r->arena, &in, &o->p);
	o->nphases = in.t->nphases;
	o->audit = req_audit(r, "pathway.offer", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "%s v%d", in.tr->code, in.tr->version));
	if (o->agree) {
		/* Its phases as they become, beside those inserted waiting. */
		struct pathway_phase *ph = arena_alloc(&r->arena, (o->nphases + 1) * sizeof(*ph));

		memcpy(ph, o->phases, o->nphases * sizeof(*ph));
		o->run = o->p;
		o->run.version = 1;
		o->nitems = pw_agree(&r->arena, &o->run, ph, o->nphases, in.t, today, now,
		    r->actor->user.id, &begun, &o->items);
		o->begun = begun >= 0 ? &ph[begun] : NULL;
		o->audit_agree = req_audit(r, "pathway.agree", arena_printf(&r->arena,
		    "pathway:%s", pid), NULL);
	}
	req_defer_write(r, write_offer, o, after_offer);
}
