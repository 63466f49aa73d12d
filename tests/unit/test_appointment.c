/* Appointments: the moves each party may make (the whole table, written
 * out here by hand), the checks on what is typed, and local times across
 * the changes of clocks in Copenhagen and Amsterdam. */
#include "test.h"

#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/timefmt.h"
#include "core/appointment.h"

#define B(s) (1u << (s))

static void
every_move(void **state)
{
	/* {party, from, started} -> the moves allowed. */
	static const struct {
		enum appt_party p;
		enum appt_status from;
		bool started;
		unsigned moves;
	} table[] = {
		{AP_PERSON, AS_PLANNED, false, B(AS_CONFIRMED) | B(AS_CANCELLED)},
		{AP_PERSON, AS_CONFIRMED, false, B(AS_CANCELLED)},
		{AP_PERSON, AS_PLANNED, true, 0},
		{AP_PERSON, AS_CONFIRMED, true, 0},
		{AP_PERSON, AS_DONE, true, 0},
		{AP_PERSON, AS_MISSED, true, 0},
		{AP_PERSON, AS_CANCELLED, false, 0},
		{AP_TEAM, AS_PLANNED, false, B(AS_CANCELLED)},
		{AP_TEAM, AS_CONFIRMED, false, B(AS_CANCELLED)},
		{AP_TEAM, AS_PLANNED, true, B(AS_CANCELLED) | B(AS_DONE) | B(AS_MISSED)},
		{AP_TEAM, AS_CONFIRMED, true, B(AS_CANCELLED) | B(AS_DONE) | B(AS_MISSED)},
		{AP_TEAM, AS_DONE, true, B(AS_MISSED)},
		{AP_TEAM, AS_MISSED, true, B(AS_DONE)},
		{AP_TEAM, AS_CANCELLED, false, B(AS_PLANNED)},
		{AP_TEAM, AS_CANCELLED, true, 0},
	};
	size_t i;
	int to;

	(void)state;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		assert_int_equal(appt_moves(table[i].p, table[i].from, table[i].started),
		    table[i].moves);
		for (to = 0; to < AS_COUNT; to++)
			assert_int_equal(appt_may(table[i].p, table[i].from, (enum appt_status)to,
			    table[i].started), (table[i].moves & B(to)) != 0);
	}
	assert_int_equal(appt_moves(AP_COUNT, AS_PLANNED, false), 0);
	assert_int_equal(appt_moves(AP_TEAM, AS_COUNT, true), 0);
}

static void
checking_a_move(void **state)
{
	enum appt_status to;
	const char *code = NULL;

	(void)state;
	assert_null(appt_check_move(AP_PERSON, AS_PLANNED, false, "confirmed", NULL, &to, &code));
	assert_int_equal(to, AS_CONFIRMED);
	assert_string_equal(appt_check_move(AP_PERSON, AS_PLANNED, false, "cancelled", "", &to,
	    &code), "reason");
	assert_string_equal(code, "required");
	assert_string_equal(appt_check_move(AP_PERSON, AS_PLANNED, false, "done", NULL, &to,
	    &code), "status");
	assert_string_equal(code, "illegal_transition");
	assert_string_equal(appt_check_move(AP_TEAM, AS_PLANNED, false, "lunch", NULL, &to,
	    &code), "status");
	assert_string_equal(code, "invalid_choice");
	assert_string_equal(appt_check_move(AP_TEAM, AS_PLANNED, false, NULL, NULL, &to,
	    &code), "status");
	assert_string_equal(code, "required");
}

static int64_t
utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {0};

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return (int64_t)timegm(&tm) * 1000000;
}

static void
local_times_across_the_clocks(void **state)
{
	int64_t us = 0;
	char ymd[11], hm[6];
	int i;

	(void)state;
	/* Winter and summer time in Copenhagen. */
	assert_int_equal(timefmt_local_to_us("2027-01-15", "10:00", "Europe/Copenhagen", 0, &us), 0);
	assert_true(us == utc(2027, 1, 15, 9, 0));
	assert_int_equal(timefmt_local_to_us("2027-07-15", "10:00", "Europe/Copenhagen", 0, &us), 0);
	assert_true(us == utc(2027, 7, 15, 8, 0));
	/* Spring forward, 28 March 2027: 02:00 becomes 03:00. */
	assert_int_equal(timefmt_local_to_us("2027-03-28", "02:30", "Europe/Copenhagen", 0, &us),
	    TIMEFMT_SKIPPED);
	assert_int_equal(timefmt_local_to_us("2027-03-28", "02:30", "Europe/Amsterdam", 0, &us),
	    TIMEFMT_SKIPPED);
	assert_int_equal(timefmt_local_to_us("2027-03-28", "01:59", "Europe/Copenhagen", 0, &us), 0);
	assert_true(us == utc(2027, 3, 28, 0, 59));
	assert_int_equal(timefmt_local_to_us("2027-03-28", "03:00", "Europe/Copenhagen", 0, &us), 0);
	assert_true(us == utc(2027, 3, 28, 1, 0));
	/* Fall back, 31 October 2027: 02:30 happens twice; the first is meant. */
	assert_int_equal(timefmt_local_to_us("2027-10-31", "02:30", "Europe/Copenhagen", 0, &us), 0);
	assert_true(us == utc(2027, 10, 31, 0, 30));
	/* A weekly series keeps 10:00 local across the change. */
	for (i = 0; i < 4; i++) {
		const int64_t want[4] = {utc(2027, 10, 17, 8, 0), utc(2027, 10, 24, 8, 0),
		    utc(2027, 10, 31, 9, 0), utc(2027, 11, 7, 9, 0)};

		assert_int_equal(timefmt_local_to_us("2027-10-17", "10:00", "Europe/Amsterdam",
		    7 * i, &us), 0);
		assert_true(us == want[i]);
		assert_true(timefmt_local_fields(us, "Europe/Copenhagen", ymd, hm));
		assert_string_equal(hm, "10:00");
	}
	/* A week that lands in the gap. */
	assert_int_equal(timefmt_local_to_us("2027-03-21", "02:30", "Europe/Copenhagen", 7, &us),
	    TIMEFMT_SKIPPED);
	/* No such day, time or zone. */
	assert_int_equal(timefmt_local_to_us("2027-02-29", "10:00", "Europe/Copenhagen", 0, &us),
	    TIMEFMT_BAD);
	assert_int_equal(timefmt_local_to_us("2028-02-29", "10:00", "Europe/Copenhagen", 0, &us), 0);
	assert_int_equal(timefmt_local_to_us("2027-04-31", "10:00", "Europe/Copenhagen", 0, &us),
	    TIMEFMT_BAD);
	assert_int_equal(timefmt_local_to_us("2027-04-30", "24:00", "Europe/Copenhagen", 0, &us),
	    TIMEFMT_BAD);
	assert_int_equal(timefmt_local_to_us("2027-04-30", "9:00", "Europe/Copenhagen", 0, &us),
	    TIMEFMT_BAD);
	assert_int_equal(timefmt_local_to_us("2027-04-30", "09:00", "Mars/Olympus", 0, &us),
	    TIMEFMT_BAD);
}

static void
checking_input(void **state)
{
	struct appt_input in = {0};
	struct appointment x = {0};
	struct appt_problem p[12];
	char long_title[APPT_TITLE_MAX + 2];
	int weeks = 0;
	size_t n;

	(void)state;
	in.title = "Samtale";
	in.date = "2027-05-03";
	in.time = "10:00";
	n = appt_check_input(&in, "Europe/Copenhagen", &x, &weeks, p, 12);
	assert_int_equal(n, 0);
	assert_int_equal(x.minutes, 60);
	assert_int_equal(weeks, 1);
	assert_int_equal(x.kind, AK_OTHER);
	assert_null(x.place);
	assert_true(x.starts_us == utc(2027, 5, 3, 8, 0));
	/* Each problem once, at its field. */
	memset(long_title, 'x', sizeof(long_title) - 1);
	long_title[sizeof(long_title) - 1] = '\0';
	in.title = long_title;
	in.kind = "dentist";
	in.minutes = "4";
	in.video_url = "http://meet.example/x";
	in.weeks = "13";
	in.place = "  ";
	n = appt_check_input(&in, "Europe/Copenhagen", &x, &weeks, p, 12);
	assert_int_equal(n, 5);
	assert_string_equal(p[0].field, "title");
	assert_string_equal(p[0].code, "too_long");
	assert_string_equal(p[1].field, "kind");
	assert_string_equal(p[2].field, "minutes");
	assert_string_equal(p[2].code, "out_of_range");
	assert_string_equal(p[3].field, "video_url");
	assert_string_equal(p[3].code, "not_https");
	assert_string_equal(p[4].field, "weeks");
	assert_null(x.place);
	/* A title of blanks is no title; a skipped time and an impossible day. */
	in = (struct appt_input){0};
	in.title = " \t";
	in.date = "2027-03-28";
	in.time = "02:15";
	n = appt_check_input(&in, "Europe/Amsterdam", &x, &weeks, p, 12);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].code, "required");
	assert_string_equal(p[1].field, "time");
	assert_string_equal(p[1].code, "skipped_time");
	in.title = "X";
	in.date = "2027-02-30";
	n = appt_check_input(&in, "Europe/Amsterdam", &x, &weeks, p, 12);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].field, "date");
	assert_string_equal(p[0].code, "invalid_date");
	/* Links: https with a host, nothing a link must not hold. */
	assert_true(appt_video_url_valid("https://video.nordlys.example/rum/peter"));
	assert_false(appt_video_url_valid("https://"));
	assert_false(appt_video_url_valid("https://a b"));
	assert_false(appt_video_url_valid("https://x\"onmouseover=1"));
	assert_false(appt_video_url_valid("javascript:alert(1)"));
}

static void
a_series(void **state)
{
	struct arena a = ARENA_INIT;
	struct appointment x = {0}, *xs;

	(void)state;
	x.person_id = "p";
	x.time_zone = "Europe/Copenhagen";
	assert_int_equal(timefmt_local_to_us("2027-10-24", "19:00", x.time_zone, 0,
	    &x.starts_us), 0);
	assert_int_equal(appt_series(&a, &x, 3, "2027-10-24", "19:00", &xs), 0);
	assert_true(xs[0].starts_us == utc(2027, 10, 24, 17, 0));
	assert_true(xs[1].starts_us == utc(2027, 10, 31, 18, 0));
	assert_true(xs[2].starts_us == utc(2027, 11, 7, 18, 0));
	assert_string_equal(xs[0].series_id, xs[2].series_id);
	assert_string_not_equal(xs[0].id, xs[1].id);
	assert_int_equal(appt_series(&a, &x, 1, "2027-10-24", "19:00", &xs), 0);
	assert_null(xs[0].series_id);
	assert_int_equal(appt_series(&a, &x, 13, "2027-10-24", "19:00", &xs), TIMEFMT_BAD);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_move),
		cmocka_unit_test(checking_a_move),
		cmocka_unit_test(local_times_across_the_clocks),
		cmocka_unit_test(checking_input),
		cmocka_unit_test(a_series),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
