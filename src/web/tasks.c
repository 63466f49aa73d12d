/* Stub: to be written. */
#include "web/tasks.h"

#include "http/request.h"
#include "web/errors.h"

void
web_tasks(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
