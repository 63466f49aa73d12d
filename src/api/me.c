/* Who am I: the signed-in user (or the API token's owner).
 *   GET /api/v1/me             signed in (session or bearer token)
 *   GET /api/v1/me/log/check   signed in: how far the background check found
 *                              the access log as rosc wrote it (one chain for
 *                              everyone: it says nothing about any person) */
#include "api/me.h"

#include <jansson.h>

#include "api/json.h"
#include "core/actor.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/access_chain.h"

void
api_me(struct req *r)
{
	const struct actor *a = r->actor;
	json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s?}",
	    "id", a->user.id, "username", a->user.username,
	    "display_name", a->user.display_name,
	    "kind", user_kind_code(a->user.kind), "sysadmin", a->user.sysadmin,
	    "lang", a->user.lang);

	if (a->org_id != NULL)
		json_object_set_new(doc, "organisation", json_pack("{s:s, s:s, s:s}",
		    "id", a->org_id, "name", a->org_name, "role", role_code(a->role)));
	else
		json_object_set_new(doc, "organisation", json_null());
	resp_json(r, 200, doc);
}

void
api_me_log_check(struct req *r)
{
	struct access_check c;

	if (store_access_chain_status(req_store(r), &r->arena, &c) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	/* intact: null until a check ran. */
	resp_json(r, 200, json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "checked_at", api_instant(c.checked_us),
	    "verified_up_to", api_instant(c.problem ? 0 : c.verified_at_us),
	    "intact", c.checked_us == 0 ? json_null() : json_boolean(c.problem == NULL),
	    "first_broken_link", c.problem ? json_integer(c.first_bad) : json_null(),
	    "problem", api_str(c.problem)));
}
