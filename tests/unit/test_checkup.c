/* Recovery check-ups: month arithmetic that clamps to the month's end,
 * a quarterly schedule over two years (eight dates, none creeping after
 * a short month, leap years), the conversation at the same local time
 * across daylight-saving changes, statuses and their moves, and the
 * checks on a plan as typed. */
#include "test.h"

#include "base/arena.h"
#include "base/timefmt.h"
#include "core/checkup.h"

#define DAY (INT64_C(86400) * 1000000)

static void
add_months(void **state)
{
	char out[11];

	(void)state;
	assert_true(checkup_add_months("2026-01-31", 1, out));
	assert_string_equal(out, "2026-02-28");
	assert_true(checkup_add_months("2028-01-31", 1, out));   /* a leap year */
	assert_string_equal(out, "2028-02-29");
	assert_true(checkup_add_months("2026-03-31", 1, out));
	assert_string_equal(out, "2026-04-30");
	assert_true(checkup_add_months("2026-11-30", 3, out));   /* across a year */
	assert_string_equal(out, "2027-02-28");
	assert_true(checkup_add_months("2027-12-15", 1, out));
	assert_string_equal(out, "2028-01-15");
	assert_true(checkup_add_months("2028-02-29", 12, out));  /* no 29th next year */
	assert_string_equal(out, "2029-02-28");
	assert_true(checkup_add_months("2028-02-29", 48, out));
	assert_string_equal(out, "2032-02-29");
	assert_true(checkup_add_months("2026-05-10", 0, out));
	assert_string_equal(out, "2026-05-10");
	assert_false(checkup_add_months("2026-02-30", 1, out));
	assert_false(checkup_add_months("nope", 1, out));
	assert_false(checkup_add_months("2026-01-01", -1, out));
}

static void
quarterly_two_years(void **state)
{
	char due[CHECKUP_MAX][11];
	static const char *const want[] = {"2026-08-31", "2026-11-30", "2027-02-28",
		"2027-05-31", "2027-08-31", "2027-11-30", "2028-02-29", "2028-05-31"};
	size_t n, i;

	(void)state;
	/* From the last day of May: each counted from the start, so that
	 * February's end does not pull the later ones back. */
	n = checkup_schedule("2026-05-31", 3, 24, due, CHECKUP_MAX);
	assert_int_equal(n, 8);
	for (i = 0; i < n; i++)
		assert_string_equal(due[i], want[i]);
	/* Every four months for three years: nine. */
	assert_int_equal(checkup_schedule("2026-01-10", 4, 36, due, CHECKUP_MAX), 9);
	assert_string_equal(due[8], "2029-01-10");
	/* Every five months for two years: 5, 10, 15, 20. */
	assert_int_equal(checkup_schedule("2026-01-10", 5, 24, due, CHECKUP_MAX), 4);
	/* Monthly for ten years: 120, the most. */
	assert_int_equal(checkup_schedule("2026-01-10", 1, 120, due, CHECKUP_MAX), 120);
	assert_int_equal(CHECKUP_MAX, 120);
	/* Less than two years, or out of range: none. */
	assert_int_equal(checkup_schedule("2026-01-10", 3, 23, due, CHECKUP_MAX), 0);
	assert_int_equal(checkup_schedule("2026-01-10", 0, 24, due, CHECKUP_MAX), 0);
	assert_int_equal(checkup_schedule("2026-01-10", 13, 24, due, CHECKUP_MAX), 0);
	assert_int_equal(checkup_schedule("2026-01-10", 3, 121, due, CHECKUP_MAX), 0);
	/* At most max. */
	assert_int_equal(checkup_schedule("2026-01-10", 3, 24, due, 3), 3);
}

/* The conversations of a plan started in spring are at 10:00 local in
 * summer and in winter alike: the instant moves by an hour, the clock on
 * the wall does not. */
static void
same_local_time_across_dst(void **state)
{
	char due[CHECKUP_MAX][11], ymd[11], hm[6];
	static const char *const zones[] = {"Europe/Copenhagen", "Europe/Amsterdam"};
	int64_t us;
	size_t n, i, z;

	(void)state;
	n = checkup_schedule("2026-03-15", 3, 24, due, CHECKUP_MAX);
	assert_int_equal(n, 8);
	for (z = 0; z < 2; z++)
		for (i = 0; i < n; i++) {
			assert_int_equal(timefmt_local_to_us(due[i], "10:00", zones[z], 0, &us), 0);
			assert_true(timefmt_local_fields(us, zones[z], ymd, hm));
			assert_string_equal(ymd, due[i]);
			assert_string_equal(hm, "10:00");
		}
	/* 15 June 2026 is summer time (UTC+2): 08:00 UTC; 15 December is
	 * winter time (UTC+1): 09:00 UTC. */
	assert_string_equal(due[0], "2026-06-15");
	assert_int_equal(timefmt_local_to_us(due[0], "10:00", zones[0], 0, &us), 0);
	assert_int_equal(us % DAY, INT64_C(8) * 3600 * 1000000);
	assert_string_equal(due[3], "2027-03-15");
	assert_int_equal(timefmt_local_to_us("2026-12-15", "10:00", zones[1], 0, &us), 0);
	assert_int_equal(us % DAY, INT64_C(9) * 3600 * 1000000);
}

static void
statuses(void **state)
{
	enum checkup_status s;
	int i;

	(void)state;
	for (i = 0; i < CK_COUNT; i++) {
		assert_true(checkup_status_parse(checkup_status_code((enum checkup_status)i), &s));
		assert_int_equal(s, i);
		assert_non_null(checkup_status_label((enum checkup_status)i));
	}
	assert_false(checkup_status_parse("late", &s));
	assert_false(checkup_status_parse(NULL, &s));
	assert_true(checkup_may(CK_DUE, CK_DONE));
	assert_true(checkup_may(CK_DUE, CK_MISSED));
	assert_true(checkup_may(CK_DUE, CK_CANCELLED));
	assert_true(checkup_may(CK_MISSED, CK_DONE));
	assert_true(checkup_may(CK_MISSED, CK_CANCELLED));
	assert_false(checkup_may(CK_MISSED, CK_DUE));
	assert_false(checkup_may(CK_DONE, CK_MISSED));
	assert_false(checkup_may(CK_CANCELLED, CK_DONE));
	assert_false(checkup_may(CK_DUE, CK_DUE));
	/* Missed once the grace period (7 days) has passed, not before. */
	assert_false(checkup_is_missed(0 + 100 * DAY, 107 * DAY - 1));
	assert_true(checkup_is_missed(100 * DAY, 107 * DAY));
}

static size_t
check(struct arena *a, const char *start, const char *every, const char *for_months,
    const char *at, const char **qs, size_t nq, struct checkup_plan_fields *out,
    struct checkup_problem *p)
{
	struct checkup_input in = {start, every, for_months, at, qs, nq};

	return checkup_check_input(a, &in, "2026-05-10", out, p, 8);
}

static void
input(void **state)
{
	struct arena a = ARENA_INIT;
	struct checkup_plan_fields f;
	struct checkup_problem p[8];
	const char *both[] = {"who-5", "barc-10", "who-5"};
	const char *bad[] = {"who-5", "mmpi"};

	(void)state;
	assert_int_equal(check(&a, "2026-05-10", "3", "24", "10:00", both, 3, &f, p), 0);
	assert_string_equal(f.starts_on, "2026-05-10");
	assert_int_equal(f.every, 3);
	assert_int_equal(f.for_months, 24);
	assert_string_equal(f.at_time, "10:00");
	assert_string_equal(f.questionnaires, "who-5 barc-10");
	/* Empty: each field named. */
	assert_int_equal(check(&a, "", "", "", "", NULL, 0, &f, p), 5);
	assert_string_equal(p[0].field, "starts_on");
	assert_string_equal(p[0].code, "required");
	assert_string_equal(p[4].field, "questionnaires");
	/* Wrong type, out of range, invalid UTF-8, an unknown code. */
	assert_int_equal(check(&a, "10/05/2026", "three", "1.5", "25:00", bad, 2, &f, p), 5);
	assert_string_equal(p[0].code, "invalid_format");
	assert_string_equal(p[1].code, "invalid_format");
	assert_string_equal(p[2].code, "invalid_format");
	assert_string_equal(p[3].code, "invalid_format");
	assert_string_equal(p[4].code, "invalid_choice");
	assert_int_equal(check(&a, "2024-01-01", "13", "23", "09:30", both, 1, &f, p), 3);
	assert_string_equal(p[0].code, "out_of_range");
	assert_string_equal(p[1].code, "out_of_range");
	assert_string_equal(p[2].code, "out_of_range");
	assert_int_equal(check(&a, "2026-05-10", "\xff", "99999", "\xc3", both, 1, &f, p), 3);
	assert_string_equal(p[0].code, "invalid_format");
	assert_string_equal(p[1].code, "out_of_range");
	assert_string_equal(p[2].code, "invalid_format");
	/* A start up to 92 days back (treatment that ended lately). */
	assert_int_equal(check(&a, "2026-02-07", "3", "24", "10:00", both, 1, &f, p), 0);
	assert_int_equal(check(&a, "2026-02-06", "3", "24", "10:00", both, 1, &f, p), 1);
	arena_free(&a);
}

static void
later(void **state)
{
	char out[6];

	(void)state;
	assert_true(checkup_time_later("02:30", 60, out));
	assert_string_equal(out, "03:30");
	assert_true(checkup_time_later("23:30", 60, out));
	assert_string_equal(out, "00:30");
	assert_false(checkup_time_later("2:30", 60, out));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_months),
		cmocka_unit_test(quarterly_two_years),
		cmocka_unit_test(same_local_time_across_dst),
		cmocka_unit_test(statuses),
		cmocka_unit_test(input),
		cmocka_unit_test(later),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
