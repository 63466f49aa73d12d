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
		{"GET", "/b", NULL, 0, 0}, {"GET", "/a", NULL, 0, 0},
	};
	static const struct route dup[] = {
		{"GET", "/a", NULL, 0, 0}, {"GET", "/a", NULL, 0, 0},
	};
	static const struct route ok[] = {
		{"GET", "/a", NULL, 0, 0}, {"POST", "/a", NULL, 0, 0}, {"GET", "/a/{id}", NULL, 0, 0},
	};

	assert_int_equal(router_check_table(unsorted, 2), 1);
	assert_int_equal(router_check_table(dup, 2), 1);
	assert_int_equal(router_check_table(ok, 3), 0);
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
		cmocka_unit_test(every_pattern_is_well_formed),
		cmocka_unit_test(matching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
