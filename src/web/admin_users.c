/* Stub: to be written. */
#include "web/admin_users.h"

#include "http/request.h"
#include "web/errors.h"

void
web_admin_users(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_admin_user_create(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_admin_user(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_admin_user_disable(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_admin_user_enable(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_admin_user_reset(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_admin_user_role(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_admin_user_role_remove(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
