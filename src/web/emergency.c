/* Stub: to be written. */
#include "web/emergency.h"

#include "http/request.h"
#include "web/errors.h"

void
web_person_find(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_emergency(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_emergency_start(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
