/* The recovery plan's steps written through FHIR, as a CarePlan update,
 * by the same rules as the plan's pages: whoever may co-write the plan,
 * steps of a goal about alcohol and drugs only with those details shared.
 *   PUT /fhir/R4/CarePlan/{id}   (id: the person's) with If-Match:
 *       W/"N" (or meta.versionId), N the CarePlan's version as read: each
 *       activity names its step by id (a new one has none and names its
 *       goal); a changed description, status or due date changes that
 *       step, as the step's form does. Every step stays (let one go with
 *       status cancelled); who a step is for is changed on the plan's
 *       page. All of it is written at once, or nothing. */
#include "fhir/careplan.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "core/actor.h"
#include "core/plan.h"
#include "fhir/write.h"
#include "http/problem.h"
#include "http/request.h"
#include "http/response.h"
#include "store/plan.h"
#include "view/fhir.h"

struct plan_write {
	const struct grant *gr;
	struct step *steps;          /* to write: changed ones, then new ones */
	int64_t *from;               /* each changed one's version; 0 for a new one */
	size_t n;
	struct plan_author by;
};

static void
refuse(struct req *r, unsigned status)
{
	resp_problem(r, status, status == 503 ? PROBLEM_UNAVAILABLE : PROBLEM_NOT_FOUND, NULL,
	    NULL);
}

static void
fault(struct req *r, const char *element, const char *code)
{
	struct fhir_fault f = {element, code};

	fhir_refuse_fault(r, "CarePlan", &f);
}

/* The reference a step's performer is written as (view/fhir_plan.c). */
static const char *
performer_of(struct arena *a, const struct step *s)
{
	if (s->owner_kind == OWNER_ORGANISATION && s->owner_org_id != NULL)
		return arena_printf(a, "Organization/%s", s->owner_org_id);
	if (s->owner_kind == OWNER_PERSON)
		return arena_printf(a, "Patient/%s", s->person_id);
	return NULL;
}

static int
write_plan(struct store_tx *tx, void *arg)
{
	struct plan_write *c = arg;
	size_t i;
	int rc;

	for (i = 0; i < c->n; i++) {
		rc = c->from[i] > 0 ?
		    store_tx_step_update(tx, c->gr, &c->steps[i], c->from[i], &c->by) :
		    store_tx_step_insert(tx, c->gr, &c->steps[i], &c->by);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static void
send_plan(struct req *r, const struct grant *gr, unsigned status)
{
	struct fhir_ctx x = {req_store(r), &r->arena, today_utc(r), clock_now_us()};
	struct fhir_list l = {0};

	if (fhir_careplan_kind.collect(&x, gr, &l) != 0 || l.n != 1) {
		fhir_list_free(&l);
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
		return;
	}
	json_incref(l.v[0].json);
	fhir_send(r, status, l.v[0].json);
	fhir_list_free(&l);
}

static void
after_plan(struct req *r, int rc)
{
	struct plan_write *c = r->write_arg;

	if (rc == ERR_CONFLICT) {
		resp_problem(r, 412, PROBLEM_CONFLICT, _("Someone changed the plan since the "
		    "version you changed: read it again, then change that."), NULL);
		return;
	}
	if (rc != 0) {
		refuse(r, 503);
		return;
	}
	send_plan(r, c->gr, 200);
}

void
fhir_careplan_update(struct req *r)
{
	const char *pid = req_param(r, 0), *subject;
	struct plan_write *c = arena_alloc(&r->arena, sizeof(*c));
	struct fhir_activity *acts;
	struct fhir_fault f;
	struct decision d;
	struct goal *gs;
	struct step *st;
	size_t nacts, ng, ns, i, j;
	int64_t from, version = 0, now = clock_now_us();
	bool substance = false;
	json_t *res;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((res = fhir_body(r, "CarePlan", pid)) == NULL)
		return;
	if ((from = fhir_from_version(r, res)) <= 0 ||
	    fhir_careplan_read(res, &r->arena, &acts, &nacts, &f) != 0) {
		if (from > 0)
			fhir_refuse_fault(r, "CarePlan", &f);
		json_decref(res);
		return;
	}
	/* What it points into lives as long as the request. */
	subject = json_string_value(json_object_get(json_object_get(res, "subject"),
	    "reference"));
	subject = arena_strdup(&r->arena, subject);
	for (i = 0; i < nacts; i++) {
		acts[i].id = acts[i].id ? arena_strdup(&r->arena, acts[i].id) : NULL;
		acts[i].goal_id = acts[i].goal_id ? arena_strdup(&r->arena, acts[i].goal_id) : NULL;
		acts[i].title = arena_strdup(&r->arena, acts[i].title);
		acts[i].due_date = acts[i].due_date ? arena_strdup(&r->arena, acts[i].due_date) : NULL;
		acts[i].performer = acts[i].performer ?
		    arena_strdup(&r->arena, acts[i].performer) : NULL;
	}
	json_decref(res);

	c->gr = door_open_lazy(r, pid, PA_EDIT_PLAN, CAT_PLAN, CAT_BIT(CAT_SUBSTANCE), &d);
	if (c->gr == NULL) {
		refuse(r, d.status == 503 ? 503 : 404);
		return;
	}
	if (strncmp(subject, "Patient/", 8) != 0 || strcmp(subject + 8, pid) != 0) {
		fault(r, "subject", "invalid_choice");    /* a plan stays with its person */
		return;
	}
	if ((rc = store_goals(req_store(r), &r->arena, c->gr, &gs, &ng)) != 0 ||
	    (rc = store_steps(req_store(r), &r->arena, c->gr, &st, &ns)) != 0) {
		refuse(r, 503);
		return;
	}
	for (i = 0; i < ng; i++)
		version += gs[i].version;
	for (i = 0; i < ns; i++)
		version += st[i].version;
	if ((version > 0 ? version : 1) != from) {
		resp_problem(r, 412, PROBLEM_CONFLICT, _("Someone changed the plan since the "
		    "version you changed: read it again, then change that."), NULL);
		return;
	}
	/* Every step stays. */
	for (i = 0; i < ns; i++) {
		for (j = 0; j < nacts; j++)
			if (acts[j].id != NULL && strcmp(acts[j].id, st[i].id) == 0)
				break;
		if (j == nacts) {
			fault(r, "activity", "required");
			return;
		}
	}
	c->steps = arena_alloc(&r->arena, (nacts ? nacts : 1) * sizeof(*c->steps));
	c->from = arena_alloc(&r->arena, (nacts ? nacts : 1) * sizeof(*c->from));
	for (j = 0; j < nacts; j++) {
		const struct fhir_activity *a = &acts[j];
		const struct goal *g = NULL;
		struct step *w = &c->steps[c->n];

		if (a->id != NULL) {
			for (i = 0; i < ns && strcmp(st[i].id, a->id) != 0; i++)
				;
			if (i == ns) {
				fault(r, arena_printf(&r->arena, "%s.id", a->at), "invalid_choice");
				return;
			}
			if (a->goal_id != NULL && strcmp(a->goal_id, st[i].goal_id) != 0) {
				fault(r, arena_printf(&r->arena, "%s.detail.goal", a->at),
				    "invalid_choice");
				return;
			}
			if (a->performer != NULL && (performer_of(&r->arena, &st[i]) == NULL ||
			    strcmp(a->performer, performer_of(&r->arena, &st[i])) != 0)) {
				fault(r, arena_printf(&r->arena, "%s.detail.performer", a->at),
				    "invalid_choice");
				return;
			}
			if (strcmp(a->title, st[i].title) == 0 && a->status == st[i].status &&
			    ((a->due_date == NULL && st[i].due_date == NULL) ||
			    (a->due_date != NULL && st[i].due_date != NULL &&
			    strcmp(a->due_date, st[i].due_date) == 0)))
				continue;          /* unchanged */
			*w = st[i];
			c->from[c->n] = st[i].version;
		} else {
			for (i = 0; a->goal_id != NULL && i < ng && strcmp(gs[i].id, a->goal_id) != 0; i++)
				;
			if (a->goal_id == NULL || i == ng) {
				fault(r, arena_printf(&r->arena, "%s.detail.goal", a->at),
				    a->goal_id ? "invalid_choice" : "required");
				return;
			}
			if (a->performer != NULL && (strncmp(a->performer, "Patient/", 8) != 0 ||
			    strcmp(a->performer + 8, pid) != 0)) {
				fault(r, arena_printf(&r->arena, "%s.detail.performer", a->at),
				    "invalid_choice");
				return;
			}
			memset(w, 0, sizeof(*w));
			w->id = arena_alloc(&r->arena, ID_LEN + 1);
			id_new((char *)w->id);
			w->person_id = pid;
			w->goal_id = gs[i].id;
			w->owner_kind = OWNER_PERSON;
			w->created_us = now;
			w->created_by = r->actor->user.id;
			c->from[c->n] = 0;
			g = &gs[i];
		}
		w->title = a->title;
		w->status = a->status;
		w->due_date = a->due_date;
		w->updated_us = now;
		w->updated_by = r->actor->user.id;
		for (i = 0; g == NULL && i < ng; i++)
			if (strcmp(gs[i].id, w->goal_id) == 0)
				g = &gs[i];
		if (g != NULL && domain_category(g->domain) == CAT_SUBSTANCE)
			substance = true;
		c->n++;
	}
	if (c->n == 0) {
		send_plan(r, c->gr, 200);
		return;
	}
	if (substance)
		door_shown(r, c->gr, CAT_SUBSTANCE);
	c->by.user_id = r->actor->user.id;
	c->by.org_id = r->actor->org_id;
	c->by.now = now;
	req_defer_write(r, write_plan, c, after_plan);
}
