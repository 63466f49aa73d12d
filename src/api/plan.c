/* A person's recovery plan as JSON: the life domains in their words with
 * the latest self-rating, goals with their steps, the relapse-prevention
 * plan and the crisis contacts.
 *   GET /api/v1/persons/{id}/plan   signed in (session or bearer token);
 *       whoever may read the plan (the door decides, and logs the read).
 * The substance-use domain, its rating and its goals are left out, without
 * a trace, unless the reader may also see substance-use details. */
#include "api/plan.h"

#include <jansson.h>
#include <string.h>

#include "api/json.h"
#include "base/clock.h"
#include "base/err.h"
#include "core/actor.h"
#include "core/person.h"
#include "core/plan.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/plan.h"
#include "view/plan.h"
#include "access/door.h"
#include "http/errors.h"

/* {"id": ..., "name": ...}, or null when there is no id. */
static json_t *
ref(const char *id, const char *name)
{
	if (id == NULL)
		return json_null();
	return json_pack("{s:s, s:o}", "id", id, "name", api_str(name));
}

/* The number for a tel: link: digits, with + when international. */
static json_t *
tel(const char *s)
{
	char out[64];
	size_t w = 0;
	const char *q = s + strspn(s, " ");

	if (*q == '+') {
		out[w++] = '+';
	} else if (q[0] == '0' && q[1] == '0') {
		out[w++] = '+';
		q += 2;
	}
	for (; *q && w < sizeof(out) - 1; q++)
		if (*q >= '0' && *q <= '9')
			out[w++] = *q;
	out[w] = '\0';
	return json_string(out);
}

static json_t *
domain_json(const struct plan_domain *d, const struct plan_rating *latest)
{
	json_t *o = json_object();

	json_object_set_new(o, "domain", json_string(domain_code(d->domain)));
	json_object_set_new(o, "now", api_str(d->now_text));
	json_object_set_new(o, "strengths", api_str(d->strengths));
	json_object_set_new(o, "hopes", api_str(d->hopes));
	json_object_set_new(o, "matters_most", api_str(d->matters_most));
	json_object_set_new(o, "language", api_str(d->text_lang));
	json_object_set_new(o, "version", json_integer(d->version));
	json_object_set_new(o, "updated_at", api_instant(d->updated_us));
	json_object_set_new(o, "updated_by", ref(d->updated_by, d->updated_by_name));
	json_object_set_new(o, "latest_rating", latest == NULL ? json_null() :
	    json_pack("{s:i, s:o}", "rating", latest->rating, "rated_at",
	    api_instant(latest->rated_us)));
	return o;
}

static json_t *
step_json(const struct step *x)
{
	const char *owner_id = x->owner_kind == OWNER_MEMBER ? x->owner_member_id :
	    x->owner_kind == OWNER_ORGANISATION ? x->owner_org_id : NULL;

	return json_pack("{s:s, s:s, s:{s:s, s:o, s:o}, s:o, s:s, s:I, s:o, s:o}",
	    "id", x->id, "title", x->title,
	    "owner", "kind", step_owner_code(x->owner_kind), "id", api_str(owner_id),
	    "name", api_str(x->owner_kind == OWNER_PERSON ? NULL : x->owner_name),
	    "due_date", api_str(x->due_date), "status", item_status_code(x->status),
	    "version", (json_int_t)x->version, "created_at", api_instant(x->created_us),
	    "updated_at", api_instant(x->updated_us));
}

static json_t *
goal_json(const struct goal *g, const struct step *steps, size_t nsteps)
{
	json_t *o = json_object(), *a = json_array();
	size_t i;

	json_object_set_new(o, "id", json_string(g->id));
	json_object_set_new(o, "domain", json_string(domain_code(g->domain)));
	json_object_set_new(o, "title", api_str(g->title));
	json_object_set_new(o, "why", api_str(g->why));
	json_object_set_new(o, "language", api_str(g->text_lang));
	json_object_set_new(o, "status", json_string(item_status_code(g->status)));
	json_object_set_new(o, "reached_at",
	    g->status == ST_REACHED ? api_instant(g->reached_us) : json_null());
	json_object_set_new(o, "version", json_integer(g->version));
	json_object_set_new(o, "created_at", api_instant(g->created_us));
	json_object_set_new(o, "updated_at", api_instant(g->updated_us));
	json_object_set_new(o, "updated_by", ref(g->updated_by, g->updated_by_name));
	for (i = 0; i < nsteps; i++)
		if (strcmp(steps[i].goal_id, g->id) == 0)
			json_array_append_new(a, step_json(&steps[i]));
	json_object_set_new(o, "steps", a);
	return o;
}

static json_t *
relapse_json(const struct relapse_plan *p)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:o}",
	    "what_helps", api_str(p->what_helps), "people_to_call", api_str(p->people_to_call),
	    "triggers", api_str(p->triggers), "warning_signs", api_str(p->warning_signs),
	    "if_i_lapse", api_str(p->if_i_lapse), "language", api_str(p->text_lang),
	    "version", (json_int_t)p->version, "updated_at", api_instant(p->updated_us));
}

static json_t *
contacts_json(const struct crisis_contact *k, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:o, s:i}",
		    "id", k[i].id, "name", k[i].name, "phone", k[i].phone, "tel",
		    tel(k[i].phone), "note", api_str(k[i].note), "position", k[i].position));
	return a;
}

void
api_plan(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_READ, CAT_PLAN, CAT_BIT(CAT_SUBSTANCE), &d);
	struct plan_view v;
	json_t *doc, *a;
	size_t i;
	int dom;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if (view_plan(req_store(r), &r->arena, gr, PLAN_VIEW_ALL, &v) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	doc = json_object();
	json_object_set_new(doc, "person_id", json_string(id));
	json_object_set_new(doc, "generated_at", api_instant(clock_now_us()));
	a = json_array();
	for (dom = 0; dom < DOM_COUNT; dom++)
		if (view_plan_has_domain(&v, (enum domain)dom))
			json_array_append_new(a, domain_json(&v.doms[dom], v.latest[dom]));
	json_object_set_new(doc, "domains", a);
	a = json_array();
	for (i = 0; i < v.ngoals; i++)
		json_array_append_new(a, goal_json(&v.goals[i], v.steps, v.nsteps));
	json_object_set_new(doc, "goals", a);
	json_object_set_new(doc, "relapse_plan", v.relapse ? relapse_json(&v.rp) : json_null());
	json_object_set_new(doc, "crisis_contacts", contacts_json(v.cs, v.ncs));
	resp_json(r, 200, doc);
}
