/* Stable error codes for problem+json (and later FHIR OperationOutcome).
 * One enum, listed in docs/INTERFACES.md; a code never changes meaning. */
#ifndef ROSC_PROBLEM_H
#define ROSC_PROBLEM_H

enum problem_code {
	PROBLEM_BAD_REQUEST,
	PROBLEM_INVALID_ENCODING,    /* invalid UTF-8 or a NUL byte */
	PROBLEM_NOT_FOUND,
	PROBLEM_METHOD_NOT_ALLOWED,
	PROBLEM_PAYLOAD_TOO_LARGE,
	PROBLEM_URI_TOO_LONG,
	PROBLEM_UNSUPPORTED_MEDIA_TYPE,
	PROBLEM_VALIDATION_FAILED,   /* see errors[] */
	PROBLEM_REQUIRED,            /* field codes from here on */
	PROBLEM_TOO_LONG,
	PROBLEM_INVALID_FORMAT,
	PROBLEM_UNAUTHORIZED,
	PROBLEM_FORBIDDEN,
	PROBLEM_CSRF_FAILED,         /* a form's CSRF token was missing or wrong */
	PROBLEM_CONFLICT,
	PROBLEM_RATE_LIMITED,
	PROBLEM_UNAVAILABLE,
	PROBLEM_INTERNAL,
	PROBLEM_COUNT
};

/* The code system of the stable codes in a FHIR OperationOutcome. */
#define PROBLEM_SYSTEM "urn:rosc:problem"

/* The code named name, or PROBLEM_BAD_REQUEST for NULL or an unknown one. */
enum problem_code problem_code_parse(const char *name);
/* "not_found" and so on: the stable code. */
const char *problem_code_name(enum problem_code code);
/* A short title in the request thread's language. */
const char *problem_title(enum problem_code code);
/* The problem type URI: "urn:rosc:problem:CODE". */
const char *problem_type(enum problem_code code);

#endif
