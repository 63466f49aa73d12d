#include "test.h"

#include "app/routes.h"
#include "http/router.h"

static void
table_is_sorted_and_unique(void **state)
{
	int bad = router_check_table(routes, routes_count);

	if (bad != 0)
		fail_msg("route %d (%s %s) is out of order or a duplicate", bad,
		    routes[bad].method, routes[bad].pattern);
}

static void
check_detects_disorder(void **state)
{
	static const struct route unsorted[] = {
		{"GET", "/b", NULL, 0, 0, {0}}, {"GET", "/a", NULL, 0, 0, {0}},
	};
	static const struct route dup[] = {
		{"GET", "/a", NULL, 0, 0, {0}}, {"GET", "/a", NULL, 0, 0, {0}},
	};
	static const struct route ok[] = {
		{"GET", "/a", NULL, 0, 0, {0}}, {"POST", "/a", NULL, 0, 0, {0}},
		{"GET", "/a/{id}", NULL, 0, 0, {P_ID}},
	};

	assert_int_equal(router_check_table(unsorted, 2), 1);
	assert_int_equal(router_check_table(dup, 2), 1);
	assert_int_equal(router_check_table(ok, 3), 0);
}

static void
every_parameter_has_a_kind(void **state)
{
	int bad = router_check_params(routes, routes_count);

	if (bad != -1)
		fail_msg("route %d (%s %s) does not declare one kind per parameter", bad,
		    routes[bad].method, routes[bad].pattern);
}

static void
check_detects_undeclared_params(void **state)
{
	static const struct route ok[] = {
		{"GET", "/a", NULL, 0, 0, {0}},
		{"GET", "/a/{id}/b/{code}", NULL, 0, 0, {P_ID, P_CODE}},
	};
	static const struct route missing[] = {
		{"GET", "/a", NULL, 0, 0, {0}}, {"GET", "/a/{id}", NULL, 0, 0, {0}},
	};
	static const struct route short_by_one[] = {
		{"GET", "/a/{id}/{goal}", NULL, 0, 0, {P_ID}},
	};
	static const struct route extra[] = {
		{"GET", "/a", NULL, 0, 0, {P_ID}},
	};

	assert_int_equal(router_check_params(ok, 2), -1);
	assert_int_equal(router_check_params(missing, 2), 1);
	assert_int_equal(router_check_params(short_by_one, 1), 0);
	assert_int_equal(router_check_params(extra, 1), 0);
}

static void
parameter_kinds(void **state)
{
#define V(k, s) router_param_valid(k, s, strlen(s))
	assert_true(V(P_ID, "0123456789abcdef0123456789abcdef"));
	assert_false(V(P_ID, "0123456789ABCDEF0123456789abcdef"));  /* upper case */
	assert_false(V(P_ID, "0123456789abcdef0123456789abcde"));   /* 31 */
	assert_false(V(P_ID, "0123456789abcdef0123456789abcdef0")); /* 33 */
	assert_false(V(P_ID, "0123456789abcdef0123456789abcdeg"));
	assert_false(V(P_ID, ""));

	assert_true(V(P_CODE, "substance_use"));
	assert_true(V(P_CODE, "housing"));
	assert_true(V(P_CODE, "a1"));
	assert_false(V(P_CODE, ""));
	assert_false(V(P_CODE, "Housing"));
	assert_false(V(P_CODE, "_housing"));
	assert_false(V(P_CODE, "1housing"));
	assert_false(V(P_CODE, "house-ing"));
	assert_false(V(P_CODE, "abcdefghijklmnopqrstuvwxyzabcdefg"));  /* 33 */
	assert_true(V(P_CODE, "abcdefghijklmnopqrstuvwxyzabcdef"));    /* 32 */

	assert_true(V(P_TOKEN, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
	assert_true(V(P_TOKEN, "aZ09-_aZ09-_aZ09-_aZ09-_aZ09-_aZ09-_aZ09-_a"));
	assert_false(V(P_TOKEN, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));   /* 42 */
	assert_false(V(P_TOKEN, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")); /* 44 */
	assert_false(V(P_TOKEN, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
	assert_false(V(P_TOKEN, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA."));

	assert_true(V(P_FILE, "style.css"));
	assert_true(V(P_FILE, "favicon.svg"));
	assert_false(V(P_FILE, ".hidden"));
	assert_false(V(P_FILE, ".."));
	assert_false(V(P_FILE, "Style.css"));
	assert_false(V(P_FILE, "a b"));
	assert_false(V(P_FILE, ""));

	assert_true(V(P_HSDS, "demo-svc-nordlys-ambulant"));
	assert_true(V(P_HSDS, "0b7e6c3a-1f2d-4c8e-9a7f-5b3c1d2e4f60"));
	assert_true(V(P_HSDS, "A1.b_C-2"));
	assert_true(V(P_HSDS, "12345"));
	assert_false(V(P_HSDS, ""));
	assert_false(V(P_HSDS, ".."));
	assert_false(V(P_HSDS, ".hidden"));
	assert_false(V(P_HSDS, "-x"));
	assert_false(V(P_HSDS, "a b"));
	assert_false(V(P_HSDS, "a%2Fb"));
	assert_false(V(P_HSDS, "a:b"));
	assert_false(V(P_HSDS, "a<b"));
	assert_false(V(P_HSDS, "\xc3\xa6"));                 /* no UTF-8 beyond ASCII */
	{
		char long_id[202];

		memset(long_id, 'a', 201);
		long_id[201] = '\0';
		assert_false(router_param_valid(P_HSDS, long_id, 201));
		assert_true(router_param_valid(P_HSDS, long_id, 200));
	}

	/* A pathway template's code, as core/pathway.c accepts it. */
	assert_true(V(P_SLUG, "dk-alcohol-outpatient"));
	assert_true(V(P_SLUG, "2nd-try"));
	assert_false(V(P_SLUG, ""));
	assert_false(V(P_SLUG, "Dk"));
	assert_false(V(P_SLUG, "a_b"));
	assert_false(V(P_SLUG, ".."));
	assert_false(V(P_SLUG, "a.b"));
	assert_false(V(P_SLUG, "a%2Fb"));
	assert_true(V(P_SLUG, "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"));   /* 60 */
	assert_false(V(P_SLUG, "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijk")); /* 61 */

	assert_false(V(P_NONE, "x"));
	/* the length counts, not a NUL: a parameter points into the path */
	assert_true(router_param_valid(P_CODE, "housing/x", 7));
	assert_false(router_param_valid(P_CODE, "housing/x", 9));
#undef V
}

static void
misshapen_parameters_match_but_are_marked(void **state)
{
	static const struct route t[] = {
		{"GET", "/p/{id}", NULL, 0, 0, {P_ID}},
		{"GET", "/p/{id}/d/{domain}", NULL, 0, 0, {P_ID, P_CODE}},
		{"POST", "/p/{id}/d/{domain}", NULL, 0, 0, {P_ID, P_CODE}},
	};
	const char *id = "0123456789abcdef0123456789abcdef";
	struct route_match m;
	char path[128];

	snprintf(path, sizeof(path), "/p/%s", id);
	assert_int_equal(router_match(t, 3, "GET", path, &m), 0);
	assert_true(m.params_valid);
	assert_int_equal(router_match(t, 3, "GET", "/p/nope", &m), 0);
	assert_false(m.params_valid);
	assert_int_equal(router_match(t, 3, "GET", "/p/0123456789ABCDEF0123456789abcdef", &m), 0);
	assert_false(m.params_valid);

	snprintf(path, sizeof(path), "/p/%s/d/substance_use", id);
	assert_int_equal(router_match(t, 3, "POST", path, &m), 2);
	assert_true(m.params_valid);
	assert_int_equal(m.nparams, 2);
	snprintf(path, sizeof(path), "/p/%s/d/Substance", id);
	assert_int_equal(router_match(t, 3, "GET", path, &m), 1);
	assert_false(m.params_valid);
	/* the second of two parameters is checked too */
	snprintf(path, sizeof(path), "/p/nope/d/housing");
	assert_int_equal(router_match(t, 3, "GET", path, &m), 1);
	assert_false(m.params_valid);
	/* a method the path lacks still finds the path (405, not 404) */
	assert_int_equal(router_match(t, 3, "POST", "/p/nope", &m), -1);
	assert_true(m.path_known);

	/* the real table: a malformed id on a person's page */
	assert_true(router_match(routes, routes_count, "GET", "/persons/x", &m) >= 0);
	assert_false(m.params_valid);
	assert_true(router_match(routes, routes_count, "GET", "/persons/new", &m) >= 0);
	assert_true(m.params_valid);
	assert_int_equal(m.nparams, 0);
	assert_true(router_match(routes, routes_count, "GET", "/static/style.css", &m) >= 0);
	assert_true(m.params_valid);
	assert_true(router_match(routes, routes_count, "GET", "/static/.style.css", &m) >= 0);
	assert_false(m.params_valid);
}

static void
every_pattern_is_well_formed(void **state)
{
	size_t i;

	for (i = 0; i < routes_count; i++) {
		const char *p = routes[i].pattern;

		assert_int_equal(p[0], '/');
		assert_non_null(routes[i].handler);
		assert_true(strcmp(routes[i].method, "GET") == 0 ||
		    strcmp(routes[i].method, "POST") == 0 ||
		    strcmp(routes[i].method, "PUT") == 0 ||
		    strcmp(routes[i].method, "DELETE") == 0);
		assert_null(strstr(p, "//"));
	}
}

static void
matching(void **state)
{
	struct route_match m;
	char allow[64];

	assert_true(router_match(routes, routes_count, "GET", "/", &m) >= 0);
	assert_true(router_match(routes, routes_count, "HEAD", "/", &m) >= 0);
	assert_int_equal(router_match(routes, routes_count, "POST", "/", &m), -1);
	assert_true(m.path_known);
	assert_int_equal(router_match(routes, routes_count, "GET", "/nope", &m), -1);
	assert_false(m.path_known);

	assert_true(router_match(routes, routes_count, "GET", "/static/style.css", &m) >= 0);
	assert_int_equal(m.nparams, 1);
	assert_int_equal(m.param_len[0], 9);
	assert_memory_equal(m.params[0], "style.css", 9);
	/* a parameter is one segment, never empty, never two */
	assert_int_equal(router_match(routes, routes_count, "GET", "/static/", &m), -1);
	assert_int_equal(router_match(routes, routes_count, "GET", "/static/a/b", &m), -1);
	/* exact: no trailing-slash or prefix matches */
	assert_int_equal(router_match(routes, routes_count, "GET", "/healthz/", &m), -1);
	assert_int_equal(router_match(routes, routes_count, "GET", "/healthzz", &m), -1);

	router_allow(routes, routes_count, "/", allow, sizeof(allow));
	assert_string_equal(allow, "GET, HEAD");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_sorted_and_unique),
		cmocka_unit_test(check_detects_disorder),
		cmocka_unit_test(every_parameter_has_a_kind),
		cmocka_unit_test(check_detects_undeclared_params),
		cmocka_unit_test(parameter_kinds),
		cmocka_unit_test(misshapen_parameters_match_but_are_marked),
		cmocka_unit_test(every_pattern_is_well_formed),
		cmocka_unit_test(matching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
