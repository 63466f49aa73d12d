/* Peer groups: the next session of a weekly group in its organisation's
 * zone, before, during and after daylight-saving changes (and a start the
 * clocks skip), the sessions held so far, first and last dates, weekdays,
 * and the checks on a group as typed. */
#include "test.h"

#include <string.h>

#include "base/timefmt.h"
#include "core/peer_group.h"

/* The instant of a UTC date and time. */
static int64_t
utc(const char *ymd, const char *hm)
{
	int64_t us = 0;

	assert_int_equal(timefmt_local_to_us(ymd, hm, "UTC", 0, &us), 0);
	return us;
}

static void
next_across_autumn_change(void **state)
{
	/* Tuesdays at 18:00 in Copenhagen, 90 minutes; the clocks go back on
	 * Sunday 25 October 2026. */
	struct group_schedule s = {1, 90, "18:00", "Europe/Copenhagen", "2026-09-01", NULL};
	char ymd[11];
	int64_t start;

	(void)state;
	assert_int_equal(group_next_session(&s, utc("2026-10-20", "10:00"), ymd, &start), 0);
	assert_string_equal(ymd, "2026-10-20");
	assert_true(start == utc("2026-10-20", "16:00"));          /* CEST, UTC+2 */
	/* Still going on: still this one. */
	assert_int_equal(group_next_session(&s, utc("2026-10-20", "17:29"), ymd, &start), 0);
	assert_string_equal(ymd, "2026-10-20");
	/* Over: next week, after the change, at 18:00 local all the same. */
	assert_int_equal(group_next_session(&s, utc("2026-10-20", "17:31"), ymd, &start), 0);
	assert_string_equal(ymd, "2026-10-27");
	assert_true(start == utc("2026-10-27", "17:00"));          /* CET, UTC+1 */
	/* On a Sunday night in the zone, while UTC is still Sunday. */
	assert_int_equal(group_next_session(&s, utc("2026-11-01", "23:30"), ymd, &start), 0);
	assert_string_equal(ymd, "2026-11-03");
}

static void
next_across_spring_change(void **state)
{
	/* Wednesdays at 19:30 in Amsterdam: the clocks go forward on Sunday
	 * 28 March 2027. */
	struct group_schedule s = {2, 75, "19:30", "Europe/Amsterdam", "2027-01-01", NULL};
	/* Sundays at 02:30: on 28 March 2027 that time does not exist. */
	struct group_schedule night = {6, 60, "02:30", "Europe/Copenhagen", "2027-01-01", NULL};
	char ymd[11];
	int64_t start;

	(void)state;
	assert_int_equal(group_next_session(&s, utc("2027-03-25", "12:00"), ymd, &start), 0);
	assert_string_equal(ymd, "2027-03-31");
	assert_true(start == utc("2027-03-31", "17:30"));          /* CEST */
	assert_int_equal(group_next_session(&s, utc("2027-03-22", "12:00"), ymd, &start), 0);
	assert_string_equal(ymd, "2027-03-24");
	assert_true(start == utc("2027-03-24", "18:30"));          /* CET */
	assert_int_equal(group_next_session(&night, utc("2027-03-27", "12:00"), ymd, &start), 0);
	assert_string_equal(ymd, "2027-03-28");
	assert_true(start == utc("2027-03-28", "01:30"));          /* 03:30 CEST: an hour on */
}

static void
first_and_last_dates(void **state)
{
	struct group_schedule s = {1, 90, "18:00", "Europe/Copenhagen", "2026-12-10", "2027-01-12"};
	char ymd[11], past[8][11];
	int64_t start;
	size_t n;

	(void)state;
	/* Not before the first date: the first Tuesday on or after it. */
	assert_int_equal(group_next_session(&s, utc("2026-12-01", "10:00"), ymd, &start), 0);
	assert_string_equal(ymd, "2026-12-15");
	/* The last date is a Tuesday: its session counts. */
	assert_int_equal(group_next_session(&s, utc("2027-01-12", "10:00"), ymd, &start), 0);
	assert_string_equal(ymd, "2027-01-12");
	/* After it, none. */
	assert_int_equal(group_next_session(&s, utc("2027-01-12", "20:00"), ymd, &start), -1);
	/* The sessions held by a day in January: the latest first. */
	n = group_past_sessions(&s, utc("2027-01-06", "12:00"), past, 8);
	assert_int_equal(n, 4);
	assert_string_equal(past[0], "2027-01-05");
	assert_string_equal(past[3], "2026-12-15");
	/* One that has begun counts; one that is to come does not. */
	n = group_past_sessions(&s, utc("2027-01-05", "17:01"), past, 8);
	assert_int_equal(n, 4);
	n = group_past_sessions(&s, utc("2027-01-05", "16:59"), past, 8);
	assert_int_equal(n, 3);
	/* Long after the last date: up to it, and no more than asked. */
	n = group_past_sessions(&s, utc("2027-06-01", "12:00"), past, 2);
	assert_int_equal(n, 2);
	assert_string_equal(past[0], "2027-01-12");
	assert_true(group_is_session(&s, "2026-12-22"));
	assert_false(group_is_session(&s, "2026-12-23"));          /* a Wednesday */
	assert_false(group_is_session(&s, "2026-12-08"));          /* before the first date */
	assert_false(group_is_session(&s, "2027-01-19"));          /* after the last */
	assert_false(group_is_session(&s, "2026-13-01"));
	/* A schedule that is not one. */
	s.time_zone = "Nowhere/Atlantis";
	assert_int_equal(group_next_session(&s, utc("2026-12-01", "10:00"), ymd, &start), -1);
}

static void
weekdays(void **state)
{
	(void)state;
	assert_int_equal(group_weekday_of("1970-01-01"), 3);
	assert_int_equal(group_weekday_of("2026-12-08"), 1);
	assert_int_equal(group_weekday_of("2028-02-29"), 1);
	assert_int_equal(group_weekday_of("2027-02-29"), -1);
	assert_int_equal(group_weekday_of("2026-4-01"), -1);
	assert_true(group_date_valid("2026-04-30"));
	assert_false(group_date_valid("2026-04-31"));
	assert_true(group_time_valid("23:59"));
	assert_false(group_time_valid("24:00"));
	assert_false(group_time_valid("9:30"));
	assert_string_equal(group_weekday_name(1), "Tuesday");
	assert_string_equal(group_language_name("ar"), "Arabic");
	assert_null(group_language_name("xx"));
}

static struct group_input
good(void)
{
	return (struct group_input){"Tirsdagsgruppen", "Kaffe og\nsnak.", "da", "", "1", "18:00",
	    "90", "2026-09-01", "", "Østerbrogade 105", "", "1"};
}

/* The code of the only problem with in, at field. */
static void
only(struct group_input in, const char *field, const char *code)
{
	struct group_problem p[GROUP_MAX_PROBLEMS];
	size_t n = group_check(&in, p);

	assert_int_equal(n, 1);
	assert_string_equal(p[0].field, field);
	assert_string_equal(p[0].code, code);
}

static void
input(void **state)
{
	struct group_problem p[GROUP_MAX_PROBLEMS];
	struct group_input in = good();
	char long_name[GROUP_NAME_MAX + 2];

	(void)state;
	assert_int_equal(group_check(&in, p), 0);
	in.language2 = "ar";
	in.place = "";
	in.video_url = "https://meet.example.org/x";
	assert_int_equal(group_check(&in, p), 0);
	in = good(); in.name = ""; only(in, "name", "required");
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	in = good(); in.name = long_name; only(in, "name", "too_long");
	in = good(); in.name = "Gruppe\xff"; only(in, "name", "invalid_format");
	in = good(); in.name = "To\nlinjer"; only(in, "name", "invalid_format");
	in = good(); in.language = "xx"; only(in, "language", "invalid_choice");
	in = good(); in.language2 = "da"; only(in, "language2", "invalid_choice");
	in = good(); in.weekday = "7"; only(in, "weekday", "invalid_choice");
	in = good(); in.at_time = "18.00"; only(in, "at_time", "invalid_time");
	in = good(); in.minutes = "abc"; only(in, "minutes", "out_of_range");
	in = good(); in.minutes = "5"; only(in, "minutes", "out_of_range");
	in = good(); in.minutes = "481"; only(in, "minutes", "out_of_range");
	in = good(); in.starts_on = "2026-02-30"; only(in, "starts_on", "invalid_date");
	in = good(); in.ends_on = "2026-08-31"; only(in, "ends_on", "before_start");
	in = good(); in.video_url = "http://meet.example.org/x"; only(in, "video_url", "not_https");
	in = good(); in.place = ""; only(in, "place", "place_or_video");
	in = good(); in.is_open = "yes"; only(in, "is_open", "invalid_choice");
	/* Many at once: one per field. */
	in = (struct group_input){"", "", "", "", "", "", "", "", "", "", "", ""};
	assert_true(group_check(&in, p) >= 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(next_across_autumn_change),
		cmocka_unit_test(next_across_spring_change),
		cmocka_unit_test(first_and_last_dates),
		cmocka_unit_test(weekdays),
		cmocka_unit_test(input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
