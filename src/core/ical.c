/* iCalendar feeds with libical (see ical.h). */
#include "core/ical.h"

#include <libical/ical.h>
#include <stdbool.h>
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

/* A text as it goes out: line breaks as LF (libical drops a CR, so a lone
 * one would join two words) and no blanks at either end (which calendar
 * apps and libical's own reader drop), so what a feed says reads back
 * exactly. */
static const char *
feed_text(struct arena *a, const char *s)
{
	size_t n, i, o = 0;
	char *t;

	if (s == NULL)
		return NULL;
	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	t = arena_alloc(a, n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '\r') {
			t[o++] = '\n';
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		} else {
			t[o++] = s[i];
		}
	}
	t[o] = '\0';
	return t;
}

/* libical's text, its lines unfolded and folded again: every line ends in
 * CRLF and is at most 75 octets, never split inside a UTF-8 character.
 * libical 3.0 folds a line of exactly the fold's length into a CR alone
 * and an empty continuation ending in a bare LF ("\r\r\n \n"), which
 * strict readers take apart; its text holds no CR or LF of a value (those
 * are escaped), so every one is line structure. */
static const char *
refold(struct arena *a, const char *in)
{
	size_t n = strlen(in), i, o = 0, col = 0;
	/* Each 74 octets may gain "\r\n " (3), and each line its CRLF. */
	char *out = arena_alloc(a, n + n / 74 * 3 + n * 2 + 3);
	bool line_start = true;

	for (i = 0; i < n; i++) {
		size_t k = 1;

		if (in[i] == '\r')
			continue;
		if (in[i] == '\n') {
			line_start = true;
			continue;
		}
		if (line_start) {
			line_start = false;
			if (in[i] == ' ' || in[i] == '\t')
				continue;           /* a fold: the line goes on */
			if (o > 0) {
				out[o++] = '\r';
				out[o++] = '\n';
			}
			col = 0;
		}
		while (i + k < n && ((unsigned char)in[i + k] & 0xC0) == 0x80)
			k++;
		if (col + k > 75) {
			out[o++] = '\r';
			out[o++] = '\n';
			out[o++] = ' ';
			col = 1;
		}
		memcpy(out + o, in + i, k);
		o += k;
		col += k;
		i += k - 1;
	}
	if (o > 0) {
		out[o++] = '\r';
		out[o++] = '\n';
	}
	out[o] = '\0';
	return out;
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
		icalproperty *p = icalproperty_new_x(feed_text(a, name));

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
		icalcomponent_add_property(e, icalproperty_new_summary(feed_text(a, ev[i].summary)));
		if (ev[i].location != NULL)
			icalcomponent_add_property(e,
			    icalproperty_new_location(feed_text(a, ev[i].location)));
		if (ev[i].description != NULL)
			icalcomponent_add_property(e,
			    icalproperty_new_description(feed_text(a, ev[i].description)));
		if (ev[i].url != NULL)
			icalcomponent_add_property(e, icalproperty_new_url(ev[i].url));
		icalcomponent_add_component(cal, e);
	}
	text = icalcomponent_as_ical_string_r(cal);
	if (text != NULL) {
		out = refold(a, text);
		icalmemory_free_buffer(text);
	}
	icalcomponent_free(cal);
	return out;
}
