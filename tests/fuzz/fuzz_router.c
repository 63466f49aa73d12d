/* The router on arbitrary paths against the real route table (its rows
 * made from src/app/routes.c by routes_table.py, without the handlers):
 * the first byte picks the method. Whatever matches must say so
 * consistently, and a match with valid parameters has each parameter of
 * its kind, inside the path. */
#include "fuzz.h"

#include "http/router.h"

extern const struct route fuzz_routes[];
extern const size_t fuzz_nroutes;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"};
	static int checked;
	struct route_match m;
	char *path, allow[256];
	const char *method;
	size_t i, plen;
	int k;

	if (!checked) {
		FUZZ_ASSERT(router_check_table(fuzz_routes, fuzz_nroutes) == 0);
		FUZZ_ASSERT(router_check_params(fuzz_routes, fuzz_nroutes) == -1);
		checked = 1;
	}
	if (size < 1 || size > 4096)
		return 0;
	method = methods[data[0] % (sizeof(methods) / sizeof(methods[0]))];
	/* libmicrohttpd hands over the path as a C string. */
	path = malloc(size);
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';
	plen = strlen(path);
	memset(&m, 0, sizeof(m));
	k = router_match(fuzz_routes, fuzz_nroutes, method, path, &m);
	FUZZ_ASSERT(k >= -1 && k < (int)fuzz_nroutes);
	if (k >= 0) {
		const struct route *rt = &fuzz_routes[k];

		FUZZ_ASSERT(m.index == k && m.path_known);
		FUZZ_ASSERT(strcmp(rt->method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0));
		FUZZ_ASSERT(m.nparams <= ROUTE_MAX_PARAMS);
		for (i = 0; i < m.nparams; i++) {
			FUZZ_ASSERT(m.params[i] >= path && m.params[i] + m.param_len[i] <= path + plen);
			if (m.params_valid)
				FUZZ_ASSERT(router_param_valid(rt->kinds[i], m.params[i], m.param_len[i]));
		}
	}
	router_allow(fuzz_routes, fuzz_nroutes, path, allow, sizeof(allow));
	FUZZ_ASSERT(strlen(allow) < sizeof(allow));
	/* Each parameter kind on the path's bytes as they are. */
	for (k = P_ID; k <= P_FHIR; k++)
		(void)router_param_valid((enum param_kind)k, path, plen);
	free(path);
	return 0;
}
