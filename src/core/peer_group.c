/* The schedule of a peer group and the checks on its form (peer_group.h). */
#include "core/peer_group.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/timefmt.h"
#include "base/utf8.h"

#define DAY_US (86400LL * 1000000)

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The day number of ymd, or false if it is no date. */
static bool
day_of(const char *ymd, long *out)
{
	int y, m, d, y2, m2, d2;
	char tail;

	if (ymd == NULL || strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-' ||
	    sscanf(ymd, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1900 || y > 2999 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*out = days_from_civil(y, m, d);
	civil_from_days(*out, &y2, &m2, &d2);
	return y2 == y && m2 == m && d2 == d;   /* not 31 April */
}

static void
ymd_of(long day, char out[11])
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static int
weekday_of_day(long day)
{
	return (int)(((day + 3) % 7 + 7) % 7);   /* 1970-01-01 was a Thursday */
}

bool
group_date_valid(const char *s)
{
	long d;

	return day_of(s, &d);
}

bool
group_time_valid(const char *s)
{
	return s != NULL && strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' &&
	    s[1] >= '0' && s[1] <= '9' && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' &&
	    s[4] <= '9' && (s[0] != '2' || s[1] <= '3');
}

int
group_weekday_of(const char *ymd)
{
	long d;

	return day_of(ymd, &d) ? weekday_of_day(d) : -1;
}

/* The start of the session on day (local), moved an hour on if the
 * clocks skip it; false if the zone or time is not one. */
static bool
session_start(const struct group_schedule *s, long day, int64_t *out)
{
	char ymd[11];
	int rc;

	ymd_of(day, ymd);
	rc = timefmt_local_to_us(ymd, s->at_time, s->time_zone, 0, out);
	if (rc == TIMEFMT_SKIPPED) {
		char later[6];
		int h = (atoi(s->at_time) + 1) % 24;

		later[0] = (char)('0' + h / 10);
		later[1] = (char)('0' + h % 10);
		memcpy(later + 2, s->at_time + 2, 4);   /* ":MM" and its NUL */
		rc = timefmt_local_to_us(ymd, later, s->time_zone, 0, out);
	}
	return rc == 0;
}

/* The bounds of a schedule: first and last day numbers (last LONG_MAX-ish
 * when open), and the first session day on or after first. */
static bool
bounds(const struct group_schedule *s, long *first, long *last)
{
	if (s == NULL || s->weekday < 0 || s->weekday > 6 || !group_time_valid(s->at_time) ||
	    s->time_zone == NULL || !day_of(s->starts_on, first))
		return false;
	*last = 1L << 40;
	if (s->ends_on != NULL && *s->ends_on != '\0' && !day_of(s->ends_on, last))
		return false;
	*first += (s->weekday - weekday_of_day(*first) + 7) % 7;
	return true;
}

/* The local day number of the instant now in the schedule's zone. */
static bool
local_day(const struct group_schedule *s, int64_t now, long *day)
{
	char ymd[11], hm[6];

	return timefmt_local_fields(now, s->time_zone, ymd, hm) && day_of(ymd, day);
}

int
group_next_session(const struct group_schedule *s, int64_t now, char ymd[11],
    int64_t *start_us)
{
	long first, last, today, day;
	int64_t start;
	int i;

	if (!bounds(s, &first, &last) || !local_day(s, now, &today))
		return -1;
	/* From the session week of yesterday (a session late in the evening
	 * may still be going on after midnight), the first not yet over. */
	day = today - 1;
	day += (s->weekday - weekday_of_day(day) + 7) % 7;
	if (day < first)
		day = first;
	for (i = 0; i < 3; i++, day += 7) {
		if (day > last || !session_start(s, day, &start))
			return -1;
		if (start + (int64_t)s->minutes * 60 * 1000000 > now) {
			ymd_of(day, ymd);
			*start_us = start;
			return 0;
		}
	}
	return -1;
}

size_t
group_past_sessions(const struct group_schedule *s, int64_t now, char (*ymd)[11], size_t max)
{
	long first, last, today, day;
	int64_t start;
	size_t n = 0;

	if (!bounds(s, &first, &last) || !local_day(s, now, &today))
		return 0;
	day = today - (weekday_of_day(today) - s->weekday + 7) % 7;
	if (day > last)
		day = last - (weekday_of_day(last) - s->weekday + 7) % 7;
	for (; day >= first && n < max; day -= 7) {
		if (!session_start(s, day, &start))
			break;
		if (start > now)
			continue;
		ymd_of(day, ymd[n++]);
	}
	return n;
}

bool
group_is_session(const struct group_schedule *s, const char *ymd)
{
	long first, last, day;

	return bounds(s, &first, &last) && day_of(ymd, &day) && day >= first && day <= last &&
	    weekday_of_day(day) == s->weekday;
}

const char *
group_weekday_name(int weekday)
{
	static const char *const names[7] = {N_("Monday"), N_("Tuesday"), N_("Wednesday"),
	    N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday")};

	return weekday >= 0 && weekday < 7 ? _(names[weekday]) : "";
}

const char *const group_languages[] = {"da", "nl", "en", "ar", "de", "pl", "tr", "uk",
    "so", "fa"};
const size_t group_nlanguages = sizeof(group_languages) / sizeof(group_languages[0]);

const char *
group_language_name(const char *code)
{
	static const char *const names[] = {N_("Danish"), N_("Dutch"), N_("English"),
	    N_("Arabic"), N_("German"), N_("Polish"), N_("Turkish"), N_("Ukrainian"),
	    N_("Somali"), N_("Persian")};
	size_t i;

	for (i = 0; code != NULL && i < group_nlanguages; i++)
		if (strcmp(code, group_languages[i]) == 0)
			return _(names[i]);
	return NULL;
}

static void
problem(struct group_problem *p, size_t *n, const char *field, const char *code)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(p[i].field, field) == 0)
			return;
	if (*n < GROUP_MAX_PROBLEMS)
		p[(*n)++] = (struct group_problem){field, code};
}

/* A text field: valid UTF-8 without control characters (a line break
 * only where multiline), within max characters, not empty if required. */
static void
text(struct group_problem *p, size_t *n, const char *field, const char *v, size_t max,
    bool required, bool multiline)
{
	size_t len = v != NULL ? strlen(v) : 0;

	if (v != NULL && !(multiline ? utf8_valid_text(v, len) : utf8_valid(v, len)))
		problem(p, n, field, "invalid_format");
	else if (v != NULL && !multiline && strpbrk(v, "\r\n\t") != NULL)
		problem(p, n, field, "invalid_format");
	else if (len == 0 && required)
		problem(p, n, field, "required");
	else if (v != NULL && utf8_count(v, len) > max)
		problem(p, n, field, "too_long");
}

static bool
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

size_t
group_check(const struct group_input *in, struct group_problem *p)
{
	size_t n = 0;
	char *end;
	long v;

	text(p, &n, "name", in->name, GROUP_NAME_MAX, true, false);
	text(p, &n, "description", in->description, GROUP_DESCRIPTION_MAX, false, true);
	if (empty(in->language))
		problem(p, &n, "language", "required");
	else if (group_language_name(in->language) == NULL)
		problem(p, &n, "language", "invalid_choice");
	if (!empty(in->language2) && (group_language_name(in->language2) == NULL ||
	    (in->language != NULL && strcmp(in->language, in->language2) == 0)))
		problem(p, &n, "language2", "invalid_choice");
	if (empty(in->weekday))
		problem(p, &n, "weekday", "required");
	else if (strlen(in->weekday) != 1 || in->weekday[0] < '0' || in->weekday[0] > '6')
		problem(p, &n, "weekday", "invalid_choice");
	if (empty(in->at_time))
		problem(p, &n, "at_time", "required");
	else if (!group_time_valid(in->at_time))
		problem(p, &n, "at_time", "invalid_time");
	if (empty(in->minutes)) {
		problem(p, &n, "minutes", "required");
	} else {
		v = strtol(in->minutes, &end, 10);
		if (*end != '\0' || strlen(in->minutes) > 4 || v < GROUP_MINUTES_MIN ||
		    v > GROUP_MINUTES_MAX)
			problem(p, &n, "minutes", "out_of_range");
	}
	if (empty(in->starts_on))
		problem(p, &n, "starts_on", "required");
	else if (!group_date_valid(in->starts_on))
		problem(p, &n, "starts_on", "invalid_date");
	if (!empty(in->ends_on) && !group_date_valid(in->ends_on))
		problem(p, &n, "ends_on", "invalid_date");
	else if (!empty(in->ends_on) && group_date_valid(in->starts_on) &&
	    strcmp(in->ends_on, in->starts_on) < 0)
		problem(p, &n, "ends_on", "before_start");
	text(p, &n, "place", in->place, GROUP_PLACE_MAX, false, false);
	text(p, &n, "video_url", in->video_url, GROUP_VIDEO_MAX, false, false);
	if (!empty(in->video_url) && (strncmp(in->video_url, "https://", 8) != 0 ||
	    strlen(in->video_url) < 12 || strpbrk(in->video_url, " \"<>") != NULL))
		problem(p, &n, "video_url", "not_https");
	if (empty(in->place) && empty(in->video_url))
		problem(p, &n, "place", "place_or_video");
	if (in->is_open == NULL || (strcmp(in->is_open, "1") != 0 && strcmp(in->is_open, "0") != 0))
		problem(p, &n, "is_open", "invalid_choice");
	return n;
}
