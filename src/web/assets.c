/* Static assets, compiled in and served with an ETag.
 *   GET /static/{file}   anyone
 *   GET /robots.txt      anyone */
#include "web/assets.h"

#include <stdlib.h>
#include <string.h>

#include "http/request.h"
#include "http/response.h"
#include "web/errors.h"

static int
by_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct embedded *)elem)->name);
}

const struct embedded *
asset_find(const char *name)
{
	/* embed.py sorts the table by name. */
	return bsearch(name, assets, assets_count, sizeof(assets[0]), by_name);
}

void
web_static(struct req *r)
{
	const struct embedded *a = asset_find(req_param(r, 0));

	if (a == NULL || strcmp(a->name, "robots.txt") == 0) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	resp_asset(r, a);
}

void
web_robots(struct req *r)
{
	const struct embedded *a = asset_find("robots.txt");

	if (a == NULL) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	resp_asset(r, a);
}
