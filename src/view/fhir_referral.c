/* A person's referrals as FHIR: each referral a ServiceRequest (what is
 * asked of whom, why, by whom) and its fulfilment a Task (where it stands
 * with the receiver), both with the referral's id. The store shows a
 * receiving organisation's staff only the referrals sent to it
 * (grant_referral_scope), and a goal's title only where the grant covers
 * the plan. */
#include "view/fhir.h"

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/utf8.h"
#include "core/referral.h"
#include "store/referrals.h"

static int64_t
updated(const struct referral *x)
{
	return x->status_us > x->created_us ? x->status_us : x->created_us;
}

/* Who is asked: the organisation that answers in rosc, else the service. */
static json_t *
performer(const struct referral *x)
{
	if (x->to_org_id != NULL)
		return fhir_ref("Organization", x->to_org_id, x->to_org_name);
	return fhir_ref("HealthcareService", x->service_id, x->service_name);
}

/* Who asked: the organisation they asked for, else by name (the person,
 * or someone in their network). */
static json_t *
requester(const struct referral *x)
{
	if (x->proposed_by_org != NULL)
		return fhir_ref("Organization", x->proposed_by_org, NULL);
	if (x->proposed_by_name != NULL)
		return json_pack("{s:s}", "display", x->proposed_by_name);
	return NULL;
}

static json_t *
common(const struct referral *x, const char *type)
{
	json_t *o = json_object();

	json_object_set_new(o, "resourceType", json_string(type));
	json_object_set_new(o, "id", json_string(x->id));
	json_object_set_new(o, "meta", fhir_meta(x->version, updated(x)));
	if (x->reason_lang != NULL && *x->reason_lang)
		json_object_set_new(o, "language", json_string(x->reason_lang));
	return o;
}

static json_t *
fhir_service_request(const struct referral *x)
{
	json_t *o = common(x, "ServiceRequest"), *who = requester(x);

	json_object_set_new(o, "status", json_string(ref_fhir_request_status(x->status)));
	json_object_set_new(o, "intent", json_string("order"));
	if (x->service_name != NULL)
		json_object_set_new(o, "code", json_pack("{s:s}", "text", x->service_name));
	json_object_set_new(o, "subject", fhir_ref("Patient", x->person_id, NULL));
	json_object_set_new(o, "authoredOn", fhir_instant(x->created_us));
	if (who != NULL)
		json_object_set_new(o, "requester", who);
	json_object_set_new(o, "performer", json_pack("[o]", performer(x)));
	if (x->reason != NULL && *x->reason)
		json_object_set_new(o, "reasonCode", json_pack("[{s:s}]", "text", x->reason));
	if (x->goal_id != NULL && x->goal_title != NULL)
		json_object_set_new(o, "supportingInfo", json_pack("[o]",
		    fhir_ref("Goal", x->goal_id, x->goal_title)));
	return o;
}

json_t *
fhir_task(const struct referral *x)
{
	json_t *o = common(x, "Task"), *who = requester(x);

	json_object_set_new(o, "status", json_string(ref_fhir_task_status(x->status)));
	json_object_set_new(o, "businessStatus", fhir_concept(FHIR_ROSC ":referral-status",
	    ref_status_code(x->status), NULL));
	json_object_set_new(o, "intent", json_string("order"));
	json_object_set_new(o, "focus", fhir_ref("ServiceRequest", x->id, x->service_name));
	json_object_set_new(o, "for", fhir_ref("Patient", x->person_id, NULL));
	if (x->sent_us > 0)
		json_object_set_new(o, "executionPeriod", json_pack("{s:o}", "start",
		    fhir_instant(x->sent_us)));
	json_object_set_new(o, "authoredOn", fhir_instant(x->created_us));
	json_object_set_new(o, "lastModified", fhir_instant(updated(x)));
	if (who != NULL)
		json_object_set_new(o, "requester", who);
	json_object_set_new(o, "owner", performer(x));
	return o;
}

static int
collect(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out,
    json_t *(*map)(const struct referral *))
{
	struct referral *xs;
	size_t n, i;
	int rc;

	if ((rc = store_referrals(x->s, x->a, g, NULL, &xs, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		fhir_list_add(x->a, out, map(&xs[i]), CAT_PLAN);
	return 0;
}

static int
collect_requests(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	return collect(x, g, out, fhir_service_request);
}

static int
collect_tasks(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	return collect(x, g, out, fhir_task);
}

static int
owner(struct fhir_ctx *x, const char *id, const char **person_id)
{
	return store_referral_person(x->s, x->a, id, person_id);
}

static const struct fhir_param request_params[] = {
	{"status", FP_TOKEN, "status", "draft, active, revoked or completed"},
	{"intent", FP_TOKEN, "intent", "order"},
	{"authored", FP_DATE, "authoredOn", "when it was proposed"},
	{"performer", FP_REFERENCE, "performer",
	    "who is asked (Organization, or HealthcareService)"},
	{"requester", FP_REFERENCE, "requester", "the organisation that proposed it"},
	{NULL, 0, NULL, NULL},
};

static const struct fhir_param task_params[] = {
	{"status", FP_TOKEN, "status", "where the referral stands (Task status)"},
	{"business-status", FP_TOKEN, "businessStatus",
	    "rosc's status of the referral (" FHIR_ROSC ":referral-status)"},
	{"intent", FP_TOKEN, "intent", "order"},
	{"focus", FP_REFERENCE, "focus", "the referral (ServiceRequest)"},
	{"owner", FP_REFERENCE, "owner", "who answers it (Organization, or HealthcareService)"},
	{"authored-on", FP_DATE, "authoredOn", "when it was proposed"},
	{"modified", FP_DATE, "lastModified", "when its status last changed"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_service_request_kind = {
	.type = "ServiceRequest", .access = FA_REFERRALS, .cat = CAT_PLAN,
	.may_hold = CAT_BIT(CAT_SUBSTANCE),
	.collect = collect_requests, .owner = owner, .params = request_params,
	.in_everything = true,
};

const struct fhir_kind fhir_task_kind = {
	.type = "Task", .access = FA_REFERRALS, .cat = CAT_PLAN,
	.collect = collect_tasks, .owner = owner, .params = task_params, .writes = FW_UPDATE,
	.in_everything = true,
};
