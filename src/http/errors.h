/* Error answers. problem+json for API clients is written here; the HTML
 * page for people is the application's (server_app.error_page), so http/
 * needs nothing from the layers above it. */
#ifndef ROSC_HTTP_ERRORS_H
#define ROSC_HTTP_ERRORS_H

#include "http/problem.h"

struct req;

/* Writes the HTML error page for status and code into r's answer. The
 * status is final: error_respond() has already turned an outage's 500
 * into 503 and set Retry-After. */
typedef void (*error_page_fn)(struct req *r, unsigned status, enum problem_code code);

/* Answers r with status: HTML or problem+json as the client prefers. */
void error_respond(struct req *r, unsigned status, enum problem_code code);

#endif
