/* Stub: to be written. */
#include "web/goals.h"

#include "http/request.h"
#include "web/errors.h"

void
web_goal_new(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_goal_create(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_goal(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_goal_update(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_step_create(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_step_update(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
