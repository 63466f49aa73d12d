/* What rosc itself reads of a request's address, before any handler: the
 * path's percent-escapes, each query argument's bytes, and the local paths
 * a ?next= may send one to. Pure: no connection, no store (so
 * tests/fuzz/ can drive it alone). */
#ifndef ROSC_URI_H
#define ROSC_URI_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* p if it is a path on this site ("/x": never "//host", "/\\host" or
 * anything with control characters), else "/". For ?next= redirects. */
const char *req_local_path(const char *p);

/* Decodes percent-escapes in s (n bytes) strictly into the arena.
 * Returns NULL if an escape is malformed or decodes to NUL. */
char *req_percent_decode(struct arena *a, const char *s, size_t n, size_t *outlen);

/* A query argument as libmicrohttpd decoded it, with its lengths: false
 * if the name or the value (NULL: none) holds a NUL byte or invalid
 * UTF-8, which makes the request a 400. */
bool uri_arg_ok(const char *key, size_t key_size, const char *value, size_t value_size);

/* The next name=value of a query as it came (what follows the '?'),
 * each decoded strictly, a '+' in the value a space, a value "" without
 * '='; empty pieces ("&&") are passed over. *p moves past it. False at
 * the end; else *name and *value, NULL for one with a bad escape. */
bool uri_query_next(struct arena *a, const char **p, char **name, char **value);

#endif
