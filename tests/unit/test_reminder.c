/* Reminders: when each is due, in the person's own zone and across the
 * changes of clocks, and what it says (the minimal words by default). */
#include "test.h"

#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/reminder.h"

static int64_t
local(const char *ymd, const char *hm, const char *tz)
{
	int64_t us = 0;

	assert_int_equal(timefmt_local_to_us(ymd, hm, tz, 0, &us), 0);
	return us;
}

static void
when_due(void **state)
{
	struct reminder_pref p;
	int64_t start;

	(void)state;
	reminder_pref_default(&p);
	assert_int_equal(p.channel, REM_EMAIL);
	assert_string_equal(p.day_before, "18:00");
	assert_int_equal(p.hours_before, 0);
	assert_false(p.full);
	/* The day before at 18:00 local, across the spring change (the day
	 * before is in winter time, the appointment in summer time). */
	start = local("2027-03-29", "10:00", "Europe/Copenhagen");
	assert_true(reminder_at(&p, REM_DAY_BEFORE, start, "Europe/Copenhagen") ==
	    local("2027-03-28", "18:00", "Europe/Copenhagen"));
	assert_true(reminder_at(&p, REM_DAY_BEFORE, start, "Europe/Amsterdam") ==
	    local("2027-03-28", "18:00", "Europe/Amsterdam"));
	assert_true(reminder_at(&p, REM_HOURS_BEFORE, start, "Europe/Copenhagen") == 0);
	p.hours_before = 2;
	assert_true(reminder_at(&p, REM_HOURS_BEFORE, start, "Europe/Copenhagen") ==
	    start - INT64_C(2) * 3600 * 1000000);
	/* A day-before time that is not before the appointment is none. */
	strcpy(p.day_before, "20:00");
	start = local("2027-05-04", "19:30", "Europe/Copenhagen");
	assert_true(reminder_at(&p, REM_DAY_BEFORE, start, "Europe/Copenhagen") != 0);
	/* No reminders: none at all. */
	p.channel = REM_NONE;
	assert_true(reminder_at(&p, REM_DAY_BEFORE, start, "Europe/Copenhagen") == 0);
	assert_true(reminder_at(&p, REM_HOURS_BEFORE, start, "Europe/Copenhagen") == 0);
	p.channel = REM_EMAIL;
	p.day_before[0] = '\0';
	assert_true(reminder_at(&p, REM_DAY_BEFORE, start, "Europe/Copenhagen") == 0);
}

static void
the_words(void **state)
{
	struct arena a = ARENA_INIT;
	struct appointment x = {0};
	const char *subject, *body;
	int64_t now;

	(void)state;
	i18n_use(LANG_EN);
	x.title = "Talk with Peter";
	x.place = "Nørrebrogade 12";
	x.starts_us = local("2027-05-05", "10:00", "Europe/Copenhagen");
	now = local("2027-05-04", "18:00", "Europe/Copenhagen");
	reminder_text(&a, &x, "Europe/Copenhagen", false, now, LANG_EN, &subject, &body);
	assert_string_equal(subject, "Reminder of an appointment");
	assert_string_equal(body, "You have an appointment tomorrow at 10:00. Open rosc for details.");
	reminder_text(&a, &x, "Europe/Copenhagen", true, now, LANG_EN, &subject, &body);
	assert_string_equal(body, "You have an appointment tomorrow at 10:00: Talk with Peter, "
	    "Nørrebrogade 12. Open rosc for details.");
	now = local("2027-05-05", "08:00", "Europe/Copenhagen");
	reminder_text(&a, &x, "Europe/Copenhagen", false, now, LANG_EN, &subject, &body);
	assert_string_equal(body, "You have an appointment today at 10:00. Open rosc for details.");
	/* Further ahead: the date in words; never the title or the place. */
	now = local("2027-05-01", "18:00", "Europe/Copenhagen");
	reminder_text(&a, &x, "Europe/Copenhagen", false, now, LANG_EN, &subject, &body);
	assert_non_null(strstr(body, "5 May 2027"));
	assert_null(strstr(body, "Peter"));
	assert_null(strstr(body, "Nørrebrogade"));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(when_due),
		cmocka_unit_test(the_words),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
