/* Error pages: a friendly page in the user's language. The server reaches
 * web_error_page() only through the hook the application installs
 * (server_app.error_page); pages answer errors with error_respond(),
 * declared in http/errors.h, which this header brings along. */
#ifndef ROSC_WEB_ERRORS_H
#define ROSC_WEB_ERRORS_H

#include "http/errors.h"

struct req;

/* Writes the error page for status and code as r's answer (an
 * error_page_fn: called by error_respond(), not by pages). */
void web_error_page(struct req *r, unsigned status, enum problem_code code);

#endif
