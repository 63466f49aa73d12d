/* The application above http/: the route table (routes.c) and what the
 * server needs from it. The only place that includes web/ and api/ to
 * wire them to http/; src/main.c and src/cmd/ use it. */
#ifndef ROSC_APP_ROUTES_H
#define ROSC_APP_ROUTES_H

#include <stddef.h>

#include "http/router.h"
#include "http/server.h"

/* Every route, sorted by (pattern, method). */
extern const struct route routes[];
extern const size_t routes_count;

/* The routes and the HTML error page, for server_start(). */
extern const struct server_app app_server;

#endif
