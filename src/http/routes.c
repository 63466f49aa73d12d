/* Every route rosc answers, sorted by path pattern, then method.
 * `rosc routes` prints this table; tests/unit/test_router.c checks its
 * order and tests/http/access_matrix.test.mjs checks every row has an
 * expected answer for every kind of visitor. */
#include "http/router.h"

#include "api/health.h"
#include "api/index.h"
#include "api/metrics.h"
#include "web/assets.h"
#include "web/home.h"
#include "web/lang.h"

const struct route routes[] = {
	{"GET", "/",              web_home,     R_PUBLIC},
	{"GET", "/api/v1/",       api_index,    R_PUBLIC | R_JSON},
	{"GET", "/healthz",       api_health,   R_PUBLIC | R_JSON},
	{"GET", "/lang",          web_lang_set, R_PUBLIC},
	{"GET", "/metrics",       api_metrics,  R_PUBLIC | R_LOCAL},
	{"GET", "/robots.txt",    web_robots,   R_PUBLIC},
	{"GET", "/static/{file}", web_static,   R_PUBLIC},
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
