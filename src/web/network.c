/* Stub: to be written. */
#include "web/network.h"

#include "http/request.h"
#include "web/errors.h"

void
web_network(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_network_add(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
web_network_end(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
