/* Stub: to be written. */
#include "web/me.h"

#include "http/request.h"
#include "web/errors.h"

void
web_me(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_me_log(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_me_notes(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
