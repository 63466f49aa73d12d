/* rosc's iCalendar writer (src/core/ical.c, with libical) on the values an
 * appointment feed puts in it (texts a person could have typed: valid
 * UTF-8 text that core/appointment.c's checks let through; times as rosc keeps
 * them), its output parsed back with libical: it must parse, hold each
 * event, and give back the summary, the location and the times. The
 * input: 8 bytes of start, 2 of minutes, 1 of flags, then the summary,
 * location, description and the calendar's name, cut at NUL. */
#include "fuzz.h"

#include <libical/ical.h>

#include "base/arena.h"
#include "base/utf8.h"
#include "core/appointment.h"
#include "core/ical.h"

#define YEAR_US (INT64_C(31556952) * 1000000)

/* What the appointment's checks let through (core/appointment.c): text
 * within max characters; a blank one is left out, or refused when
 * required. NULL for left out or refused. */
static const char *
typed(const char *s, size_t max, bool required, bool *refused)
{
	const char *code = NULL, *t = appt_check_text(s, max, required, &code);

	if (code != NULL)
		*refused = true;
	return t;
}

/* What a text must read back as: line breaks as LF (a CR, alone or
 * before a LF, is one), and no spaces or tabs at either end. */
static const char *
expect(struct arena *a, const char *s)
{
	char *t, *o;
	size_t n;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	t = o = arena_strdup(a, s);
	for (; *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		*o++ = *s == '\r' ? '\n' : *s;
	}
	*o = '\0';
	n = strlen(t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		t[--n] = '\0';
	return t;
}

static const char *
get_text(icalcomponent *e, icalproperty_kind k)
{
	icalproperty *p = icalcomponent_get_first_property(e, k);

	return p == NULL ? NULL : icalproperty_get_value_as_string(p) == NULL ? NULL :
	    k == ICAL_SUMMARY_PROPERTY ? icalproperty_get_summary(p) :
	    k == ICAL_LOCATION_PROPERTY ? icalproperty_get_location(p) :
	    icalproperty_get_description(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct ical_event ev[2];
	const char *parts[4], *out, *s, *name;
	size_t lens[4], i, found = 0;
	uint64_t start = 0;
	icalcomponent *cal, *e;
	char *block;
	int minutes;
	bool refused = false;

	if (size < 11 || size > 16 * 1024)
		return 0;
	for (i = 0; i < 8; i++)
		start = start << 8 | data[i];
	minutes = (data[8] << 8 | data[9]) % (24 * 60) + 1;
	memset(ev, 0, sizeof(ev));
	block = fuzz_parts(data + 11, size - 11, parts, 4, lens);
	if (strlen(parts[3]) != lens[3])
		goto done;
	ev[0].summary = typed(parts[0], APPT_TITLE_MAX, true, &refused);
	ev[0].location = typed(parts[1], APPT_TEXT_MAX, false, &refused);
	ev[0].description = typed(parts[2], APPT_TEXT_MAX, false, &refused);
	name = typed(parts[3], APPT_TITLE_MAX, false, &refused);
	if (refused)
		goto done;
	/* From 1970 to 2200, to the second, as the store keeps a start. */
	ev[0].start_us = (int64_t)(start % (uint64_t)(230 * YEAR_US)) / 1000000 * 1000000;
	ev[0].end_us = ev[0].start_us + (int64_t)minutes * 60000000;
	ev[0].stamp_us = INT64_C(1796000000) * 1000000;
	ev[0].modified_us = data[10] & 1 ? ev[0].stamp_us : 0;
	ev[0].sequence = data[10] >> 1;
	ev[0].status = (enum ical_status)(data[10] % 3);
	ev[0].uid = "0123456789abcdef0123456789abcdef@rosc.example";
	ev[0].url = "https://rosc.example/persons/0123456789abcdef0123456789abcdef/appointments/"
	    "0123456789abcdef0123456789abcdef";
	/* A second event, the same but the feed's fixed words, as a feed
	 * without details has them. */
	ev[1] = ev[0];
	ev[1].uid = "fedcba9876543210fedcba9876543210@rosc.example";
	ev[1].summary = "Appointment";
	ev[1].location = NULL;
	ev[1].description = "Open rosc for details.";
	out = ical_calendar(&a, name, ev, 2);
	FUZZ_ASSERT(out != NULL);
	/* Lines end in CRLF and are folded at 75 octets. */
	for (s = out; *s; s = strchr(s, '\n') + 1) {
		const char *end = strstr(s, "\r\n");

		if (end == NULL || (size_t)(end - s) > 75 || memchr(s, '\r', (size_t)(end - s)) ||
		    memchr(s, '\n', (size_t)(end - s))) {
			fprintf(stderr, "a line not of CRLF or past 75 octets in:\n%s\n", out);
			FUZZ_ASSERT(!"lines end in CRLF and are at most 75 octets");
		}
	}
	cal = icalparser_parse_string(out);
	FUZZ_ASSERT(cal != NULL);
	FUZZ_ASSERT(icalcomponent_isa(cal) == ICAL_VCALENDAR_COMPONENT);
	for (e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e != NULL;
	    e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		const struct ical_event *want = &ev[found < 2 ? found : 1];
		struct icaltimetype t;
		const char *got, *text;

		FUZZ_ASSERT(found < 2);
		FUZZ_ASSERT(strcmp(icalcomponent_get_uid(e), want->uid) == 0);
		text = expect(&a, want->summary);
		got = get_text(e, ICAL_SUMMARY_PROPERTY);
		if (got == NULL || strcmp(got, text) != 0)
			fprintf(stderr, "summary [%s] came back as [%s]\n", text, got ? got : "(none)");
		FUZZ_ASSERT(got != NULL && strcmp(got, text) == 0);
		text = expect(&a, want->location);
		got = get_text(e, ICAL_LOCATION_PROPERTY);
		if (text != NULL && (got == NULL || strcmp(got, text) != 0))
			fprintf(stderr, "location [%s] came back as [%s]\n", text, got ? got : "(none)");
		FUZZ_ASSERT(text == NULL || (got != NULL && strcmp(got, text) == 0));
		text = expect(&a, want->description);
		got = get_text(e, ICAL_DESCRIPTION_PROPERTY);
		if (text != NULL && (got == NULL || strcmp(got, text) != 0))
			fprintf(stderr, "description [%s] came back as [%s]\n", text,
			    got ? got : "(none)");
		FUZZ_ASSERT(text == NULL || (got != NULL && strcmp(got, text) == 0));
		t = icalcomponent_get_dtstart(e);
		FUZZ_ASSERT((int64_t)icaltime_as_timet_with_zone(t,
		    icaltimezone_get_utc_timezone()) * 1000000 == want->start_us);
		t = icalcomponent_get_dtend(e);
		FUZZ_ASSERT((int64_t)icaltime_as_timet_with_zone(t,
		    icaltimezone_get_utc_timezone()) * 1000000 == want->end_us);
		found++;
	}
	FUZZ_ASSERT(found == 2);
	icalcomponent_free(cal);
done:
	free(block);
	arena_free(&a);
	return 0;
}
