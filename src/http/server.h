/* The HTTP server: libmicrohttpd with its internal epoll thread pool. */
#ifndef ROSC_SERVER_H
#define ROSC_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "http/errors.h"

struct config;
struct route;
struct store;
struct server;

/* What the application above http/ hands the server at start-up: its
 * route table (sorted, see http/router.h) and its HTML error page. http/
 * includes nothing from the layers above; they come in through here. */
struct server_app {
	const struct route *routes;
	size_t nroutes;
	error_page_fn error_page;
};

/* Limits for what a client may send. */
#define MAX_BODY (1024 * 1024)
#define MAX_URI 4096

/* Binds the listening socket (before privileges are dropped). Returns the
 * socket and sets *port to the port bound, or returns -1 having logged why. */
int server_bind(const struct config *cfg, unsigned *port);

/* Starts serving app's routes on the bound socket fd. Returns NULL (having
 * logged why) on failure. */
struct server *server_start(const struct config *cfg, struct store *store, int fd,
    unsigned port, const struct server_app *app);

/* The port actually bound (useful when asked for port 0). */
unsigned server_port(const struct server *srv);

/* Stops accepting, lets in-flight requests finish (up to timeout_ms), and
 * stops the threads. */
void server_stop(struct server *srv, int timeout_ms);

/* What the server was configured with. */
const struct config *server_config(const struct server *srv);
struct store *server_store(const struct server *srv);
const struct server_app *server_app(const struct server *srv);

#endif
