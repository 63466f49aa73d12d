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

/* Every line ends in CRLF and is at most 75 octets, whatever the text's
 * length (libical 3.0 alone writes a line of exactly the fold's length as
 * a CR and an empty line ending in a bare LF); a CR alone in a text is a
 * line break, and blanks at the ends go. Found by tests/fuzz/fuzz_ical.c. */
static void
lines_and_texts(void **state)
{
	struct arena a = ARENA_INIT;
	struct ical_event ev = {0};
	char summary[512];
	icalcomponent *cal, *e;
	const char *text, *s;
	size_t n;

	(void)state;
	ev.uid = "aaaa@rosc.example";
	ev.start_us = ev.stamp_us = T0;
	ev.end_us = T0 + INT64_C(3600) * 1000000;
	for (n = 1; n < 300; n++) {
		size_t i, o = 0;

		/* n characters, every third an "æ" (two octets), so folds fall
		 * before, after and inside a character. */
		for (i = 0; i < n; i++)
			o += (size_t)sprintf(summary + o, "%s", i % 3 == 2 ? "æ" : "A");
		ev.summary = summary;
		text = ical_calendar(&a, NULL, &ev, 1);
		assert_non_null(text);
		for (s = text; *s; s = strchr(s, '\n') + 1) {
			const char *end = strstr(s, "\r\n");

			assert_non_null(end);
			assert_true(end - s <= 75);
			assert_null(memchr(s, '\r', (size_t)(end - s)));
			assert_null(memchr(s, '\n', (size_t)(end - s)));
		}
		cal = icalparser_parse_string(text);
		e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
		assert_string_equal(icalcomponent_get_summary(e), summary);
		icalcomponent_free(cal);
	}
	ev.summary = "  Samtale\rom bolig\r\nkl. 9 \t";
	cal = icalparser_parse_string(ical_calendar(&a, NULL, &ev, 1));
	e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_summary(e), "Samtale\nom bolig\nkl. 9");
	icalcomponent_free(cal);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_back),
		cmocka_unit_test(lines_and_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
