#include "http/errors.h"

#include <string.h>

#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "store/store.h"

void
error_respond(struct req *r, unsigned status, enum problem_code code)
{
	error_page_fn page = server_app(r->srv)->error_page;
	const char *text;

	/* A failure because the database went away is an outage, not a bug. */
	if (status == 500 && !store_available(req_store(r))) {
		status = 503;
		code = PROBLEM_UNAVAILABLE;
	}
	if (status == 503)
		resp_header(r, "Retry-After", "5");
	if (req_wants_json(r)) {
		resp_problem(r, status, code, NULL, NULL);
		return;
	}
	r->problem_code = problem_code_name(code);
	if (page != NULL) {
		page(r, status, code);
		return;
	}
	text = problem_title(code);
	resp_bytes(r, status, "text/plain; charset=utf-8", text, strlen(text));
}
