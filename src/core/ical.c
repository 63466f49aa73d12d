/* iCalendar feeds with libical (see ical.h). */
#include "core/ical.h"

#include <libical/ical.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"

static struct icaltimetype
utc(int64_t us)
{
	return icaltime_from_timet_with_zone((time_t)(us / 1000000), 0,
	    icaltimezone_get_utc_timezone());
}

static enum icalproperty_status
status(enum ical_status s)
{
	switch (s) {
	case ICAL_CONFIRMED: return ICAL_STATUS_CONFIRMED;
	case ICAL_CANCELLED: return ICAL_STATUS_CANCELLED;
	default: return ICAL_STATUS_TENTATIVE;
	}
}

const char *
ical_calendar(struct arena *a, const char *name, const struct ical_event *ev, size_t n)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	const char *out = NULL;
	char *text;
	size_t i;

	if (cal == NULL)
		return NULL;
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//rosc//appointments//EN"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	if (name != NULL) {
		icalproperty *p = icalproperty_new_x(name);

		icalproperty_set_x_name(p, "X-WR-CALNAME");
		icalcomponent_add_property(cal, p);
	}
	for (i = 0; i < n; i++) {
		icalcomponent *e = icalcomponent_new_vevent();

		icalcomponent_add_property(e, icalproperty_new_uid(ev[i].uid));
		icalcomponent_add_property(e, icalproperty_new_dtstamp(utc(ev[i].stamp_us)));
		icalcomponent_add_property(e, icalproperty_new_dtstart(utc(ev[i].start_us)));
		icalcomponent_add_property(e, icalproperty_new_dtend(utc(ev[i].end_us)));
		if (ev[i].modified_us != 0)
			icalcomponent_add_property(e,
			    icalproperty_new_lastmodified(utc(ev[i].modified_us)));
		icalcomponent_add_property(e, icalproperty_new_sequence(ev[i].sequence));
		icalcomponent_add_property(e, icalproperty_new_status(status(ev[i].status)));
		icalcomponent_add_property(e, icalproperty_new_class(ICAL_CLASS_PRIVATE));
		icalcomponent_add_property(e, icalproperty_new_summary(ev[i].summary));
		if (ev[i].location != NULL)
			icalcomponent_add_property(e, icalproperty_new_location(ev[i].location));
		if (ev[i].description != NULL)
			icalcomponent_add_property(e,
			    icalproperty_new_description(ev[i].description));
		if (ev[i].url != NULL)
			icalcomponent_add_property(e, icalproperty_new_url(ev[i].url));
		icalcomponent_add_component(cal, e);
	}
	text = icalcomponent_as_ical_string_r(cal);
	if (text != NULL) {
		out = arena_strdup(a, text);
		icalmemory_free_buffer(text);
	}
	icalcomponent_free(cal);
	return out;
}
