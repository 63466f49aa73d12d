#include "test.h"

#include "base/utf8.h"

static const struct {
	const char *s;
	size_t n;
	int valid, text;
} table[] = {
	{"", 0, 1, 1},
	{"hello", 5, 1, 1},
	{"æøå ÆØÅ", 13, 1, 1},
	{"line\nbreak\ttab\r", 15, 1, 1},
	{"\xF0\x9F\x98\x80", 4, 1, 1},             /* emoji */
	{"\xF4\x8F\xBF\xBF", 4, 1, 1},             /* U+10FFFF */
	{"\xEF\xBB\xBF", 3, 1, 1},                 /* BOM is valid */
	{"nul\0", 4, 1, 0},
	{"bell\a", 5, 1, 0},
	{"del\x7f", 4, 1, 0},
	{"\x80", 1, 0, 0},                         /* lone continuation */
	{"\xC0\x80", 2, 0, 0},                     /* overlong NUL */
	{"\xC1\xBF", 2, 0, 0},                     /* overlong */
	{"\xE0\x80\xAF", 3, 0, 0},                 /* overlong */
	{"\xF0\x80\x80\xAF", 4, 0, 0},             /* overlong */
	{"\xED\xA0\x80", 3, 0, 0},                 /* surrogate */
	{"\xED\xBF\xBF", 3, 0, 0},                 /* surrogate */
	{"\xF4\x90\x80\x80", 4, 0, 0},             /* past U+10FFFF */
	{"\xF5\x80\x80\x80", 4, 0, 0},
	{"\xFF", 1, 0, 0},
	{"\xC3", 1, 0, 0},                         /* truncated */
	{"\xE2\x82", 2, 0, 0},                     /* truncated */
	{"\xC3\x28", 2, 0, 0},                     /* bad continuation */
};

static void
validation_table(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (utf8_valid(table[i].s, table[i].n) != (bool)table[i].valid)
			fail_msg("utf8_valid wrong for case %zu", i);
		if (utf8_valid_text(table[i].s, table[i].n) != (bool)table[i].text)
			fail_msg("utf8_valid_text wrong for case %zu", i);
	}
}

static void
counting(void **state)
{
	assert_int_equal(utf8_count("æøå", 6), 3);
	assert_int_equal(utf8_count("a\xF0\x9F\x98\x80z", 6), 3);
	assert_int_equal(utf8_count("", 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(validation_table),
		cmocka_unit_test(counting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
