/* Matching requests to routes. The table itself belongs to the
 * application above http/ (src/app/routes.c), which hands it to the server.
 * Each row says method, path pattern, handler, access, flags and the kind
 * of each "{name}" segment. A "{name}" segment matches one non-empty path
 * segment, handed to the handler as a parameter once it has its kind's
 * shape. tests/unit/test_router.c checks the table is sorted and unique;
 * tests/http checks every route has a row in the access matrix. */
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

/* The shape a path parameter must have, checked before the handler runs:
 * a request with a misshapen one is answered 404 like an unknown record. */
enum param_kind {
	P_NONE,     /* no parameter here: a "{name}" without a kind is an error */
	P_ID,       /* a record id: 32 lowercase hex digits (base/id.h) */
	P_CODE,     /* a short code: a-z, 0-9 and "_", starting with a letter */
	P_TOKEN,    /* a secret such as an invitation token (base/secret.h) */
	P_FILE,     /* a file name: a-z, 0-9, "-", "_" and ".", not first */
	P_HSDS,     /* an Open Referral (HSDS) id from another system: 1 to 200 of
	               A-Z, a-z, 0-9, "-", "_" and ".", starting with a letter or
	               digit (a UUID, "demo-svc-x", "12345") */
	P_SLUG,     /* a code that may have hyphens, as a pathway template's: 1 to
	               60 of a-z, 0-9 and "-" ("dk-alcohol-outpatient") */
	P_FHIR,     /* a FHIR resource id: 1 to 64 of A-Z, a-z, 0-9, "-" and "." */
};

typedef void (*handler_fn)(struct req *r);

struct route {
	const char *method;
	const char *pattern;
	handler_fn handler;
	unsigned access;    /* enum access (policy/policy.h): who may open it */
	unsigned flags;
	unsigned char kinds[ROUTE_MAX_PARAMS];   /* enum param_kind of each "{name}" */
};

struct route_match {
	int index;                           /* into the table, or -1 */
	bool path_known;                     /* some method has this path */
	unsigned path_flags;                 /* the flags of those routes, or'd */
	bool params_valid;                   /* every parameter has its kind's shape */
	size_t nparams;
	const char *params[ROUTE_MAX_PARAMS];
	size_t param_len[ROUTE_MAX_PARAMS];
};

/* Finds the route in t (n rows) for method and path (HEAD matches GET).
 * Parameters point into path; m->params_valid says whether they all have
 * their declared kind. Returns the index or -1. */
int router_match(const struct route *t, size_t n, const char *method, const char *path,
    struct route_match *m);

/* Writes into allow the methods of t that path answers to ("GET, HEAD"). */
void router_allow(const struct route *t, size_t n, const char *path, char *allow,
    size_t size);

/* True if the len bytes at s have the shape of kind. */
bool router_param_valid(enum param_kind kind, const char *s, size_t len);

/* 0 if the table is sorted by (pattern, method) with no duplicates; else
 * the index of the first row out of order. */
int router_check_table(const struct route *t, size_t n);

/* -1 if every row of t declares a kind for each "{name}" of its pattern
 * and none beyond; else the index of the first row that does not. */
int router_check_params(const struct route *t, size_t n);

/* Flag names for `rosc routes`. */
const char *router_flag_name(unsigned flag);

/* Kind names for `rosc routes --json` ("id", "code", ...). */
const char *router_param_kind_name(enum param_kind kind);

#endif
