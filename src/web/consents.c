/* Stub: to be written. */
#include "web/consents.h"

#include "http/request.h"
#include "web/errors.h"

void
web_consents(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_consents_update(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
