/* Matching requests to routes. The table itself belongs to the
 * application above http/ (src/app/routes.c), which hands it to the server.
 * Each row says method, path pattern, handler, access and flags. A
 * pattern's "{name}" segment matches one non-empty path segment, handed to
 * the handler as a parameter. tests/unit/test_router.c checks the table is
 * sorted and unique; tests/http checks every route has a row in the access
 * matrix. */
#ifndef ROSC_ROUTER_H
#define ROSC_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

struct req;

#define ROUTE_MAX_PARAMS 4

enum route_flags {
	R_JSON = 1 << 0,    /* answers JSON; errors are problem+json */
	R_LOCAL = 1 << 1,   /* only for direct loopback peers (ops endpoints) */
	R_LAST = R_LOCAL,
};

typedef void (*handler_fn)(struct req *r);

struct route {
	const char *method;
	const char *pattern;
	handler_fn handler;
	unsigned access;    /* enum access (policy/policy.h): who may open it */
	unsigned flags;
};

struct route_match {
	int index;                           /* into routes[], or -1 */
	bool path_known;                     /* some method has this path */
	unsigned path_flags;                 /* the flags of those routes, or'd */
	size_t nparams;
	const char *params[ROUTE_MAX_PARAMS];
	size_t param_len[ROUTE_MAX_PARAMS];
};

/* Finds the route in t (n rows) for method and path (HEAD matches GET).
 * Parameters point into path. Returns the index or -1. */
int router_match(const struct route *t, size_t n, const char *method, const char *path,
    struct route_match *m);

/* Writes into allow the methods of t that path answers to ("GET, HEAD"). */
void router_allow(const struct route *t, size_t n, const char *path, char *allow,
    size_t size);

/* 0 if the table is sorted by (pattern, method) with no duplicates; else
 * the index of the first row out of order. */
int router_check_table(const struct route *t, size_t n);

/* Flag names for `rosc routes`. */
const char *router_flag_name(unsigned flag);

#endif
