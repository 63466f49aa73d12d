/* Error answers: a friendly page in the user's language, or problem+json
 * for API clients. */
#ifndef ROSC_WEB_ERRORS_H
#define ROSC_WEB_ERRORS_H

#include "http/problem.h"

struct req;

/* Answers r with status: HTML or problem+json as the client prefers. */
void error_respond(struct req *r, unsigned status, enum problem_code code);

#endif
