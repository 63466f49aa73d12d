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
	return req_json_body(r);
}

void
api_invalid(struct req *r, const char *field, const char *code)
{
	resp_problem(r, 422, PROBLEM_VALIDATION_FAILED, NULL,
	    json_pack("[{s:s, s:s}]", "field", field, "code", code));
}
