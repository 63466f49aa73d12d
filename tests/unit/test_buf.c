#include "test.h"

#include "base/arena.h"
#include "base/buf.h"

static void
grows_and_stays_terminated(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf b;
	int i;

	buf_init(&b, &a);
	assert_string_equal(b.data, "");
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.data[b.len], '\0');
	assert_memory_equal(b.data, "0,1,2,", 6);
	arena_free(&a);
}

static void
malloc_backed(void **state)
{
	struct buf b;

	buf_init(&b, NULL);
	buf_puts(&b, "hello");
	buf_putc(&b, ' ');
	buf_append(&b, "world!!", 5);
	assert_string_equal(b.data, "hello world");
	buf_reset(&b);
	assert_string_equal(b.data, "");
	buf_printf(&b, "%s", "a long enough string to force growth of the buffer past 256 bytes "
	    "a long enough string to force growth of the buffer past 256 bytes "
	    "a long enough string to force growth of the buffer past 256 bytes "
	    "a long enough string to force growth of the buffer past 256 bytes");
	assert_int_equal(b.len, 4 * 66 - 1);
	buf_free(&b);
	assert_int_equal(b.len, 0);
}

static void
printf_exactly_at_capacity(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf b;
	char big[600];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_init(&b, &a);
	buf_printf(&b, "%.254s", big);   /* fills 255 of 256 bytes */
	buf_printf(&b, "%s", "y");
	buf_printf(&b, "%s", big);
	assert_int_equal(b.len, 254 + 1 + 599);
	assert_int_equal(b.data[254], 'y');
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grows_and_stays_terminated),
		cmocka_unit_test(malloc_backed),
		cmocka_unit_test(printf_exactly_at_capacity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
