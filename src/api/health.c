/* Liveness for load balancers and monitoring: the reader connection
 * answers and the writer thread takes work off its queue.
 *   GET /healthz   anyone (says nothing about anybody's data) */
#include "api/health.h"

#include <jansson.h>

#include "config.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"

static void
answer(struct req *r, int writer_rc)
{
	if (writer_rc != 0) {
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, "the database writer is not answering",
		    NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:s, s:s, s:s, s:s}", "status", "ok",
	    "database", "ok", "writer", "ok", "version", ROSC_VERSION));
}

void
api_health(struct req *r)
{
	if (store_ping(req_store(r)) != 0) {
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, "the database is not answering", NULL);
		return;
	}
	/* A no-op through the writer's queue: proves the writer is alive
	 * without writing anything. */
	req_defer_write(r, NULL, NULL, answer);
}
