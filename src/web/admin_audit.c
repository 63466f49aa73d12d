/* Stub: to be written. */
#include "web/admin_audit.h"

#include "http/request.h"
#include "web/errors.h"

void
web_admin_audit(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
