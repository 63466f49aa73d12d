/* Peer groups run by an organisation: a group meets every week on one
 * weekday at one local time, in the organisation's time zone, from a
 * first date and (if set) until a last one. This is the arithmetic of that
 * schedule and the checks on what is typed into a group. No HTTP, no SQL. */
#ifndef ROSC_CORE_PEER_GROUP_H
#define ROSC_CORE_PEER_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GROUP_NAME_MAX 100
#define GROUP_DESCRIPTION_MAX 600
#define GROUP_PLACE_MAX 200
#define GROUP_VIDEO_MAX 300
#define GROUP_NOTE_MAX 2000
#define GROUP_MINUTES_MIN 15
#define GROUP_MINUTES_MAX 480

/* A group's weekly meeting. weekday: 0 = Monday ... 6 = Sunday; at_time
 * "HH:MM" local time in time_zone; ends_on NULL: no last date. */
struct group_schedule {
	int weekday, minutes;
	const char *at_time, *time_zone, *starts_on, *ends_on;
};

/* The next session that has not yet ended at now: its local date into
 * ymd and its start into *start_us. A start the clocks skip that day
 * (02:30 when they go from 02:00 to 03:00) is an hour later. 0, or -1 if
 * the group has no session left (or the schedule is not one). */
int group_next_session(const struct group_schedule *s, int64_t now, char ymd[11],
    int64_t *start_us);

/* The sessions that have started by now, the latest first, at most max
 * (their local dates). How many. */
size_t group_past_sessions(const struct group_schedule *s, int64_t now, char (*ymd)[11],
    size_t max);

/* Whether ymd is the date of one of the group's sessions. */
bool group_is_session(const struct group_schedule *s, const char *ymd);

/* The weekday (0 = Monday) of a date "YYYY-MM-DD"; -1 if it is none. */
int group_weekday_of(const char *ymd);
/* The weekday's name, in the thread's language ("Tuesday"). */
const char *group_weekday_name(int weekday);

/* The languages a group may be held in (codes), and a code's name in the
 * thread's language (NULL for an unknown code). */
extern const char *const group_languages[];
extern const size_t group_nlanguages;
const char *group_language_name(const char *code);

/* What is typed into a group's form, as sent. language2: a second
 * language, or empty. */
struct group_input {
	const char *name, *description, *language, *language2, *weekday, *at_time, *minutes,
	    *starts_on, *ends_on, *place, *video_url, *is_open;
};

/* A problem with one field: its name and a code ("required", "too_long",
 * "invalid_format", "invalid_choice", "invalid_time", "invalid_date",
 * "out_of_range", "not_https", "before_start", "place_or_video": those of
 * web/forms.c's form_error_text()). */
struct group_problem {
	const char *field, *code;
};
#define GROUP_MAX_PROBLEMS 12

/* Checks in (each field valid UTF-8, within its length, of its kind; at
 * least a place or a video link; an https:// link; a last date not
 * before the first). Up to GROUP_MAX_PROBLEMS problems into p, the first
 * per field; how many (0: all is well). */
size_t group_check(const struct group_input *in, struct group_problem *p);

/* Whether s is a time "HH:MM" (00:00 to 23:59). */
bool group_time_valid(const char *s);
/* Whether s is a calendar date "YYYY-MM-DD". */
bool group_date_valid(const char *s);

#endif
