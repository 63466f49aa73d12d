/* The raw request address as rosc reads it before any handler
 * (src/http/server.c's prepare()): the path's percent-escapes decoded
 * strictly and checked for UTF-8, each query argument's bytes checked, the
 * FHIR search's own reading of the query (uri_query_next(): name=value&...,
 * '+' a space), and a ?next= kept on this site. libmicrohttpd splits the query for the pages
 * and the API; what it hands over is checked by uri_arg_ok(), fuzzed here
 * on the same pieces. */
#include "fuzz.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "http/server.h"
#include "http/uri.h"

static void
check_decoded(const char *in, size_t n, const char *out, size_t outlen)
{
	/* Never longer, never a NUL, and unchanged without a '%'. */
	FUZZ_ASSERT(outlen <= n);
	FUZZ_ASSERT(strlen(out) == outlen);
	if (memchr(in, '%', n) == NULL)
		FUZZ_ASSERT(outlen == n && memcmp(in, out, n) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	char *uri;
	const char *q, *p, *local;
	size_t plen, outlen;
	char *path;

	if (size > MAX_URI)
		return 0;
	/* libmicrohttpd hands over the address as a C string. */
	uri = arena_strndup(&a, (const char *)data, size);
	size = strlen(uri);
	q = strpbrk(uri, "?#");
	plen = q ? (size_t)(q - uri) : size;
	path = req_percent_decode(&a, uri, plen, &outlen);
	if (path != NULL) {
		check_decoded(uri, plen, path, outlen);
		(void)utf8_valid(path, outlen);
	}
	if (q != NULL && *q == '?') {
		/* Each name=value of the query, as the FHIR search reads them. */
		char *name, *value;
		const char *prev;

		for (p = q + 1, prev = NULL; uri_query_next(&a, &p, &name, &value); prev = p) {
			FUZZ_ASSERT(p != prev);
			if (name != NULL && value != NULL) {
				FUZZ_ASSERT(strchr(value, '+') == NULL);
				(void)uri_arg_ok(name, strlen(name), value, strlen(value));
			}
		}
		FUZZ_ASSERT(*p == '\0');
		/* And the query's bytes as libmicrohttpd may hand them over. */
		(void)uri_arg_ok(q + 1, strlen(q + 1), NULL, 0);
	}
	/* The whole input as a ?next= value: kept only on this site. */
	local = req_local_path(uri);
	FUZZ_ASSERT(local == uri || strcmp(local, "/") == 0);
	if (local == uri)
		FUZZ_ASSERT(uri[0] == '/' && uri[1] != '/' && uri[1] != '\\');
	for (p = local; *p; p++)
		FUZZ_ASSERT((unsigned char)*p >= 0x20 && *p != 0x7f);
	arena_free(&a);
	return 0;
}
