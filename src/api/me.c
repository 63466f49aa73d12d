/* Who am I: the signed-in user (or the API token's owner).
 *   GET /api/v1/me   signed in (session or bearer token) */
#include "api/me.h"

#include <jansson.h>

#include "core/actor.h"
#include "http/request.h"
#include "http/response.h"

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
