#include "base/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "base/err.h"

static int
digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static bool
parse_date(const char *s, struct tm *tm)
{
	int y, m, d;

	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return false;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	return true;
}

bool
clock_valid_date(const char *s)
{
	struct tm tm;

	return strlen(s) == 10 && parse_date(s, &tm);
}

int32_t
clock_date_day(const char *s)
{
	struct tm tm;

	if (s == NULL || strlen(s) != 10 || !parse_date(s, &tm))
		return INT32_MIN;
	return (int32_t)(timegm(&tm) / 86400);
}

void
clock_day_date(int32_t day, char out[11])
{
	time_t t = (time_t)day * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int32_t
clock_date_diff(const char *a, const char *b)
{
	int32_t x = clock_date_day(a), y = clock_date_day(b);

	return x == INT32_MIN || y == INT32_MIN ? INT32_MIN : y - x;
}

int
clock_parse_instant(const char *s, int64_t *us)
{
	struct tm tm;
	int h, mi, sec, frac = 0, nfrac = 0;
	const char *p;

	if (strlen(s) < 20 || !parse_date(s, &tm) || s[10] != 'T' ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) ||
	    s[16] != ':' || digits(s + 17, 2, &sec) || h > 23 || mi > 59 ||
	    sec > 59)
		return ERR_INVALID;
	p = s + 19;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (nfrac < 6) {
				frac = frac * 10 + (*p - '0');
				nfrac++;
			}
		}
		if (nfrac == 0)
			return ERR_INVALID;
		for (; nfrac < 6; nfrac++)
			frac *= 10;
	}
	if (strcmp(p, "Z") != 0)
		return ERR_INVALID;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*us = (int64_t)timegm(&tm) * US_PER_SEC + frac;
	return 0;
}

void
clock_format_instant(int64_t us, char out[28])
{
	time_t t = (time_t)(us / US_PER_SEC);
	long frac = (long)(us % US_PER_SEC);
	struct tm tm;
	char tmp[64];

	if (frac < 0) {
		frac += US_PER_SEC;
		t--;
	}
	gmtime_r(&t, &tm);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, frac);
	snprintf(out, 28, "%.27s", tmp);
}

void
clock_format_datetime(int64_t us, char out[21])
{
	char iso[28];

	clock_format_instant(us, iso);
	memcpy(out, iso, 19);           /* the fraction is rounded down there too */
	out[19] = 'Z';
	out[20] = '\0';
}

#if ROSC_TEST_CLOCK
static bool
test_now(int64_t *us)
{
	const char *v = getenv("ROSC_TEST_NOW");
	char line[64];
	FILE *f;

	if (v == NULL || *v == '\0')
		return false;
	if (strncmp(v, "file:", 5) != 0)
		return clock_parse_instant(v, us) == 0;
	f = fopen(v + 5, "r");
	if (f == NULL)
		return false;
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	return clock_parse_instant(line, us) == 0;
}
#endif

int64_t
clock_now_us(void)
{
	struct timespec ts;

#if ROSC_TEST_CLOCK
	int64_t us;

	if (test_now(&us))
		return us;
#endif
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * US_PER_SEC + ts.tv_nsec / 1000;
}

int64_t
clock_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * US_PER_SEC + ts.tv_nsec / 1000;
}
