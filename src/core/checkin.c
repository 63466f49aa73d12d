/* Check-ins (see checkin.h). */
#include "core/checkin.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/utf8.h"

static const char *const use_codes[CU_COUNT] = {NULL, "none", "little", "lot"};
const int checkin_rhythms[CHECKIN_RHYTHMS] = {0, 1, 2, 3, 7};

const char *
checkin_use_code(enum checkin_use u)
{
	return (unsigned)u < CU_COUNT ? use_codes[u] : NULL;
}

bool
checkin_use_parse(const char *s, enum checkin_use *out)
{
	unsigned i;

	if (s == NULL || *s == '\0') {
		*out = CU_SKIPPED;
		return true;
	}
	for (i = 1; i < CU_COUNT; i++)
		if (strcmp(s, use_codes[i]) == 0) {
			*out = (enum checkin_use)i;
			return true;
		}
	return false;
}

const char *
checkin_check_scale(const char *v, int min, int max, int *out)
{
	long x;
	char *end;

	*out = 0;
	if (v == NULL || *v == '\0')
		return "required";
	/* Digits only (an optional minus), no spaces, no "3.5" or "1e1". */
	if (strspn(v + (*v == '-'), "0123456789") != strlen(v + (*v == '-')) ||
	    v[*v == '-'] == '\0' || strlen(v) > 6)
		return "invalid_format";
	x = strtol(v, &end, 10);
	if (x < min || x > max)
		return "out_of_range";
	*out = (int)x;
	return NULL;
}

const char *
checkin_check_line(const char *v)
{
	size_t len;

	if (v == NULL)
		return NULL;
	len = strlen(v);
	/* One line: no line breaks or other control characters. */
	if (!utf8_valid_text(v, len) || strpbrk(v, "\r\n\t") != NULL)
		return "invalid_format";
	if (utf8_count(v, len) > CHECKIN_LINE_MAX)
		return "too_long";
	return NULL;
}

static bool
in_range(int v, int min, int max)
{
	return v >= min && v <= max;
}

bool
checkin_valid(const struct checkin *c, const char **field, const char **code)
{
	*field = NULL;
	*code = NULL;
	if (!in_range(c->mood, 1, CHECKIN_MOOD_MAX))
		*field = "mood";
	else if (!in_range(c->craving, 0, CHECKIN_CRAVING_MAX))
		*field = "craving";
	else if ((unsigned)c->use >= CU_COUNT)
		*field = "use";
	else if (!in_range(c->sleep, 1, CHECKIN_MOOD_MAX))
		*field = "sleep";
	else if (!in_range(c->supported, 1, CHECKIN_MOOD_MAX))
		*field = "supported";
	if (*field != NULL) {
		*code = "out_of_range";
		return false;
	}
	if ((*code = checkin_check_line(c->line)) != NULL) {
		*field = "line";
		return false;
	}
	if (!clock_valid_date(c->day)) {
		*field = "day";
		*code = "invalid_format";
		return false;
	}
	return true;
}

bool
checkin_rhythm_valid(int every_days)
{
	int i;

	for (i = 0; i < CHECKIN_RHYTHMS; i++)
		if (checkin_rhythms[i] == every_days)
			return true;
	return false;
}

void
checkin_pref_default(struct checkin_pref *p)
{
	memset(p, 0, sizeof(*p));
	strcpy(p->remind_at, "20:00");
	p->channel = REM_EMAIL;
}

int
checkin_streak(const char *const *days, size_t n, int every_days, const char *today)
{
	int32_t t = clock_date_day(today), latest, period = 0, d;
	int step = every_days > 0 ? every_days : 1, streak = 0;
	size_t i;

	if (n == 0 || t == INT32_MIN || (latest = clock_date_day(days[0])) == INT32_MIN ||
	    t - latest > step)
		return 0;
	/* Period k holds the days (latest - (k+1)*step, latest - k*step]. */
	for (i = 0; i < n; i++) {
		if ((d = clock_date_day(days[i])) == INT32_MIN || d > latest)
			continue;
		int32_t k = (latest - d) / step;

		if (k == period) {
			streak = period + 1;
			period++;
		} else if (k > period) {
			break;          /* a period without a check-in */
		}
	}
	return streak;
}

bool
checkin_monday(const char *day, char out[11])
{
	int32_t d = clock_date_day(day);

	if (d == INT32_MIN)
		return false;
	/* Day 0 (1970-01-01) was a Thursday. */
	d -= ((d % 7) + 7 + 3) % 7;
	clock_day_date(d, out);
	return true;
}

size_t
checkin_weeks(const struct checkin *c, size_t n, struct checkin_week *out, size_t max)
{
	size_t i, j, nw = 0;
	char mon[11];

	for (i = 0; i < n; i++) {
		if (!checkin_monday(c[i].day, mon))
			continue;
		for (j = 0; j < nw && strcmp(out[j].monday, mon) != 0; j++)
			;
		if (j == nw) {
			if (nw == max) {
				/* Keep the newest: drop the oldest if this is newer. */
				size_t old = 0, k;

				for (k = 1; k < nw; k++)
					if (strcmp(out[k].monday, out[old].monday) < 0)
						old = k;
				if (nw == 0 || strcmp(mon, out[old].monday) < 0)
					continue;
				j = old;
			} else {
				nw++;
			}
			memset(&out[j], 0, sizeof(out[j]));
			memcpy(out[j].monday, mon, sizeof(mon));
		}
		out[j].count++;
		out[j].mood += c[i].mood;     /* the sum, until the end */
		if (c[i].use == CU_LITTLE || c[i].use == CU_LOT)
			out[j].use = true;
	}
	for (j = 0; j < nw; j++) {
		out[j].mood /= out[j].count;
		out[j].good = !out[j].use && out[j].mood >= 3.0;
	}
	/* Newest first (a few weeks: insertion sort). */
	for (i = 1; i < nw; i++)
		for (j = i; j > 0 && strcmp(out[j - 1].monday, out[j].monday) < 0; j--) {
			struct checkin_week w = out[j];

			out[j] = out[j - 1];
			out[j - 1] = w;
		}
	return nw;
}

bool
checkin_reminder_due(const struct checkin_pref *p, const char *last_day, const char *today,
    const char *now_hm)
{
	int32_t t = clock_date_day(today), from, start, r;
	int n = p->every_days;

	if (n <= 0 || !p->remind || p->channel == REM_NONE || t == INT32_MIN ||
	    strcmp(now_hm, p->remind_at) < 0)
		return false;
	r = p->reminded_day[0] != '\0' ? clock_date_day(p->reminded_day) : INT32_MIN;
	if (last_day == NULL || *last_day == '\0') {
		/* Never checked in: once every n days. */
		return r == INT32_MIN || t - r >= n;
	}
	if ((from = clock_date_day(last_day)) == INT32_MIN)
		return false;
	from += n;                  /* the first day one is due */
	if (t < from)
		return false;
	start = from + (t - from) / n * n;     /* this due period's first day */
	return r == INT32_MIN || r < start;
}

void
checkin_reminder_text(const char **subject, const char **body)
{
	*subject = _("A moment for your check-in");
	*body = _("Hello. If you have a moment, your check-in is ready in rosc. "
	    "It takes less than a minute. Take care.");
}
