/* Stub: to be written. */
#include "web/notes.h"

#include "http/request.h"
#include "web/errors.h"

void
web_notes(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_note_create(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
