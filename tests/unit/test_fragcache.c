#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "base/fragcache.h"

static void
put(const char *key, int64_t pgen, int64_t agen, const char *today, int64_t until,
    const char *html, const char *aux, size_t auxlen)
{
	struct frag f = {html, aux, strlen(html), auxlen};

	fragcache_put(key, pgen, agen, today, until, &f);
}

/* A kept part comes back only while everything it was made at holds. */
static void
holds_while_nothing_changed(void **state)
{
	struct arena a = ARENA_INIT;
	struct frag f;
	const char aux[3] = {1, 0, 7};

	(void)state;
	assert_false(fragcache_get("k1", 1, 1, "2026-12-07", 100, &a, &f));
	put("k1", 1, 1, "2026-12-07", 200, "<td>a</td>\x01<td>b</td>", aux, sizeof(aux));
	assert_true(fragcache_get("k1", 1, 1, "2026-12-07", 100, &a, &f));
	assert_int_equal(f.len, 21);
	assert_memory_equal(f.html, "<td>a</td>\x01<td>b</td>", 21);
	assert_int_equal(f.auxlen, 3);
	assert_memory_equal(f.aux, aux, 3);     /* a zero byte inside survives */
	/* A write (either counter), another day, its end, another key: gone. */
	assert_false(fragcache_get("k1", 2, 1, "2026-12-07", 100, &a, &f));
	assert_false(fragcache_get("k1", 1, 2, "2026-12-07", 100, &a, &f));
	assert_false(fragcache_get("k1", 1, 1, "2026-12-08", 100, &a, &f));
	assert_false(fragcache_get("k1", 1, 1, "2026-12-07", 200, &a, &f));
	assert_false(fragcache_get("k2", 1, 1, "2026-12-07", 100, &a, &f));
	arena_free(&a);
}

/* A newer part under the same key replaces the older. */
static void
newer_replaces(void **state)
{
	struct arena a = ARENA_INIT;
	struct frag f;

	(void)state;
	put("k3", 5, 5, "2026-12-07", 900, "old", "", 0);
	put("k3", 6, 5, "2026-12-07", 900, "new", "x", 1);
	assert_false(fragcache_get("k3", 5, 5, "2026-12-07", 100, &a, &f));
	assert_true(fragcache_get("k3", 6, 5, "2026-12-07", 100, &a, &f));
	assert_string_equal(f.html, "new");
	assert_int_equal(f.auxlen, 1);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(holds_while_nothing_changed),
		cmocka_unit_test(newer_replaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
