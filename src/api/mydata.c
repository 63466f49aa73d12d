/* Stub: to be written. */
#include "api/mydata.h"

#include "http/request.h"
#include "web/errors.h"

void
api_my_data(struct req *r)
{
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}
