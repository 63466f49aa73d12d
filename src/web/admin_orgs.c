/* Stub: to be written. */
#include "web/admin_orgs.h"

#include "http/request.h"
#include "web/errors.h"

void
web_admin_orgs(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_admin_org_create(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_admin_org(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_admin_org_update(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
