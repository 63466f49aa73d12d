/* Stub: to be written. */
#include "web/relapse.h"

#include "http/request.h"
#include "web/errors.h"

void
web_relapse(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_relapse_save(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_crisis_contacts_save(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
