/* Programme outcome reports as JSON, with the pages' rules (web/reports.c).
 *   GET /api/v1/reports/{name}?org=&from=&to=&pathway=&service=
 *       name: outcomes, engagement, checkups, recovery-capital, wellbeing,
 *       follow-up, referrals or reintegration; org: the acting
 *       organisation's id (the default); from, to: YYYY-MM (default: the
 *       twelve months up to this one). The figures as view/outcome.h's
 *       oc_json() writes them: a hidden figure has value null.
 * Errors are problem+json: 403 forbidden for anyone but the
 * organisation's admins and coordinators acting for it (another
 * organisation's id included); 404 for an unknown report; 422 with the
 * field and a stable code ("invalid_format", "out_of_range", "too_long"). */
#include "api/reports.h"

#include <jansson.h>
#include <string.h>

#include "api/json.h"
#include "base/arena.h"
#include "base/clock.h"
#include "core/actor.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "policy/policy.h"
#include "view/outcome.h"

void
api_report(struct req *r)
{
	const char *org = req_query(r, "org"), *field, *code, *tz;
	struct oc_report_out o;
	enum oc_report rep;
	struct oc_query q;
	struct oc_scope sc;

	if (!oc_report_parse(req_param(r, 0), &rep)) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (org == NULL || *org == '\0')
		org = r->actor != NULL ? r->actor->org_id : NULL;
	if (!policy_may_read_reports(r->actor, org)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	q.from = req_query(r, "from");
	q.to = req_query(r, "to");
	q.service = req_query(r, "service");
	q.pathway = req_query(r, "pathway");
	tz = r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
	if ((field = oc_query_scope(&r->arena, &q, org, tz, clock_now_us(), &sc, &code)) != NULL) {
		api_invalid(r, field, code);
		return;
	}
	if (oc_compute(req_store(r), &r->arena, &sc, rep, &o) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_json(r, 200, oc_json(&r->arena, rep, &sc, &o));
}
