/* Stub: to be written. */
#include "web/invite.h"

#include "http/request.h"
#include "web/errors.h"

void
web_invite(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_invite_accept(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
