/* The requests for company a volunteer bridge builder sees, as JSON,
 * through the same door and access log as their pages
 * (web/accompaniment.c).
 *   GET /api/v1/accompaniment-requests   ?mine=1: only those they said yes to
 * Each request: what the job needs (first name, when, area, kind,
 * language); "details" only for the volunteer who said yes. Anyone who is
 * not a volunteer acting for an organisation gets 404, as for a page that
 * is not there. */
#include "api/accompaniment.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/clock.h"
#include "base/err.h"
#include "core/accompaniment.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/accompaniment.h"

#define MINE_BACK_US (INT64_C(14) * 24 * 3600 * 1000000)

static json_t *
job_json(const struct acc_job *j)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(j->id));
	json_object_set_new(o, "first_name", api_str(j->first_name));
	json_object_set_new(o, "kind", json_string(appt_kind_code(j->kind)));
	json_object_set_new(o, "start", api_instant(j->starts_us));
	json_object_set_new(o, "end", api_instant(j->starts_us + (int64_t)j->minutes * 60000000));
	json_object_set_new(o, "minutes", json_integer(j->minutes));
	json_object_set_new(o, "time_zone", json_string(j->time_zone));
	json_object_set_new(o, "area", json_string(j->area));
	json_object_set_new(o, "language", json_string(j->lang));
	json_object_set_new(o, "status", json_string(acc_status_code(j->status)));
	json_object_set_new(o, "appointment_status", json_string(appt_status_code(j->appt_status)));
	json_object_set_new(o, "mine", json_boolean(j->mine));
	json_object_set_new(o, "version", json_integer(j->version));
	if (j->mine) {
		json_object_set_new(o, "details", json_pack("{s:o, s:o, s:o, s:o, s:b}",
		    "meet_at", api_str(j->meet_at), "place", api_str(j->place), "video_url",
		    api_str(j->video_url), "phone", api_str(j->phone), "time_changed", j->moved));
		json_object_set_new(o, "outcome", j->has_outcome ?
		    json_string(acc_outcome_code(j->outcome)) : json_null());
	}
	return o;
}

void
api_jobs(struct req *r)
{
	const struct list_grant *l = door_jobs(r);
	const char *mine = req_query(r, "mine");
	struct acc_ref *refs;
	struct acc_job j;
	size_t n, i;
	json_t *a;
	int rc;

	if (l == NULL) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (mine != NULL && strcmp(mine, "1") != 0 && strcmp(mine, "0") != 0) {
		api_invalid(r, "mine", "invalid_format");
		return;
	}
	rc = store_job_refs(req_store(r), &r->arena, l, clock_now_us() - MINE_BACK_US,
	    clock_now_us(), mine != NULL && strcmp(mine, "1") == 0, &refs, &n);
	a = json_array();
	for (i = 0; rc == 0 && i < n; i++) {
		const struct grant *g = door_job(r, refs[i].person_id, JOB_LISTED);
		int rc2 = g != NULL ? store_job_get(req_store(r), &r->arena, g, refs[i].id, &j) :
		    ERR_NOT_FOUND;

		/* Their own show the details: a read, not only a list entry. */
		if (rc2 == 0 && j.mine && door_job(r, refs[i].person_id, JOB_OPENED) == NULL)
			rc2 = ERR_NOT_FOUND;
		if (rc2 == 0)
			json_array_append_new(a, job_json(&j));
		else if (rc2 != ERR_NOT_FOUND)
			rc = rc2;
	}
	if (rc != 0) {
		json_decref(a);
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_json(r, 200, json_pack("{s:o}", "requests", a));
}
