/* iCalendar (RFC 5545) feeds, written with libical: a VCALENDAR of
 * VEVENTs in UTC, each with only the text it is given (the caller
 * decides what a feed may say). No HTTP, no SQL. */
#ifndef ROSC_CORE_ICAL_H
#define ROSC_CORE_ICAL_H

#include <stddef.h>
#include <stdint.h>

struct arena;

enum ical_status { ICAL_TENTATIVE, ICAL_CONFIRMED, ICAL_CANCELLED };

struct ical_event {
	const char *uid;                 /* stable across feeds: ID@host */
	int64_t start_us, end_us, stamp_us, modified_us;
	int sequence;                    /* counts up with each change (the version) */
	enum ical_status status;
	const char *summary;             /* required */
	const char *location, *description, *url;   /* NULL: left out */
};

/* The calendar, named name (X-WR-CALNAME; NULL: none), as text in the
 * arena with CRLF line ends and lines folded at 75 octets. NULL if
 * libical refuses. */
const char *ical_calendar(struct arena *a, const char *name, const struct ical_event *ev,
    size_t n);

#endif
