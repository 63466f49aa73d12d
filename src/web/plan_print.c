/* Stub: to be written. */
#include "web/plan_print.h"

#include "http/request.h"
#include "web/errors.h"

void
web_plan_print(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
