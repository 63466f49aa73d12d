/* The API's front door: what this server is and where things are.
 *   GET /api/v1/   anyone */
#include "api/index.h"

#include <jansson.h>

#include "config.h"
#include "http/request.h"
#include "http/response.h"

void
api_index(struct req *r)
{
	resp_json(r, 200, json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}}",
	    "name", "rosc", "version", ROSC_VERSION, "api", "v1",
	    "links", "health", "/healthz", "services", "/api/v1/services",
	    "referrals", "/api/v1/persons/{id}/referrals",
	    "referral_status", "/api/v1/referrals/{id}/status"));
}
