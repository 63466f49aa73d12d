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

/* --- a Goal written by a client ------------------------------------------- */

static bool
lifecycle_parse(const char *s, enum item_status *out)
{
	static const struct { const char *code; enum item_status st; } map[] = {
		{"planned", ST_NOT_STARTED}, {"proposed", ST_NOT_STARTED},
		{"accepted", ST_NOT_STARTED}, {"active", ST_IN_PROGRESS},
		{"completed", ST_REACHED}, {"cancelled", ST_LET_GO},
	};
	size_t i;

	for (i = 0; s != NULL && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].code, s) == 0) {
			*out = map[i].st;
			return true;
		}
	return false;
}

/* A text member: present (if required), valid text, within max
 * characters. NULL and *code if not. */
static const char *
text_of(json_t *v, bool required, size_t max, const char **code)
{
	const char *s = json_string_value(v);
	size_t n;

	if (v == NULL) {
		*code = required ? "required" : NULL;
		return NULL;
	}
	if (s == NULL) {
		*code = "invalid_format";
		return NULL;
	}
	n = json_string_length(v);
	if (!utf8_valid_text(s, n))
		*code = "invalid_format";
	else if (required && strspn(s, " \t\r\n") == n)
		*code = "required";
	else if (utf8_count(s, n) > max)
		*code = "too_long";
	else
		return s;
	return NULL;
}

int
fhir_goal_read(json_t *res, struct goal *g, struct fhir_fault *f)
{
	static const char *const known[] = {
		"resourceType", "id", "meta", "language", "text", "lifecycleStatus",
		"achievementStatus", "category", "description", "subject", "statusDate", "note",
	};
	const char *key, *s, *code = NULL;
	json_t *v, *coding, *c;
	size_t i, j;
	bool found = false;

	json_object_foreach(res, key, v) {
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strcmp(key, known[i]) == 0)
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			return fhir_fault(f, key, "unknown_element");
	}
	s = json_string_value(json_object_get(res, "lifecycleStatus"));
	if (s == NULL)
		return fhir_fault(f, "lifecycleStatus", "required");
	if (!lifecycle_parse(s, &g->status))
		return fhir_fault(f, "lifecycleStatus", "invalid_choice");
	/* The life domain: a coding of rosc's code system in some category. */
	json_array_foreach(json_object_get(res, "category"), i, c) {
		coding = json_object_get(c, "coding");
		json_array_foreach(coding, j, v) {
			const char *sys = json_string_value(json_object_get(v, "system"));

			if (sys == NULL || strcmp(sys, FHIR_ROSC ":life-domain") != 0)
				continue;
			if (!domain_parse(json_string_value(json_object_get(v, "code")), &g->domain))
				return fhir_fault(f, "category", "invalid_choice");
			found = true;
		}
	}
	if (!found)
		return fhir_fault(f, "category", "required");
	g->title = text_of(json_object_get(json_object_get(res, "description"), "text"), true,
	    GOAL_TITLE_MAX, &code);
	if (g->title == NULL)
		return fhir_fault(f, "description.text", code);
	g->why = NULL;
	v = json_object_get(res, "note");
	if (v != NULL && (!json_is_array(v) || json_array_size(v) > 1))
		return fhir_fault(f, "note", "invalid_format");
	if (json_array_size(v) == 1) {
		g->why = text_of(json_object_get(json_array_get(v, 0), "text"), true,
		    PLAN_TEXT_MAX, &code);
		if (g->why == NULL)
			return fhir_fault(f, "note.text", code);
	}
	v = json_object_get(res, "language");
	g->text_lang = json_string_value(v);
	if (v != NULL && (g->text_lang == NULL || (strcmp(g->text_lang, "en") != 0 &&
	    strcmp(g->text_lang, "nl") != 0 && strcmp(g->text_lang, "da") != 0)))
		return fhir_fault(f, "language", "invalid_choice");
	s = json_string_value(json_object_get(json_object_get(res, "subject"), "reference"));
	if (s == NULL)
		return fhir_fault(f, "subject", "required");
	if (strncmp(s, "Patient/", 8) != 0 || !id_valid(s + 8, strlen(s + 8)))
		return fhir_fault(f, "subject", "invalid_format");
	g->person_id = s + 8;
	return 0;
}

/* --- a CarePlan written by a client --------------------------------------- */

static bool
activity_status_parse(const char *s, enum item_status *out)
{
	static const struct { const char *code; enum item_status st; } map[] = {
		{"not-started", ST_NOT_STARTED}, {"scheduled", ST_NOT_STARTED},
		{"in-progress", ST_IN_PROGRESS}, {"completed", ST_REACHED},
		{"cancelled", ST_LET_GO}, {"stopped", ST_LET_GO},
	};
	size_t i;

	for (i = 0; s != NULL && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].code, s) == 0) {
			*out = map[i].st;
			return true;
		}
	return false;
}

/* Whether every member of o is among the n names. */
static const char *
unknown_member(json_t *o, const char *const *names, size_t n)
{
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach(o, key, v) {
		for (i = 0; i < n; i++)
			if (strcmp(key, names[i]) == 0)
				break;
		if (i == n)
			return key;
	}
	return NULL;
}

static int
read_activity(struct arena *a, json_t *act, size_t k, struct fhir_activity *out,
    struct fhir_fault *f)
{
	static const char *const act_known[] = {"id", "detail"};
	static const char *const detail_known[] = {
		"status", "description", "goal", "scheduledPeriod", "performer",
	};
	const char *at = arena_printf(a, "activity[%zu]", k), *bad, *code = NULL, *ref;
	json_t *d = json_object_get(act, "detail"), *v;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(act) || !json_is_object(d))
		return fhir_fault(f, arena_printf(a, "%s.detail", at), "required");
	if ((bad = unknown_member(act, act_known, 2)) != NULL)
		return fhir_fault(f, arena_printf(a, "%s.%s", at, bad), "unknown_element");
	if ((bad = unknown_member(d, detail_known, 5)) != NULL)
		return fhir_fault(f, arena_printf(a, "%s.detail.%s", at, bad), "unknown_element");
	v = json_object_get(act, "id");
	if (v != NULL && (!json_is_string(v) ||
	    !id_valid(json_string_value(v), json_string_length(v))))
		return fhir_fault(f, arena_printf(a, "%s.id", at), "invalid_format");
	out->id = json_string_value(v);
	if (!activity_status_parse(json_string_value(json_object_get(d, "status")),
	    &out->status))
		return fhir_fault(f, arena_printf(a, "%s.detail.status", at),
		    json_object_get(d, "status") ? "invalid_choice" : "required");
	out->title = text_of(json_object_get(d, "description"), true, STEP_TITLE_MAX, &code);
	if (out->title == NULL)
		return fhir_fault(f, arena_printf(a, "%s.detail.description", at), code);
	v = json_object_get(d, "goal");
	ref = json_string_value(json_object_get(json_array_get(v, 0), "reference"));
	if (v != NULL && (json_array_size(v) != 1 || ref == NULL || strncmp(ref, "Goal/", 5) != 0 ||
	    !id_valid(ref + 5, strlen(ref + 5))))
		return fhir_fault(f, arena_printf(a, "%s.detail.goal", at), "invalid_format");
	out->goal_id = ref ? ref + 5 : NULL;
	v = json_object_get(d, "scheduledPeriod");
	if (v != NULL) {
		const char *end = json_string_value(json_object_get(v, "end"));

		if (json_object_size(v) != 1 || end == NULL || !clock_valid_date(end))
			return fhir_fault(f, arena_printf(a, "%s.detail.scheduledPeriod", at),
			    "invalid_format");
		out->due_date = end;
	}
	v = json_object_get(d, "performer");
	if (v != NULL) {
		ref = json_string_value(json_object_get(json_array_get(v, 0), "reference"));
		if (json_array_size(v) != 1 || ref == NULL)
			return fhir_fault(f, arena_printf(a, "%s.detail.performer", at),
			    "invalid_format");
		out->performer = ref;
	}
	out->at = at;
	return 0;
}

int
fhir_careplan_read(json_t *res, struct arena *a, struct fhir_activity **out, size_t *n,
    struct fhir_fault *f)
{
	static const char *const known[] = {
		"resourceType", "id", "meta", "language", "text", "status", "intent",
		"category", "title", "subject", "goal", "activity",
	};
	const char *bad, *s;
	json_t *acts = json_object_get(res, "activity"), *v;
	size_t i;
	int rc;

	if ((bad = unknown_member(res, known, sizeof(known) / sizeof(known[0]))) != NULL)
		return fhir_fault(f, bad, "unknown_element");
	/* What rosc decides itself must stay as it is. */
	s = json_string_value(json_object_get(res, "status"));
	if (s == NULL || strcmp(s, "active") != 0)
		return fhir_fault(f, "status", s ? "invalid_choice" : "required");
	s = json_string_value(json_object_get(res, "intent"));
	if (s == NULL || strcmp(s, "plan") != 0)
		return fhir_fault(f, "intent", s ? "invalid_choice" : "required");
	s = json_string_value(json_object_get(json_object_get(res, "subject"), "reference"));
	if (s == NULL)
		return fhir_fault(f, "subject", "required");
	if (acts != NULL && !json_is_array(acts))
		return fhir_fault(f, "activity", "invalid_format");
	*n = json_array_size(acts);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof(**out));
	json_array_foreach(acts, i, v)
		if ((rc = read_activity(a, v, i, &(*out)[i], f)) != 0)
			return rc;
	return 0;
}
