/* iCalendar feeds: what core/ical.c writes parses back with libical, in
 * UTC, with exactly the text it was given and nothing else. */
#include "test.h"

#include <libical/ical.h>
#include <string.h>

#include "base/arena.h"
#include "core/ical.h"

#define T0 INT64_C(1806195600000000)     /* 2027-03-28T01:00:00Z */

static void
parses_back(void **state)
{
	struct arena a = ARENA_INIT;
	struct ical_event ev[2] = {{0}};
	icalcomponent *cal, *e;
	const char *text;
	int n = 0;

	(void)state;
	ev[0].uid = "aaaa@rosc.example";
	ev[0].start_us = T0;
	ev[0].end_us = T0 + INT64_C(3600) * 1000000;
	ev[0].stamp_us = T0;
	ev[0].summary = "Appointment";
	ev[0].description = "Open rosc for details.";
	ev[0].status = ICAL_TENTATIVE;
	ev[1] = ev[0];
	ev[1].uid = "bbbb@rosc.example";
	ev[1].summary = "Samtale med Peter, Mette; \"æøå\"\nnæste linje";
	ev[1].location = "Nørrebrogade 12, 2200 København N";
	ev[1].status = ICAL_CANCELLED;
	ev[1].sequence = 3;
	text = ical_calendar(&a, "rosc appointments", ev, 2);
	assert_non_null(text);
	assert_non_null(strstr(text, "\r\n"));
	assert_non_null(strstr(text, "DTSTART:20270328T010000Z"));
	cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	for (e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e != NULL;
	    e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), n++) {
		struct icaltimetype start = icalcomponent_get_dtstart(e);

		assert_true(icaltime_is_utc(start));
		assert_int_equal((int64_t)icaltime_as_timet(start), T0 / 1000000);
		assert_string_equal(icalcomponent_get_summary(e), ev[n].summary);
		assert_string_equal(icalcomponent_get_uid(e), ev[n].uid);
		assert_string_equal(icalcomponent_get_description(e), "Open rosc for details.");
		if (n == 0) {
			assert_null(icalcomponent_get_first_property(e, ICAL_LOCATION_PROPERTY));
			assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_TENTATIVE);
		} else {
			assert_string_equal(icalcomponent_get_location(e), ev[1].location);
			assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_CANCELLED);
			assert_int_equal(icalcomponent_get_sequence(e), 3);
		}
		assert_null(icalcomponent_get_first_property(e, ICAL_URL_PROPERTY));
	}
	assert_int_equal(n, 2);
	icalcomponent_free(cal);
	/* An empty calendar is still a calendar. */
	text = ical_calendar(&a, NULL, NULL, 0);
	assert_non_null(text);
	cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_null(icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT));
	icalcomponent_free(cal);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
