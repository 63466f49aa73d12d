#include "test.h"
#include "tmpdir.h"

#include "base/clock.h"
#include "base/err.h"

static void
parse_and_format(void **state)
{
	int64_t us;
	char out[28];

	assert_int_equal(clock_parse_instant("1970-01-01T00:00:00Z", &us), 0);
	assert_int_equal(us, 0);
	assert_int_equal(clock_parse_instant("2026-03-03T10:00:00.5Z", &us), 0);
	clock_format_instant(us, out);
	assert_string_equal(out, "2026-03-03T10:00:00.500000Z");
	assert_int_equal(clock_parse_instant("2024-02-29T23:59:59.123456Z", &us), 0);
	clock_format_instant(us, out);
	assert_string_equal(out, "2024-02-29T23:59:59.123456Z");
	clock_format_instant(-1, out);
	assert_string_equal(out, "1969-12-31T23:59:59.999999Z");
}

/* <time datetime>: whole seconds, never six digits of a fraction, which
 * HTML does not allow (at most three). */
static void
datetime_attribute(void **state)
{
	int64_t us;
	char out[21];

	assert_int_equal(clock_parse_instant("2026-11-23T08:02:50.302798Z", &us), 0);
	clock_format_datetime(us, out);
	assert_string_equal(out, "2026-11-23T08:02:50Z");
	assert_int_equal(clock_parse_instant("2026-11-23T08:02:50.999999Z", &us), 0);
	clock_format_datetime(us, out);
	assert_string_equal(out, "2026-11-23T08:02:50Z");       /* down, not up */
	clock_format_datetime(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	clock_format_datetime(-1, out);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	assert_int_equal(clock_parse_instant(out, &us), 0);      /* it reads back */
	assert_int_equal(us, -1000000);
}

static void
rejects_bad_instants(void **state)
{
	static const char *bad[] = {
		"", "2026-03-03", "2026-03-03T10:00:00", "2026-03-03T10:00:00+01:00",
		"2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-03-03T24:00:00Z",
		"2026-03-03T10:60:00Z", "2026-03-03 10:00:00Z", "2026-03-03T10:00:00.Z",
		"2026-03-03T10:00:00ZZ", "abcd-03-03T10:00:00Z",
	};
	size_t i;
	int64_t us;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (clock_parse_instant(bad[i], &us) != ERR_INVALID)
			fail_msg("accepted \"%s\"", bad[i]);
}

static void
dates(void **state)
{
	assert_true(clock_valid_date("2024-02-29"));
	assert_false(clock_valid_date("2023-02-29"));
	assert_false(clock_valid_date("2023-04-31"));
	assert_false(clock_valid_date("2023-4-30"));
	assert_false(clock_valid_date("2023-04-30x"));
	assert_true(clock_valid_date("2000-02-29"));
	assert_false(clock_valid_date("1900-02-29"));
}

static void
test_clock_is_settable(void **state)
{
	char path[128];
	FILE *f;
	int64_t want;

	setenv("ROSC_TEST_NOW", "2030-01-02T03:04:05Z", 1);
	clock_parse_instant("2030-01-02T03:04:05Z", &want);
	assert_int_equal(clock_now_us(), want);

	/* file: is read on every call, so a test can move time. */
	snprintf(path, sizeof(path), "%s/now", tmpdir);
	f = fopen(path, "w");
	fputs("2031-05-06T07:08:09Z\n", f);
	fclose(f);
	setenv("ROSC_TEST_NOW", "file:", 1);
	{
		char v[160];

		snprintf(v, sizeof(v), "file:%s", path);
		setenv("ROSC_TEST_NOW", v, 1);
	}
	clock_parse_instant("2031-05-06T07:08:09Z", &want);
	assert_int_equal(clock_now_us(), want);
	f = fopen(path, "w");
	fputs("2031-05-06T08:08:09Z\n", f);
	fclose(f);
	assert_int_equal(clock_now_us(), want + 3600 * US_PER_SEC);

	unsetenv("ROSC_TEST_NOW");
	assert_true(clock_now_us() > want - 10 * 365 * 86400 * US_PER_SEC);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_and_format),
		cmocka_unit_test(datetime_attribute),
		cmocka_unit_test(rejects_bad_instants),
		cmocka_unit_test(dates),
		cmocka_unit_test(test_clock_is_settable),
	};
	make_tmpdir();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
