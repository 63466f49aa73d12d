#include "base/timefmt.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ustring.h>

#include "base/arena.h"
#include "base/clock.h"

#define CACHE 8
#define ANSWERS 64

/* Recent answers: no style shows seconds, so an instant in the same
 * minute reads the same. A plan page formats a few dozen instants (its
 * history, ratings, comments) and shows the same ones on every view:
 * udat_format was a tenth of the page's time. Direct-mapped by minute. */
struct answer {
	long long minute;               /* -1: empty */
	char text[120];
};

struct entry {
	UDateFormat *fmt;
	enum lang lang;
	enum timefmt_style style;
	char tz[64];
	struct answer answer[ANSWERS];
};

/* Calendars by zone, kept as the formats are: opening one (and checking
 * its zone) cost more than the reads it was opened for, and the meeting
 * finder reads a week of times in each meeting's zone. */
#define CALENDARS 8
struct zone_cal {
	UCalendar *cal;
	char tz[64];
};

struct cache {
	struct entry e[CACHE];
	unsigned next;
	struct zone_cal cal[CALENDARS];
	unsigned next_cal;
};

static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
cache_free(void *p)
{
	struct cache *c = p;
	unsigned i;

	for (i = 0; i < CACHE; i++)
		if (c->e[i].fmt)
			udat_close(c->e[i].fmt);
	for (i = 0; i < CALENDARS; i++)
		if (c->cal[i].cal)
			ucal_close(c->cal[i].cal);
	free(c);
}

static void
make_key(void)
{
	pthread_key_create(&key, cache_free);
}

static const char *
skeleton(enum timefmt_style style)
{
	switch (style) {
	case TIMEFMT_DATE: return "EEEEdMMMMy";
	case TIMEFMT_TIME: return "HHmm";
	case TIMEFMT_SHORT_DATE: return "dMMMy";
	case TIMEFMT_DAY: return "dMMMMy";
	case TIMEFMT_CITY: return "VVV";
	default: return "EEEEdMMMMyHHmm";
	}
}

static UDateFormat *
open_fmt(enum lang lang, enum timefmt_style style, const char *tz)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar sk[32], pat[128], zone[64];
	UDateTimePatternGenerator *gen;
	UDateFormat *fmt;
	int32_t n;

	gen = udatpg_open(lang_icu(lang), &st);
	if (U_FAILURE(st))
		return NULL;
	u_uastrcpy(sk, skeleton(style));
	n = udatpg_getBestPattern(gen, sk, -1, pat, 128, &st);
	udatpg_close(gen);
	if (U_FAILURE(st) || n >= 128)
		return NULL;
	u_uastrncpy(zone, tz, 63);
	zone[63] = 0;
	fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, lang_icu(lang), zone, -1,
	    pat, n, &st);
	if (U_FAILURE(st))
		return NULL;
	return fmt;
}

/* This thread's cache. */
static struct cache *
thread_cache(void)
{
	struct cache *c;

	pthread_once(&once, make_key);
	c = pthread_getspecific(key);
	if (c == NULL) {
		c = calloc(1, sizeof(*c));
		if (c == NULL)
			die("out of memory");
		pthread_setspecific(key, c);
	}
	return c;
}

static struct entry *
get_fmt(enum lang lang, enum timefmt_style style, const char *tz)
{
	struct cache *c = thread_cache();
	struct entry *e;
	unsigned i;

	for (i = 0; i < CACHE; i++) {
		e = &c->e[i];
		if (e->fmt && e->lang == lang && e->style == style &&
		    strcmp(e->tz, tz) == 0)
			return e;
	}
	e = &c->e[c->next++ % CACHE];
	if (e->fmt)
		udat_close(e->fmt);
	e->fmt = open_fmt(lang, style, tz);
	e->lang = lang;
	e->style = style;
	for (i = 0; i < ANSWERS; i++)
		e->answer[i].minute = -1;
	snprintf(e->tz, sizeof(e->tz), "%s", tz);
	return e->fmt != NULL ? e : NULL;
}

static const char *
format(struct arena *a, double ms, const char *tz, enum lang lang,
    enum timefmt_style style)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar out[128];
	char *utf8;
	int32_t n, m;
	struct entry *e;
	struct answer *ans;
	long long minute = ms >= 0 ? (long long)(ms / 60000.0) : -2;

	if (tz == NULL || *tz == '\0' || strlen(tz) > 63)
		tz = "UTC";
	e = get_fmt(lang, style, tz);
	if (e == NULL)
		return NULL;
	ans = &e->answer[(unsigned long long)minute * 0x9e3779b97f4a7c15ULL >> 58];
	if (ans->minute == minute)
		return arena_strdup(a, ans->text);
	n = udat_format(e->fmt, ms, out, 128, NULL, &st);
	if (U_FAILURE(st) || n >= 128)
		return NULL;
	utf8 = arena_alloc(a, (size_t)n * 3 + 1);
	u_strToUTF8(utf8, n * 3 + 1, &m, out, n, &st);
	if (U_FAILURE(st))
		return NULL;
	if ((size_t)m < sizeof(ans->text)) {
		memcpy(ans->text, utf8, (size_t)m + 1);
		ans->minute = minute;
	}
	return utf8;
}

const char *
timefmt_instant(struct arena *a, int64_t us, const char *tz, enum lang lang,
    enum timefmt_style style)
{
	const char *s = format(a, (double)(us / 1000), tz, lang, style);
	char iso[28];

	if (s == NULL) {
		clock_format_instant(us, iso);
		s = arena_strndup(a, iso, 16);
	}
	return s;
}

static const char *
date_in_style(struct arena *a, const char *ymd, enum lang lang, enum timefmt_style style)
{
	struct tm tm = {0};
	const char *s;

	if (!clock_valid_date(ymd))
		return arena_strdup(a, ymd);
	tm.tm_year = atoi(ymd) - 1900;
	tm.tm_mon = atoi(ymd + 5) - 1;
	tm.tm_mday = atoi(ymd + 8);
	tm.tm_hour = 12;
	s = format(a, (double)timegm(&tm) * 1000.0, "UTC", lang, style);
	return s ? s : arena_strdup(a, ymd);
}

const char *
timefmt_date(struct arena *a, const char *ymd, enum lang lang)
{
	return date_in_style(a, ymd, lang, TIMEFMT_DATE);
}

const char *
timefmt_date_plain(struct arena *a, const char *ymd, enum lang lang)
{
	return date_in_style(a, ymd, lang, TIMEFMT_DAY);
}

const char *
timefmt_zone_city(struct arena *a, const char *tz, enum lang lang)
{
	const char *s = timefmt_zone_valid(tz) ? format(a, 0, tz, lang, TIMEFMT_CITY) : NULL;

	return s != NULL && *s ? s : arena_strdup(a, tz ? tz : "");
}

bool
timefmt_zone_valid(const char *tz)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar in[64], out[64];
	UBool system = 0;

	if (tz == NULL || strlen(tz) == 0 || strlen(tz) > 63)
		return false;
	u_uastrcpy(in, tz);
	ucal_getCanonicalTimeZoneID(in, -1, out, 64, &system, &st);
	return U_SUCCESS(st) && system;
}

/* A Gregorian calendar in time zone tz, or NULL for a zone ICU does not
 * know: this thread's own, kept for the next call (the caller does not
 * close it, and sets what it reads from). */
static UCalendar *
zone_calendar(const char *tz)
{
	UErrorCode st = U_ZERO_ERROR;
	struct cache *c = thread_cache();
	struct zone_cal *z;
	UChar zone[64];
	unsigned i;

	for (i = 0; i < CALENDARS && tz != NULL; i++)
		if (c->cal[i].cal != NULL && strcmp(c->cal[i].tz, tz) == 0)
			return c->cal[i].cal;
	if (!timefmt_zone_valid(tz))
		return NULL;
	z = &c->cal[c->next_cal++ % CALENDARS];
	if (z->cal != NULL)
		ucal_close(z->cal);
	z->cal = NULL;
	u_uastrcpy(zone, tz);
	z->cal = ucal_open(zone, -1, "en_US_POSIX", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st)) {
		if (z->cal != NULL)
			ucal_close(z->cal);
		z->cal = NULL;
		return NULL;
	}
	snprintf(z->tz, sizeof(z->tz), "%s", tz);
	return z->cal;
}

bool
timefmt_local_week(int64_t us, const char *tz, int *weekday, int *minute)
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal;
	int wd, h, m;

	if ((cal = zone_calendar(tz)) == NULL)
		return false;
	ucal_setMillis(cal, (UDate)(us / 1000), &st);
	wd = ucal_get(cal, UCAL_DAY_OF_WEEK, &st);      /* 1 = Sunday */
	h = ucal_get(cal, UCAL_HOUR_OF_DAY, &st);
	m = ucal_get(cal, UCAL_MINUTE, &st);
	if (U_FAILURE(st))
		return false;
	*weekday = (wd + 5) % 7;
	*minute = h * 60 + m;
	return true;
}

static int
month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
timefmt_local_to_us(const char *ymd, const char *hm, const char *tz, int days, int64_t *out)
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal;
	int y, mo, d, h, mi, n = 0, gh, gmi;
	UDate ms;

	if (ymd == NULL || hm == NULL || strlen(ymd) != 10 || strlen(hm) != 5 ||
	    sscanf(ymd, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10 ||
	    sscanf(hm, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5 ||
	    y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || d > month_days(y, mo))
		return TIMEFMT_BAD;
	if ((cal = zone_calendar(tz)) == NULL)
		return TIMEFMT_BAD;
	/* Lenient only for what a calendar cannot refuse: a time the clocks
	 * skip comes back as the next valid one (its hour differs, below); a
	 * time that happens twice (clocks go back) is the first. */
	ucal_setAttribute(cal, UCAL_LENIENT, 1);
	ucal_setAttribute(cal, UCAL_REPEATED_WALL_TIME, UCAL_WALLTIME_FIRST);
	ucal_setAttribute(cal, UCAL_SKIPPED_WALL_TIME, UCAL_WALLTIME_NEXT_VALID);
	ucal_clear(cal);
	ucal_setDateTime(cal, y, mo - 1, d, h, mi, 0, &st);
	if (days != 0)
		ucal_add(cal, UCAL_DATE, days, &st);
	ms = ucal_getMillis(cal, &st);
	gh = ucal_get(cal, UCAL_HOUR_OF_DAY, &st);
	gmi = ucal_get(cal, UCAL_MINUTE, &st);
	if (U_FAILURE(st))
		return TIMEFMT_BAD;
	if (gh != h || gmi != mi)
		return TIMEFMT_SKIPPED;
	*out = (int64_t)ms * 1000;
	return 0;
}

bool
timefmt_local_fields(int64_t us, const char *tz, char ymd[11], char hm[6])
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal;
	int y, mo, d, h, mi;

	if ((cal = zone_calendar(tz)) == NULL)
		return false;
	ucal_setMillis(cal, (UDate)(us / 1000), &st);
	y = ucal_get(cal, UCAL_YEAR, &st);
	mo = ucal_get(cal, UCAL_MONTH, &st) + 1;
	d = ucal_get(cal, UCAL_DATE, &st);
	h = ucal_get(cal, UCAL_HOUR_OF_DAY, &st);
	mi = ucal_get(cal, UCAL_MINUTE, &st);
	if (U_FAILURE(st) || y < 0 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h < 0 || h > 23 || mi < 0 || mi > 59)
		return false;
	snprintf(ymd, 11, "%04d-%02d-%02d", y, mo, d);
	snprintf(hm, 6, "%02d:%02d", h, mi);
	return true;
}
