/* Stub: to be written. */
#include "web/person.h"

#include "http/request.h"
#include "web/errors.h"

void
web_person_new(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_person_create(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_person(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_person_edit(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_person_update(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
