/* The recovery plan as a FHIR CarePlan (one per person: its id is the
 * person's) whose activities are the goals' steps, and each goal as a
 * Goal in its life domain. Substance-use goals and their steps are left
 * out by the store unless the grant covers substance-use details. */
#include "view/fhir.h"

#include <string.h>

#include "access/grant.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "base/utf8.h"
#include "core/plan.h"
#include "store/fhir.h"
#include "store/plan.h"

static const char *
lifecycle(enum item_status s)
{
	switch (s) {
	case ST_NOT_STARTED: return "planned";
	case ST_IN_PROGRESS: return "active";
	case ST_REACHED:     return "completed";
	default:             return "cancelled";
	}
}

static const char *
activity_status(enum item_status s)
{
	switch (s) {
	case ST_NOT_STARTED: return "not-started";
	case ST_IN_PROGRESS: return "in-progress";
	case ST_REACHED:     return "completed";
	default:             return "cancelled";
	}
}

json_t *
fhir_goal(const struct goal *g)
{
	json_t *o = json_object();
	char date[11];

	json_object_set_new(o, "resourceType", json_string("Goal"));
	json_object_set_new(o, "id", json_string(g->id));
	json_object_set_new(o, "meta", fhir_meta(g->version, g->updated_us));
	if (g->text_lang != NULL && *g->text_lang)
		json_object_set_new(o, "language", json_string(g->text_lang));
	json_object_set_new(o, "lifecycleStatus", json_string(lifecycle(g->status)));
	if (g->status == ST_REACHED || g->status == ST_IN_PROGRESS)
		json_object_set_new(o, "achievementStatus", fhir_concept(
		    "http://terminology.hl7.org/CodeSystem/goal-achievement",
		    g->status == ST_REACHED ? "achieved" : "in-progress", NULL));
	json_object_set_new(o, "category", json_pack("[o]",
	    fhir_concept(FHIR_ROSC ":life-domain", domain_code(g->domain), NULL)));
	json_object_set_new(o, "description", json_pack("{s:s}", "text", g->title));
	json_object_set_new(o, "subject", fhir_ref("Patient", g->person_id, NULL));
	if (g->status == ST_REACHED && g->reached_us > 0) {
		clock_day_date((int32_t)(g->reached_us / (86400LL * 1000000)), date);
		json_object_set_new(o, "statusDate", json_string(date));
	}
	if (g->why != NULL && *g->why)
		json_object_set_new(o, "note", json_pack("[{s:s}]", "text", g->why));
	return o;
}

static json_t *
activity(const struct step *x)
{
	json_t *d = json_object(), *a;

	json_object_set_new(d, "status", json_string(activity_status(x->status)));
	json_object_set_new(d, "description", json_string(x->title));
	json_object_set_new(d, "goal", json_pack("[o]", fhir_ref("Goal", x->goal_id, NULL)));
	if (x->due_date != NULL && *x->due_date)
		json_object_set_new(d, "scheduledPeriod", json_pack("{s:s}", "end", x->due_date));
	if (x->owner_kind == OWNER_ORGANISATION && x->owner_org_id != NULL)
		json_object_set_new(d, "performer", json_pack("[o]",
		    fhir_ref("Organization", x->owner_org_id, x->owner_name)));
	else if (x->owner_kind == OWNER_PERSON)
		json_object_set_new(d, "performer", json_pack("[o]",
		    fhir_ref("Patient", x->person_id, NULL)));
	/* The element's id is the step's, so that a client's update names
	 * the step it changes. */
	a = json_pack("{s:s, s:o}", "id", x->id, "detail", d);
	return a;
}

static int
collect_goals(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	struct goal *gs;
	size_t n, i;
	int rc;

	if ((rc = store_goals(x->s, x->a, g, &gs, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		fhir_list_add(x->a, out, fhir_goal(&gs[i]), domain_category(gs[i].domain));
	return 0;
}

static int
collect_plan(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	json_t *o, *goals = json_array(), *acts = json_array();
	struct goal *gs;
	struct step *st;
	size_t ng, ns, i;
	int64_t last = 0, version = 0;
	int rc;

	if ((rc = store_goals(x->s, x->a, g, &gs, &ng)) != 0 ||
	    (rc = store_steps(x->s, x->a, g, &st, &ns)) != 0) {
		json_decref(goals);
		json_decref(acts);
		return rc;
	}
	for (i = 0; i < ng; i++) {
		json_array_append_new(goals, fhir_ref("Goal", gs[i].id, gs[i].title));
		version += gs[i].version;
		if (gs[i].updated_us > last)
			last = gs[i].updated_us;
	}
	for (i = 0; i < ns; i++) {
		json_array_append_new(acts, activity(&st[i]));
		version += st[i].version;
		if (st[i].updated_us > last)
			last = st[i].updated_us;
	}
	o = json_object();
	json_object_set_new(o, "resourceType", json_string("CarePlan"));
	json_object_set_new(o, "id", json_string(grant_person(g)));
	/* Every change to a goal or a step counts one of their versions up,
	 * and nothing is ever taken away: their sum versions the whole. */
	json_object_set_new(o, "meta", fhir_meta(version > 0 ? version : 1, last));
	json_object_set_new(o, "status", json_string("active"));
	json_object_set_new(o, "intent", json_string("plan"));
	json_object_set_new(o, "category", json_pack("[o]",
	    fhir_concept(FHIR_ROSC ":care-plan", "recovery-plan", "Recovery plan")));
	json_object_set_new(o, "title", json_string("Recovery plan"));
	json_object_set_new(o, "subject", fhir_ref("Patient", grant_person(g), NULL));
	if (json_array_size(goals) > 0)
		json_object_set_new(o, "goal", goals);
	else
		json_decref(goals);
	if (json_array_size(acts) > 0)
		json_object_set_new(o, "activity", acts);
	else
		json_decref(acts);
	if (last == 0)
		json_object_del(json_object_get(o, "meta"), "lastUpdated");
	fhir_list_add(x->a, out, o, CAT_PLAN);
	return 0;
}

static int
goal_owner(struct fhir_ctx *x, const char *id, const char **person_id)
{
	return store_goal_person(x->s, x->a, id, person_id);
}

static int
plan_owner(struct fhir_ctx *x, const char *id, const char **person_id)
{
	*person_id = id;
	return 0;
}

static const struct fhir_param goal_params[] = {
	{"lifecycle-status", FP_TOKEN, "lifecycleStatus", "planned, active, completed or cancelled"},
	{"achievement-status", FP_TOKEN, "achievementStatus", "in-progress or achieved"},
	{"category", FP_TOKEN, "category", "the life domain (" FHIR_ROSC ":life-domain)"},
	{NULL, 0, NULL, NULL},
};

static const struct fhir_param plan_params[] = {
	{"status", FP_TOKEN, "status", "active"},
	{"category", FP_TOKEN, "category", "recovery-plan (" FHIR_ROSC ":care-plan)"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_goal_kind = {
	.type = "Goal", .access = FA_PERSON, .cat = CAT_PLAN, .may_hold = CAT_BIT(CAT_SUBSTANCE),
	.collect = collect_goals, .owner = goal_owner, .params = goal_params,
	.writes = FW_CREATE | FW_UPDATE, .in_everything = true,
};

const struct fhir_kind fhir_careplan_kind = {
	.type = "CarePlan", .access = FA_PERSON, .cat = CAT_PLAN,
	.may_hold = CAT_BIT(CAT_SUBSTANCE),
	.collect = collect_plan, .owner = plan_owner, .params = plan_params,
	.writes = FW_UPDATE, .in_everything = true,
};
