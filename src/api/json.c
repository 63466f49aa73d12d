/* Helpers shared by the JSON endpoints (see json.h). */
#include "api/json.h"

#include "base/clock.h"
#include "base/utf8.h"
#include "http/problem.h"
#include "http/request.h"
#include "http/response.h"

json_t *
api_str(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

json_t *
api_instant(int64_t us)
{
	char out[28];

	if (us == 0)
		return json_null();
	clock_format_instant(us, out);
	return json_string(out);
}

json_t *
api_body(struct req *r)
{
	json_error_t err;
	json_t *doc;

	if (r->body.len == 0 || !utf8_valid(r->body.data, r->body.len)) {
		resp_problem(r, 400, r->body.len == 0 ? PROBLEM_BAD_REQUEST :
		    PROBLEM_INVALID_ENCODING, NULL, NULL);
		return NULL;
	}
	doc = json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, &err);
	if (doc == NULL || !json_is_object(doc)) {
		json_decref(doc);
		resp_problem(r, 400, PROBLEM_BAD_REQUEST, NULL, NULL);
		return NULL;
	}
	return doc;
}

void
api_invalid(struct req *r, const char *field, const char *code)
{
	resp_problem(r, 422, PROBLEM_VALIDATION_FAILED, NULL,
	    json_pack("[{s:s, s:s}]", "field", field, "code", code));
}
