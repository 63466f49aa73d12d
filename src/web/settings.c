/* Stub: to be written. */
#include "web/settings.h"

#include "http/request.h"
#include "web/errors.h"

void
web_settings(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_settings_language(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_settings_password(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_token_create(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_token_revoke(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
