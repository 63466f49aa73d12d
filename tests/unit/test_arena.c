#include "test.h"

#include "base/arena.h"

static void
alloc_is_aligned_and_zeroed(void **state)
{
	struct arena a = ARENA_INIT;
	size_t i;

	for (i = 1; i < 2000; i += 7) {
		unsigned char *p = arena_alloc(&a, i);
		size_t k;

		assert_int_equal((uintptr_t)p % 16, 0);
		for (k = 0; k < i; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xAB, i);
	}
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
}

static void
large_allocation_gets_its_own_chunk(void **state)
{
	struct arena a = ARENA_INIT;
	char *small = arena_alloc(&a, 10), *big = arena_alloc(&a, 1 << 20);

	memset(big, 1, 1 << 20);
	strcpy(small, "still here");
	assert_string_equal(small, "still here");
	assert_true(a.total >= (1u << 20));
	arena_free(&a);
}

static void
strings(void **state)
{
	struct arena a = ARENA_INIT;

	assert_string_equal(arena_strdup(&a, "æøå"), "æøå");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_string_equal(arena_printf(&a, "%d-%s", 42, "x"), "42-x");
	arena_free(&a);
	/* usable again after free */
	assert_string_equal(arena_strdup(&a, "again"), "again");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alloc_is_aligned_and_zeroed),
		cmocka_unit_test(large_allocation_gets_its_own_chunk),
		cmocka_unit_test(strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
