#include "test.h"

#include <sodium.h>

#include "base/id.h"

static void
new_ids_are_valid_and_distinct(void **state)
{
	char a[ID_LEN + 1], b[ID_LEN + 1];
	int i;

	for (i = 0; i < 1000; i++) {
		id_new(a);
		id_new(b);
		assert_int_equal(strlen(a), ID_LEN);
		assert_true(id_valid(a, strlen(a)));
		assert_string_not_equal(a, b);
	}
}

static void
shapes(void **state)
{
	assert_true(id_valid("0123456789abcdef0123456789abcdef", 32));
	assert_false(id_valid("0123456789ABCDEF0123456789abcdef", 32));
	assert_false(id_valid("0123456789abcdef0123456789abcde", 31));
	assert_false(id_valid("0123456789abcdef0123456789abcdeg", 32));
	assert_false(id_valid("", 0));
	assert_false(id_valid("../../../etc/passwd/../../../../", 32));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_ids_are_valid_and_distinct),
		cmocka_unit_test(shapes),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
