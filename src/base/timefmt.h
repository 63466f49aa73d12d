/* Dates and times as people say them ("Tuesday 3 March, 10:00"), in the
 * viewer's language and time zone. Uses ICU, which carries its own zone
 * database and never touches the process-wide TZ. Thread-safe: formatters
 * are cached per thread. */
#ifndef ROSC_TIMEFMT_H
#define ROSC_TIMEFMT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/i18n.h"

struct arena;

enum timefmt_style {
	TIMEFMT_DATETIME,   /* Tuesday 3 March 2026, 10:00 */
	TIMEFMT_DATE,       /* Tuesday 3 March 2026 */
	TIMEFMT_TIME,       /* 10:00 */
	TIMEFMT_SHORT_DATE, /* 3 Mar 2026: for tables and narrow places */
	TIMEFMT_DAY,        /* 3 March 2026: no weekday (a date of birth) */
	TIMEFMT_CITY,       /* the zone's city in words: "Copenhagen", "København" */
};

/* Formats the instant us in time zone tz (an IANA name such as
 * "Europe/Copenhagen"; NULL means UTC). The result lives in the arena. */
const char *timefmt_instant(struct arena *a, int64_t us, const char *tz,
    enum lang lang, enum timefmt_style style);

/* Formats a plain calendar date "YYYY-MM-DD" (no time zone applies). */
const char *timefmt_date(struct arena *a, const char *ymd, enum lang lang);

/* Formats a plain calendar date without the weekday: "3 March 1990". */
const char *timefmt_date_plain(struct arena *a, const char *ymd, enum lang lang);

/* The time zone tz in words, as its city in lang ("Amsterdam", "København");
 * tz itself if ICU has no city for it. */
const char *timefmt_zone_city(struct arena *a, const char *tz, enum lang lang);

/* The local weekday (0 = Monday … 6 = Sunday) and minute of the day
 * (0…1439) of the instant us in time zone tz. False, with nothing set,
 * if ICU does not know tz. */
bool timefmt_local_week(int64_t us, const char *tz, int *weekday, int *minute);
/* True if tz names a time zone ICU knows. */
bool timefmt_zone_valid(const char *tz);

/* The instant of a local date "YYYY-MM-DD" and time "HH:MM" in time zone
 * tz, `days` calendar days later (a weekly series: 7, 14, …, each at the
 * same local time whatever the clocks did in between). A time that
 * happens twice (clocks go back) is the first of them. 0 with *out in
 * microseconds; TIMEFMT_BAD for no such date, time or zone;
 * TIMEFMT_SKIPPED for a time the clocks skip that day (02:30 when they
 * go forward from 02:00 to 03:00). */
enum { TIMEFMT_BAD = -1, TIMEFMT_SKIPPED = -2 };
int timefmt_local_to_us(const char *ymd, const char *hm, const char *tz, int days,
    int64_t *out);
/* The local date and time of the instant us in tz, for a form. */
bool timefmt_local_fields(int64_t us, const char *tz, char ymd[11], char hm[6]);

#endif
