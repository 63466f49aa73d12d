/* Self-help meetings (AA, NA and other mutual-help groups) from feeds in
 * the Meeting Guide JSON format (the open format of code4recovery's
 * spec, used by AA's Meeting Guide app): reading a feed with every
 * problem named by the meeting's index and the field, the meeting type
 * codes and their words, and the weekly times: each meeting's next
 * occurrences in its own time zone, seen from the viewer's. Meetings are
 * public listings; the format names no attendees, and the contact_N_*
 * fields (a group's contact people) are not read. No HTTP, no SQL. */
#ifndef ROSC_CORE_MEETING_H
#define ROSC_CORE_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/jsonread.h"

struct arena;

#define MEETINGS_MAX 20000        /* meetings in one feed */
#define MEETING_TYPES_MAX 30
#define MEETING_SLUG_MAX 64
#define MEETING_NAME_MAX 255
#define MEETING_TEXT_MAX 500      /* location, address, region, ... */
#define MEETING_NOTES_MAX 4000
#define MEETING_URL_MAX 500
#define MEETING_SOURCE_MAX 64

/* One meeting as rosc keeps it. days: bit d for day d, 0 Sunday ... 6
 * Saturday (the feed's numbering); 0 for a meeting without a weekly time.
 * types: the codes with a space before and after each (" O D EN "). */
struct meeting {
	const char *id, *source, *slug, *name;
	unsigned days;
	const char *start_time, *end_time, *time_zone;   /* "HH:MM", IANA */
	const char *types;
	const char *location, *address, *city, *postal_code, *country;
	const char *formatted_address, *region;
	bool has_geo;
	double latitude, longitude;
	const char *conference_url, *conference_url_notes;
	const char *conference_phone, *conference_phone_notes;
	bool online;                  /* a video link, or the type ONL */
	const char *notes, *location_notes, *updated;
	const char *search;           /* folded name and place words */
	const char *fingerprint;      /* what was read, to tell a change */
};

/* Reads a feed (a JSON array of meetings) into *out (n of them, arena
 * memory); meetings without a time zone get default_zone. Slugs may be
 * strings or whole numbers (real feeds have both). Fields rosc does not
 * keep are not checked. Returns the number of problems, each with a path
 * "[3].day" (the meeting's index from 0, and the field) and a code (those
 * of core/jsonread.h, and "day_range", "time_format", "unknown_zone",
 * "url_format", "phone_format", "type_format", "slug_format",
 * "updated_format", "duplicate"); the first max are written to p. */
size_t meeting_parse_feed(struct arena *a, const char *json, size_t len,
    const char *default_zone, struct meeting **out, size_t *n, struct jr_problem *p,
    size_t max);

/* The words for a problem code ("must be 0 to 6 (0 is Sunday)"), in the
 * thread's language. */
const char *meeting_problem_text(const char *code);

/* Meeting types */

struct meeting_type {
	const char *code, *label;     /* label: an N_() msgid */
	const char *lang;             /* ISO 639-1 for a language type, else NULL */
};
extern const struct meeting_type meeting_types[];
extern const size_t meeting_types_count;
/* The type's words in the thread's language; the code itself if unknown. */
const char *meeting_type_label(const char *code);
/* The type code of a language (ISO 639-1 "da" -> "DA"), or NULL. */
const char *meeting_lang_type(const char *iso);
/* Whether the meeting has type code. */
bool meeting_has_type(const struct meeting *m, const char *code);

/* Times */

/* One occurrence: start and end instants, and the feed's day. */
struct meeting_when {
	int64_t start, end;
	int day;                      /* 0 Sunday ... 6 Saturday, in the meeting's zone */
};
/* The meeting's occurrences in the week from now, soonest first, one per
 * day it meets, each the next one on that day that has not ended (one
 * under way counts). A start the clocks skip (02:30 on the night they go
 * forward) is an hour later. Returns how many (0 to 7) are in out. */
size_t meeting_week(const struct meeting *m, int64_t now, struct meeting_when out[7]);
/* The meeting's minutes: end_time minus start_time (over midnight if
 * earlier), 60 without an end time. */
int meeting_minutes(const struct meeting *m);

/* The search, as a visitor or an API client asks for it: every filter
 * applies to an occurrence seen in the viewer's time zone. */
enum meeting_part { PART_ANY, PART_MORNING, PART_AFTERNOON, PART_EVENING };
struct meeting_query {
	const char *q;                /* folded words, or NULL */
	int day;                      /* 0..6 in the viewer's zone, or -1 */
	bool today;                   /* day is today's (the form's "Today") */
	int from_min, to_min;         /* start within [from, to), minutes of the day */
	bool tonight;                 /* today, from 17:00, not over */
	const char *type;             /* a type code, or NULL */
	const char *lang;             /* ISO 639-1, or NULL */
	bool online;
	int limit;
	int64_t after_start;          /* the cursor: continue after (start, id) */
	const char *after_id;
};
/* The parameters as given (NULL: not given). */
struct meeting_params {
	const char *q, *day, *from, *to, *part, *type, *language, *online, *tonight;
	const char *limit, *after;
};
#define MEETING_LIMIT_DEFAULT 20
#define MEETING_LIMIT_MAX 100
#define MEETING_Q_MAX 200
/* Fills q from f, seen at now in the viewer's zone tz. Returns NULL, or
 * the name of the first parameter that is not acceptable. */
const char *meeting_query_parse(struct arena *a, const struct meeting_params *f,
    int64_t now, const char *tz, struct meeting_query *q);
/* Whether occurrence w matches q's times, seen at now in zone tz. */
bool meeting_when_matches(const struct meeting_query *q, const struct meeting_when *w,
    int64_t now, const char *tz);
/* The opaque cursor after an occurrence of meeting id. */
const char *meeting_cursor(struct arena *a, int64_t start, const char *id);

/* The name of day d (0 Sunday), and its plural ("Tuesdays"), in the
 * thread's language. */
const char *meeting_day_name(int d);
const char *meeting_days_text(struct arena *a, unsigned days);
/* The same for the middle of a sentence: "every day", or the plurals as
 * the language writes them there ("Tuesdays", "tirsdage"). */
const char *meeting_days_phrase(struct arena *a, unsigned days);

/* Whether m meets in a place (it has an address, not only a link) near
 * someone: whose place words (m->search) hold area_key, the person's area
 * folded with person_name_key(); without an area, in the time zone tz. */
bool meeting_near(const struct meeting *m, const char *area_key, const char *tz);

#endif
