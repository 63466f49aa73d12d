/* The HTTP server: libmicrohttpd with its internal epoll thread pool. */
#ifndef ROSC_SERVER_H
#define ROSC_SERVER_H

#include <stdbool.h>

struct config;
struct store;
struct server;

/* Limits for what a client may send. */
#define MAX_BODY (1024 * 1024)
#define MAX_URI 4096

/* Binds the listening socket (before privileges are dropped). Returns the
 * socket and sets *port to the port bound, or returns -1 having logged why. */
int server_bind(const struct config *cfg, unsigned *port);

/* Starts serving on the bound socket fd. Returns NULL (having logged why)
 * on failure. */
struct server *server_start(const struct config *cfg, struct store *store, int fd,
    unsigned port);

/* The port actually bound (useful when asked for port 0). */
unsigned server_port(const struct server *srv);

/* Stops accepting, lets in-flight requests finish (up to timeout_ms), and
 * stops the threads. */
void server_stop(struct server *srv, int timeout_ms);

/* What the server was configured with. */
const struct config *server_config(const struct server *srv);
struct store *server_store(const struct server *srv);

#endif
