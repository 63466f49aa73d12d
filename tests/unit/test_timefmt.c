#include "test.h"

#include "base/arena.h"
#include "base/clock.h"
#include "base/timefmt.h"

static int64_t
at(const char *iso)
{
	int64_t us;

	assert_int_equal(clock_parse_instant(iso, &us), 0);
	return us;
}

static void
viewer_zone_and_language(void **state)
{
	struct arena a = ARENA_INIT;
	/* 09:00 UTC on Tuesday 3 March 2026 is 10:00 in Copenhagen (CET). */
	int64_t t = at("2026-03-03T09:00:00Z");
	const char *en = timefmt_instant(&a, t, "Europe/Copenhagen", LANG_EN, TIMEFMT_DATETIME);
	const char *da = timefmt_instant(&a, t, "Europe/Copenhagen", LANG_DA, TIMEFMT_DATETIME);
	const char *nl = timefmt_instant(&a, t, "Europe/Amsterdam", LANG_NL, TIMEFMT_DATETIME);
	const char *utc = timefmt_instant(&a, t, NULL, LANG_EN, TIMEFMT_TIME);

	assert_non_null(strstr(en, "Tuesday"));
	assert_non_null(strstr(en, "March"));
	assert_non_null(strstr(en, "10:00"));
	assert_non_null(strstr(da, "tirsdag"));
	assert_non_null(strstr(da, "marts"));
	assert_non_null(strstr(da, "10.00"));
	assert_non_null(strstr(nl, "dinsdag"));
	assert_non_null(strstr(nl, "maart"));
	assert_non_null(strstr(nl, "10:00"));
	assert_string_equal(utc, "09:00");
	arena_free(&a);
}

static void
summer_time(void **state)
{
	struct arena a = ARENA_INIT;
	/* In July Copenhagen is UTC+2. */
	const char *s = timefmt_instant(&a, at("2026-07-01T08:30:00Z"),
	    "Europe/Copenhagen", LANG_EN, TIMEFMT_TIME);

	assert_string_equal(s, "10:30");
	arena_free(&a);
}

static void
plain_dates_ignore_zones(void **state)
{
	struct arena a = ARENA_INIT;

	assert_non_null(strstr(timefmt_date(&a, "2026-03-03", LANG_EN), "Tuesday"));
	assert_non_null(strstr(timefmt_date(&a, "2026-12-24", LANG_DA), "torsdag"));
	assert_string_equal(timefmt_date(&a, "2026-02-30", LANG_EN), "2026-02-30");
	arena_free(&a);
}

/* Short dates for tables: no weekday, the month abbreviated, per language,
 * so "mandag den 30. november 2026" does not wrap onto four lines. */
static void
short_dates(void **state)
{
	struct arena a = ARENA_INIT;
	int64_t t = at("2026-11-30T12:00:00Z");
	const char *en = timefmt_instant(&a, t, "Europe/Copenhagen", LANG_EN, TIMEFMT_SHORT_DATE);
	const char *da = timefmt_instant(&a, t, "Europe/Copenhagen", LANG_DA, TIMEFMT_SHORT_DATE);
	const char *nl = timefmt_instant(&a, t, "Europe/Amsterdam", LANG_NL, TIMEFMT_SHORT_DATE);

	assert_string_equal(en, "30 Nov 2026");
	assert_string_equal(da, "30. nov. 2026");
	assert_string_equal(nl, "30 nov 2026");
	assert_null(strstr(da, "mandag"));
	/* The viewer's zone still decides the day: 23:30 UTC is the next day
	 * in Copenhagen. */
	assert_string_equal(timefmt_instant(&a, at("2026-11-30T23:30:00Z"),
	    "Europe/Copenhagen", LANG_EN, TIMEFMT_SHORT_DATE), "1 Dec 2026");
	arena_free(&a);
}

static void
zones(void **state)
{
	assert_true(timefmt_zone_valid("Europe/Copenhagen"));
	assert_true(timefmt_zone_valid("Europe/Amsterdam"));
	assert_true(timefmt_zone_valid("UTC"));
	assert_false(timefmt_zone_valid("Mars/Olympus_Mons"));
	assert_false(timefmt_zone_valid(""));
	assert_false(timefmt_zone_valid(NULL));
}

/* A date of birth: no weekday, in the viewer's language. */
static void
dates_without_weekday(void **state)
{
	struct arena a = ARENA_INIT;

	assert_string_equal(timefmt_date_plain(&a, "1990-01-01", LANG_EN), "1 January 1990");
	assert_null(strstr(timefmt_date_plain(&a, "1990-01-01", LANG_EN), "Monday"));
	assert_string_equal(timefmt_date_plain(&a, "1990-01-01", LANG_DA), "1. januar 1990");
	assert_string_equal(timefmt_date_plain(&a, "1990-01-01", LANG_NL), "1 januari 1990");
	assert_string_equal(timefmt_date_plain(&a, "1990-02-30", LANG_EN), "1990-02-30");
	arena_free(&a);
}

/* A zone in words: its city, in the viewer's language. */
static void
zone_cities(void **state)
{
	struct arena a = ARENA_INIT;

	assert_string_equal(timefmt_zone_city(&a, "Europe/Copenhagen", LANG_EN), "Copenhagen");
	assert_string_equal(timefmt_zone_city(&a, "Europe/Copenhagen", LANG_DA), "København");
	assert_string_equal(timefmt_zone_city(&a, "Europe/Amsterdam", LANG_NL), "Amsterdam");
	assert_string_equal(timefmt_zone_city(&a, "Mars/Olympus_Mons", LANG_EN),
	    "Mars/Olympus_Mons");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(viewer_zone_and_language),
		cmocka_unit_test(summer_time),
		cmocka_unit_test(plain_dates_ignore_zones),
		cmocka_unit_test(short_dates),
		cmocka_unit_test(zones),
		cmocka_unit_test(dates_without_weekday),
		cmocka_unit_test(zone_cities),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
