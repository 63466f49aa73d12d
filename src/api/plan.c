/* Stub: to be written. */
#include "api/plan.h"

#include "http/request.h"
#include "web/errors.h"

void
api_plan(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
