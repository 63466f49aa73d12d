/* Stub: to be written. */
#include "web/plan.h"

#include "http/request.h"
#include "web/errors.h"

void
web_plan(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_plan_comment(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_plan_domain(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_plan_domain_save(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_plan_history(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_plan_ratings(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
