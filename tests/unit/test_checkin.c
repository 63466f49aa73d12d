/* Check-ins: the checks on each field, streaks by rhythm, good weeks, and
 * when a reminder is due (once per due period), with words that say
 * nothing sensitive. */
#include "test.h"

#include <string.h>

#include "base/i18n.h"
#include "core/checkin.h"

static void
scales(void **state)
{
	int v;

	(void)state;
	assert_null(checkin_check_scale("3", 1, 5, &v));
	assert_int_equal(v, 3);
	assert_null(checkin_check_scale("0", 0, 10, &v));
	assert_null(checkin_check_scale("10", 0, 10, &v));
	assert_int_equal(v, 10);
	assert_string_equal(checkin_check_scale(NULL, 1, 5, &v), "required");
	assert_string_equal(checkin_check_scale("", 1, 5, &v), "required");
	assert_string_equal(checkin_check_scale("0", 1, 5, &v), "out_of_range");
	assert_string_equal(checkin_check_scale("6", 1, 5, &v), "out_of_range");
	assert_string_equal(checkin_check_scale("11", 0, 10, &v), "out_of_range");
	assert_string_equal(checkin_check_scale("-1", 0, 10, &v), "out_of_range");
	assert_string_equal(checkin_check_scale("99999999999", 0, 10, &v), "invalid_format");
	assert_string_equal(checkin_check_scale("3.5", 1, 5, &v), "invalid_format");
	assert_string_equal(checkin_check_scale("three", 1, 5, &v), "invalid_format");
	assert_string_equal(checkin_check_scale(" 3", 1, 5, &v), "invalid_format");
	assert_string_equal(checkin_check_scale("-", 1, 5, &v), "invalid_format");
}

static void
uses_and_lines(void **state)
{
	enum checkin_use u;
	char long_line[CHECKIN_LINE_MAX * 2 + 8];

	(void)state;
	assert_true(checkin_use_parse("none", &u) && u == CU_NONE);
	assert_true(checkin_use_parse("little", &u) && u == CU_LITTLE);
	assert_true(checkin_use_parse("lot", &u) && u == CU_LOT);
	assert_true(checkin_use_parse("", &u) && u == CU_SKIPPED);
	assert_true(checkin_use_parse(NULL, &u) && u == CU_SKIPPED);
	assert_false(checkin_use_parse("much", &u));
	assert_null(checkin_use_code(CU_SKIPPED));
	assert_string_equal(checkin_use_code(CU_LOT), "lot");

	assert_null(checkin_check_line(NULL));
	assert_null(checkin_check_line("Gik en tur ved søerne."));
	assert_string_equal(checkin_check_line("two\nlines"), "invalid_format");
	assert_string_equal(checkin_check_line("bad \xff byte"), "invalid_format");
	/* 200 characters are fine, counted as characters (ø is two bytes). */
	memset(long_line, 0, sizeof(long_line));
	for (int i = 0; i < CHECKIN_LINE_MAX; i++)
		memcpy(long_line + 2 * i, "ø", 2);
	assert_null(checkin_check_line(long_line));
	strcat(long_line, "x");
	assert_string_equal(checkin_check_line(long_line), "too_long");
}

static void
whole(void **state)
{
	struct checkin c = {.day = "2027-05-03", .mood = 3, .craving = 0, .use = CU_SKIPPED,
	    .sleep = 5, .supported = 1};
	const char *field, *code;

	(void)state;
	assert_true(checkin_valid(&c, &field, &code));
	c.mood = 6;
	assert_false(checkin_valid(&c, &field, &code));
	assert_string_equal(field, "mood");
	assert_string_equal(code, "out_of_range");
	c.mood = 3;
	c.craving = 11;
	assert_false(checkin_valid(&c, &field, &code));
	assert_string_equal(field, "craving");
	c.craving = 2;
	c.supported = 0;
	assert_false(checkin_valid(&c, &field, &code));
	assert_string_equal(field, "supported");
	c.supported = 2;
	c.line = "a\rb";
	assert_false(checkin_valid(&c, &field, &code));
	assert_string_equal(field, "line");
	c.line = NULL;
	strcpy(c.day, "2027-02-30");
	assert_false(checkin_valid(&c, &field, &code));
	assert_string_equal(field, "day");
}

static void
streaks(void **state)
{
	const char *daily[] = {"2027-05-10", "2027-05-09", "2027-05-08", "2027-05-06"};
	const char *weekly[] = {"2027-05-10", "2027-05-04", "2027-04-26", "2027-04-10"};

	(void)state;
	assert_int_equal(checkin_streak(daily, 0, 1, "2027-05-10"), 0);
	/* Today, yesterday, the day before: 3; the gap on the 7th ends it. */
	assert_int_equal(checkin_streak(daily, 4, 1, "2027-05-10"), 3);
	/* Not yet today: the streak still stands until the day is over. */
	assert_int_equal(checkin_streak(daily, 4, 1, "2027-05-11"), 3);
	assert_int_equal(checkin_streak(daily, 4, 0, "2027-05-11"), 3);
	/* Two days without: it has ended. */
	assert_int_equal(checkin_streak(daily, 4, 1, "2027-05-12"), 0);
	/* Every 3 days: (05-07, 05-10], (05-04, 05-07] both have one. */
	assert_int_equal(checkin_streak(daily, 4, 3, "2027-05-12"), 2);
	/* Weekly: 05-10, 05-04 (6 days), 04-26 (8 days before 05-04, but in
	 * the period (04-26, 05-03]? no: periods back from 05-10 are
	 * (05-03, 05-10], (04-26, 05-03], (04-19, 04-26]. 05-04 is in the
	 * first, nothing in the second: 1. */
	assert_int_equal(checkin_streak(weekly, 4, 7, "2027-05-12"), 1);
	{
		const char *w2[] = {"2027-05-10", "2027-05-03", "2027-04-26", "2027-04-19"};
		const char *w3[] = {"2027-05-10", "2027-05-03", "2027-04-27", "2027-04-19"};

		assert_int_equal(checkin_streak(w2, 4, 7, "2027-05-17"), 4);
		assert_int_equal(checkin_streak(w2, 4, 7, "2027-05-18"), 0);
		/* Eight days from the 19th to the 27th: a week without one. */
		assert_int_equal(checkin_streak(w3, 4, 7, "2027-05-17"), 2);
	}
}

static void
weeks(void **state)
{
	struct checkin c[] = {
		{.day = "2027-05-10", .mood = 4, .use = CU_NONE},     /* a Monday */
		{.day = "2027-05-16", .mood = 2, .use = CU_SKIPPED},  /* its Sunday */
		{.day = "2027-05-05", .mood = 4, .use = CU_LITTLE},   /* the week before */
		{.day = "2027-04-28", .mood = 2, .use = CU_NONE},
		{.day = "2027-04-29", .mood = 3, .use = CU_NONE},
	};
	struct checkin_week w[4];
	char mon[11];
	size_t n;

	(void)state;
	assert_true(checkin_monday("2027-05-16", mon));
	assert_string_equal(mon, "2027-05-10");
	assert_true(checkin_monday("2027-05-10", mon));
	assert_string_equal(mon, "2027-05-10");
	assert_true(checkin_monday("2027-01-01", mon));
	assert_string_equal(mon, "2026-12-28");
	n = checkin_weeks(c, 5, w, 4);
	assert_int_equal(n, 3);
	/* Newest first. Mood 3 on average, no use said: good. */
	assert_string_equal(w[0].monday, "2027-05-10");
	assert_int_equal(w[0].count, 2);
	assert_true(w[0].good);
	/* Some use: not a good week, whatever the mood. */
	assert_string_equal(w[1].monday, "2027-05-03");
	assert_false(w[1].good);
	/* Mood 2.5 on average: not yet. */
	assert_string_equal(w[2].monday, "2027-04-26");
	assert_false(w[2].good);
	/* Room for one week only: the newest. */
	n = checkin_weeks(c, 5, w, 1);
	assert_int_equal(n, 1);
	assert_string_equal(w[0].monday, "2027-05-10");
}

static void
reminders(void **state)
{
	struct checkin_pref p;
	const char *subject, *body;

	(void)state;
	checkin_pref_default(&p);
	assert_string_equal(p.remind_at, "20:00");
	/* No rhythm or no reminder: never. */
	assert_false(checkin_reminder_due(&p, NULL, "2027-05-10", "21:00"));
	p.every_days = 1;
	assert_false(checkin_reminder_due(&p, NULL, "2027-05-10", "21:00"));
	p.remind = true;
	/* Never checked in: due at the time, not before. */
	assert_false(checkin_reminder_due(&p, NULL, "2027-05-10", "19:59"));
	assert_true(checkin_reminder_due(&p, NULL, "2027-05-10", "20:00"));
	/* Daily, checked in today: not due; yesterday: due tonight. */
	assert_false(checkin_reminder_due(&p, "2027-05-10", "2027-05-10", "20:30"));
	assert_true(checkin_reminder_due(&p, "2027-05-09", "2027-05-10", "20:30"));
	/* Once per period: reminded today, not again today; tomorrow again. */
	strcpy(p.reminded_day, "2027-05-10");
	assert_false(checkin_reminder_due(&p, "2027-05-09", "2027-05-10", "22:00"));
	assert_true(checkin_reminder_due(&p, "2027-05-09", "2027-05-11", "20:00"));
	/* Weekly, last on Monday the 3rd: due from Monday the 10th, once in
	 * that week even when they do not check in. */
	p.every_days = 7;
	p.reminded_day[0] = '\0';
	assert_false(checkin_reminder_due(&p, "2027-05-03", "2027-05-09", "20:00"));
	assert_true(checkin_reminder_due(&p, "2027-05-03", "2027-05-10", "20:00"));
	strcpy(p.reminded_day, "2027-05-10");
	assert_false(checkin_reminder_due(&p, "2027-05-03", "2027-05-13", "20:00"));
	assert_true(checkin_reminder_due(&p, "2027-05-03", "2027-05-17", "20:00"));
	/* No channel: none. */
	p.channel = REM_NONE;
	assert_false(checkin_reminder_due(&p, "2027-05-03", "2027-05-17", "20:00"));

	/* The words: nothing about alcohol, drugs, craving or use. */
	checkin_reminder_text(&subject, &body);
	assert_null(strstr(subject, "lcohol"));
	assert_null(strstr(body, "lcohol"));
	assert_null(strstr(body, "drug"));
	assert_null(strstr(body, "crav"));
	assert_null(strstr(body, "use"));
	assert_non_null(strstr(body, "check-in"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scales),
		cmocka_unit_test(uses_and_lines),
		cmocka_unit_test(whole),
		cmocka_unit_test(streaks),
		cmocka_unit_test(weeks),
		cmocka_unit_test(reminders),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
