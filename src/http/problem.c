#include "http/problem.h"

#include <string.h>

#include "base/i18n.h"

static const struct {
	const char *code, *type, *title;
} problems[PROBLEM_COUNT] = {
#define P(e, c, t) [e] = {c, "urn:rosc:problem:" c, t}
	P(PROBLEM_BAD_REQUEST, "bad_request", N_("The request could not be understood")),
	P(PROBLEM_INVALID_ENCODING, "invalid_encoding",
	    N_("The request contains text that is not valid UTF-8")),
	P(PROBLEM_NOT_FOUND, "not_found", N_("Not found")),
	P(PROBLEM_METHOD_NOT_ALLOWED, "method_not_allowed",
	    N_("This address does not accept that method")),
	P(PROBLEM_PAYLOAD_TOO_LARGE, "payload_too_large", N_("What was sent is too large")),
	P(PROBLEM_URI_TOO_LONG, "uri_too_long", N_("The address is too long")),
	P(PROBLEM_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
	    N_("This kind of content is not accepted here")),
	P(PROBLEM_VALIDATION_FAILED, "validation_failed", N_("Some fields need another look")),
	P(PROBLEM_REQUIRED, "required", N_("This field is required")),
	P(PROBLEM_TOO_LONG, "too_long", N_("This is too long")),
	P(PROBLEM_INVALID_FORMAT, "invalid_format", N_("This is not in the expected form")),
	P(PROBLEM_UNAUTHORIZED, "unauthorized", N_("Please sign in")),
	P(PROBLEM_FORBIDDEN, "forbidden", N_("You do not have access to this")),
	P(PROBLEM_CSRF_FAILED, "csrf_failed",
	    N_("This form has expired; please go back, reload the page and try again")),
	P(PROBLEM_CONFLICT, "conflict", N_("Someone else changed this in the meantime")),
	P(PROBLEM_RATE_LIMITED, "rate_limited", N_("Too many attempts; please wait a moment")),
	P(PROBLEM_UNAVAILABLE, "unavailable",
	    N_("rosc is not available right now; please try again shortly")),
	P(PROBLEM_INTERNAL, "internal", N_("Something went wrong on our side")),
#undef P
};

const char *
problem_code_name(enum problem_code code)
{
	return problems[(unsigned)code < PROBLEM_COUNT ? code : PROBLEM_INTERNAL].code;
}

const char *
problem_title(enum problem_code code)
{
	return _(problems[(unsigned)code < PROBLEM_COUNT ? code : PROBLEM_INTERNAL].title);
}

const char *
problem_type(enum problem_code code)
{
	return problems[(unsigned)code < PROBLEM_COUNT ? code : PROBLEM_INTERNAL].type;
}

enum problem_code
problem_code_parse(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < PROBLEM_COUNT; i++)
		if (strcmp(problems[i].code, name) == 0)
			return (enum problem_code)i;
	return PROBLEM_BAD_REQUEST;
}
