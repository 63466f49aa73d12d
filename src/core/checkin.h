/* Check-ins by the person: a few taps on how things are (mood, craving,
 * any use since last time, sleep, feeling supported, one free line), the
 * rhythm they chose, streaks and good weeks. No HTTP, no SQL. */
#ifndef ROSC_CORE_CHECKIN_H
#define ROSC_CORE_CHECKIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/reminder.h"

/* Any use of alcohol or drugs since the last check-in; CU_SKIPPED when
 * the person chose not to say (stored NULL). */
enum checkin_use { CU_SKIPPED, CU_NONE, CU_LITTLE, CU_LOT, CU_COUNT };

#define CHECKIN_LINE_MAX 200       /* characters in the free line */
#define CHECKIN_MOOD_MAX 5         /* mood, sleep and supported: 1..5 */
#define CHECKIN_CRAVING_MAX 10     /* craving: 0..10 */

struct checkin {
	const char *person_id, *id;
	char day[11];                  /* the person's local date */
	int64_t at_us;
	int mood, craving, sleep, supported;
	enum checkin_use use;
	const char *line;              /* NULL: none */
	const char *created_by;
};

/* "none", "little", "lot"; NULL for CU_SKIPPED. */
const char *checkin_use_code(enum checkin_use u);
/* A code, or NULL / "" for skipped; false for anything else. */
bool checkin_use_parse(const char *s, enum checkin_use *out);

/* The checks on what the person gave, each field's problem as a code for
 * the form and the API: "required" (mood, craving, sleep, supported are
 * needed), "out_of_range", "invalid_format" (not a whole number, or the
 * line not one line of UTF-8 text), "too_long" (the line). *field and
 * *code get the first problem; true when there is none. Each field on
 * its own: checkin_check_scale() for one scale given as text (NULL or ""
 * when not given), checkin_check_line() for the line. */
const char *checkin_check_scale(const char *v, int min, int max, int *out);
const char *checkin_check_line(const char *v);
bool checkin_valid(const struct checkin *c, const char **field, const char **code);

/* The rhythm the person chose: every 1, 2, 3 or 7 days, or none (0). */
#define CHECKIN_RHYTHMS 5
extern const int checkin_rhythms[CHECKIN_RHYTHMS];   /* 0, 1, 2, 3, 7 */
bool checkin_rhythm_valid(int every_days);

struct checkin_pref {
	int every_days;                /* 0: no rhythm chosen */
	bool remind;                   /* a gentle reminder when one is due */
	char remind_at[6];             /* local "HH:MM" */
	enum rem_channel channel;      /* as for appointment reminders */
	char reminded_day[11];         /* the local day of the last reminder; "" none */
	bool stored;
};

/* No rhythm, no reminder; 20:00 by e-mail when they turn it on. */
void checkin_pref_default(struct checkin_pref *p);

/* The streak on day today ("YYYY-MM-DD"): with a rhythm of n days (no
 * rhythm: 1), the periods of n days back from the latest check-in, each
 * with at least one check-in, one after the other; 0 when the latest is
 * more than n days before today (the streak has ended). days: the
 * distinct days with a check-in, newest first. */
int checkin_streak(const char *const *days, size_t n, int every_days, const char *today);

/* A good week is an ISO week (Monday to Sunday) with at least one
 * check-in, none of which reports any use, and a mood of 3 or more on
 * average. Weeks are summed up from check-ins in any order. */
struct checkin_week {
	char monday[11];
	int count;                     /* check-ins that week */
	double mood;                   /* average */
	bool use;                      /* some use reported */
	bool good;
};
/* Fills out (up to max weeks, newest first) with the weeks that have a
 * check-in; returns how many. */
size_t checkin_weeks(const struct checkin *c, size_t n, struct checkin_week *out,
    size_t max);
/* The Monday of day's ISO week into out; false if day is no date. */
bool checkin_monday(const char *day, char out[11]);

/* Whether a reminder is due at local day today and time now_hm: a rhythm
 * and a reminder chosen, a check-in due (none yet, or the latest, on
 * last_day, n or more days before today), the time of day reached, and
 * no reminder yet in this due period (the days from when it became due,
 * n at a time). last_day NULL or "": never checked in. */
bool checkin_reminder_due(const struct checkin_pref *p, const char *last_day,
    const char *today, const char *now_hm);

/* The reminder's words, in the thread's language: nothing sensitive (a
 * message may be read over the person's shoulder). Static strings. */
void checkin_reminder_text(const char **subject, const char **body);

#endif
