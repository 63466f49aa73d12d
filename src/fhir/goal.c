/* Goals written through FHIR, by the same rules as the plan's pages
 * (web/goals.c): whoever may co-write the plan, a substance-use goal only
 * with substance-use details shared, every change a version, a stale one
 * refused.
 *   POST /fhir/R4/Goal        a new goal: 201 with Location and ETag
 *   PUT  /fhir/R4/Goal/{id}   a change, with If-Match: W/"N" (or
 *        meta.versionId): 200; 412 when someone saved since */
#include "fhir/goal.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/i18n.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "core/actor.h"
#include "core/plan.h"
#include "fhir/write.h"
#include "http/problem.h"
#include "http/request.h"
#include "http/response.h"
#include "store/fhir.h"
#include "store/plan.h"
#include "view/fhir.h"

struct goal_write {
	const struct grant *gr;
	struct goal g;
	struct plan_author by;
	int64_t from_version;
};

static void
refuse(struct req *r, unsigned status)
{
	if (status == 503)
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
	else if (status == 403)
		resp_problem(r, 403, PROBLEM_FORBIDDEN, NULL, NULL);
	else
		resp_problem(r, 404, PROBLEM_NOT_FOUND, NULL, NULL);
}

/* Reads the body into c->g, copying what it keeps into the arena. */
static bool
read_goal(struct req *r, const char *id, struct goal_write *c, int64_t *from)
{
	struct fhir_fault f;
	json_t *res = fhir_body(r, "Goal", id);

	if (res == NULL)
		return false;
	if (from != NULL && (*from = fhir_from_version(r, res)) <= 0) {
		json_decref(res);
		return false;
	}
	if (fhir_goal_read(res, &c->g, &f) != 0) {
		fhir_refuse_fault(r, "Goal", &f);
		json_decref(res);
		return false;
	}
	c->g.title = arena_strdup(&r->arena, c->g.title);
	c->g.why = c->g.why ? arena_strdup(&r->arena, c->g.why) : NULL;
	c->g.text_lang = arena_strdup(&r->arena, c->g.text_lang ? c->g.text_lang :
	    lang_code(r->lang));
	c->g.person_id = arena_strdup(&r->arena, c->g.person_id);
	json_decref(res);
	return true;
}

static void
author(struct req *r, struct goal_write *c)
{
	int64_t now = clock_now_us();

	c->by.user_id = r->actor->user.id;
	c->by.org_id = r->actor->org_id;
	c->by.now = now;
	c->g.updated_us = now;
	c->g.updated_by = r->actor->user.id;
	if (c->g.status == ST_REACHED)
		c->g.reached_us = now;
}

/* Answers with the goal as stored now. */
static void
send_stored(struct req *r, struct goal_write *c, unsigned status)
{
	struct goal now;

	if (store_goal_get(req_store(r), &r->arena, c->gr, c->g.id, &now) != 0) {
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
		return;
	}
	fhir_send(r, status, fhir_goal(&now));
}

static int
write_insert(struct store_tx *tx, void *arg)
{
	struct goal_write *c = arg;

	return store_tx_goal_insert(tx, c->gr, &c->g, &c->by);
}

static void
after_insert(struct req *r, int rc)
{
	if (rc != 0) {
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
		return;
	}
	send_stored(r, r->write_arg, 201);
}

void
fhir_goal_create(struct req *r)
{
	struct goal_write *c = arena_alloc(&r->arena, sizeof(*c));
	struct decision d;
	char *gid;

	memset(c, 0, sizeof(*c));
	if (!read_goal(r, NULL, c, NULL))
		return;
	c->gr = door_open(r, c->g.person_id, PA_EDIT_PLAN, domain_category(c->g.domain), 0, &d);
	if (c->gr == NULL) {
		refuse(r, d.status);
		return;
	}
	gid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(gid);
	c->g.id = gid;
	author(r, c);
	c->g.created_us = c->g.updated_us;
	c->g.created_by = c->g.updated_by;
	req_defer_write(r, write_insert, c, after_insert);
}

static int
write_update(struct store_tx *tx, void *arg)
{
	struct goal_write *c = arg;

	return store_tx_goal_update(tx, c->gr, &c->g, c->from_version, &c->by);
}

static void
after_update(struct req *r, int rc)
{
	if (rc == ERR_CONFLICT) {
		resp_problem(r, 412, PROBLEM_CONFLICT, _("Someone saved this goal since the "
		    "version you changed: read it again, then change that."), NULL);
		return;
	}
	if (rc != 0) {
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
		return;
	}
	send_stored(r, r->write_arg, 200);
}

void
fhir_goal_update(struct req *r)
{
	struct goal_write *c = arena_alloc(&r->arena, sizeof(*c));
	const char *id = req_param(r, 0), *owner;
	struct fhir_fault f = {"subject", "invalid_choice"};
	struct decision d;
	struct goal old;
	unsigned also;
	int rc;

	memset(c, 0, sizeof(*c));
	if (!read_goal(r, id, c, &c->from_version))
		return;
	rc = store_goal_person(req_store(r), &r->arena, id, &owner);
	if (rc != 0) {
		refuse(r, rc == ERR_NOT_FOUND ? 404 : 503);
		return;
	}
	/* A goal about alcohol and drugs, before or after, needs that shared. */
	also = domain_category(c->g.domain) == CAT_SUBSTANCE ? CAT_BIT(CAT_SUBSTANCE) : 0;
	c->gr = door_open(r, owner, PA_EDIT_PLAN, CAT_PLAN, also, &d);
	if (c->gr == NULL) {
		refuse(r, d.status == 403 ? 404 : d.status);
		return;
	}
	rc = store_goal_get(req_store(r), &r->arena, c->gr, id, &old);
	if (rc == STORE_WITHHELD || rc == ERR_NOT_FOUND || (also && !grant_covers(c->gr,
	    CAT_SUBSTANCE))) {
		refuse(r, 404);
		return;
	}
	if (rc != 0) {
		refuse(r, 503);
		return;
	}
	if (strcmp(c->g.person_id, owner) != 0) {
		/* A goal stays with its person. */
		fhir_refuse_fault(r, "Goal", &f);
		return;
	}
	c->g.id = old.id;
	author(r, c);
	if (c->g.status != ST_REACHED)
		c->g.reached_us = 0;
	else if (old.status == ST_REACHED)
		c->g.reached_us = old.reached_us;
	req_defer_write(r, write_update, c, after_update);
}
