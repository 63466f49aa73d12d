/* Recovery check-ups: the schedule, statuses and checks (checkup.h). */
#include "core/checkup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/i18n.h"
#include "base/utf8.h"

#define DAY_US (INT64_C(86400) * 1000000)

static const char *const status_codes[CK_COUNT] = {"due", "done", "missed", "cancelled"};

const char *const checkup_questionnaire_codes[] = {"who-5", "barc-10", "audit-c", "audit"};
const size_t checkup_nquestionnaires =
    sizeof(checkup_questionnaire_codes) / sizeof(checkup_questionnaire_codes[0]);

const char *
checkup_status_code(enum checkup_status s)
{
	return s < CK_COUNT ? status_codes[s] : "";
}

bool
checkup_status_parse(const char *s, enum checkup_status *out)
{
	int i;

	for (i = 0; s != NULL && i < CK_COUNT; i++)
		if (strcmp(s, status_codes[i]) == 0) {
			*out = (enum checkup_status)i;
			return true;
		}
	return false;
}

const char *
checkup_status_label(enum checkup_status s)
{
	switch (s) {
	case CK_DUE:
		return _("Coming up");
	case CK_DONE:
		return _("Done");
	case CK_MISSED:
		return _("Missed");
	case CK_CANCELLED:
	case CK_COUNT:
		break;
	}
	return _("Cancelled");
}

bool
checkup_may(enum checkup_status from, enum checkup_status to)
{
	switch (from) {
	case CK_DUE:
		return to == CK_DONE || to == CK_MISSED || to == CK_CANCELLED;
	case CK_MISSED:
		return to == CK_DONE || to == CK_CANCELLED;
	default:
		return false;
	}
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

bool
checkup_add_months(const char *ymd, int months, char out[11])
{
	int y, m, d, total;

	if (ymd == NULL || !clock_valid_date(ymd) || months < 0 || months > 1200)
		return false;
	y = atoi(ymd);
	m = atoi(ymd + 5);
	d = atoi(ymd + 8);
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	if (y > 9999)
		return false;
	if (d > month_days(y, m))
		d = month_days(y, m);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	    (unsigned)d % 100u);
	return true;
}

size_t
checkup_schedule(const char *starts_on, int every_months, int for_months, char (*due)[11],
    size_t max)
{
	size_t n = 0;
	int k;

	if (every_months < CHECKUP_EVERY_MIN || every_months > CHECKUP_EVERY_MAX ||
	    for_months < CHECKUP_FOR_MIN || for_months > CHECKUP_FOR_MAX)
		return 0;
	for (k = 1; k * every_months <= for_months && n < max; k++)
		if (!checkup_add_months(starts_on, k * every_months, due[n++]))
			return 0;
	return n;
}

bool
checkup_is_missed(int64_t due_us, int64_t now)
{
	return now >= due_us + CHECKUP_GRACE_DAYS * DAY_US;
}

bool
checkup_questionnaire_known(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < checkup_nquestionnaires; i++)
		if (strcmp(code, checkup_questionnaire_codes[i]) == 0)
			return true;
	return false;
}

static bool
valid_hm(const char *s)
{
	return s != NULL && strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' &&
	    s[1] <= '9' && s[2] == ':' && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' &&
	    s[4] <= '9' && (s[0] < '2' || s[1] <= '3');
}

bool
checkup_time_later(const char *hm, int minutes, char out[6])
{
	int t;

	if (!valid_hm(hm))
		return false;
	t = ((hm[0] - '0') * 10 + hm[1] - '0') * 60 + (hm[3] - '0') * 10 + hm[4] - '0';
	t = ((t + minutes) % (24 * 60) + 24 * 60) % (24 * 60);
	snprintf(out, 6, "%02u:%02u", (unsigned)(t / 60) % 100u, (unsigned)(t % 60) % 100u);
	return true;
}

/* A whole number from lo to hi; *code says what is wrong otherwise. */
static bool
number(const char *s, int lo, int hi, int *out, const char **code)
{
	char *end;
	long v;

	*code = NULL;
	if (s == NULL || *s == '\0') {
		*code = "required";
		return false;
	}
	if (!utf8_valid(s, strlen(s)) || *s < '0' || *s > '9') {
		*code = "invalid_format";
		return false;
	}
	v = strtol(s, &end, 10);
	if (*end != '\0') {
		*code = "invalid_format";
		return false;
	}
	if (v < lo || v > hi || strlen(s) > 4) {
		*code = "out_of_range";
		return false;
	}
	*out = (int)v;
	return true;
}

static void
problem(struct checkup_problem *p, size_t max, size_t *n, const char *field, const char *code)
{
	if (*n < max) {
		p[*n].field = field;
		p[*n].code = code;
	}
	(*n)++;
}

size_t
checkup_check_input(struct arena *a, const struct checkup_input *in, const char *today,
    struct checkup_plan_fields *out, struct checkup_problem *p, size_t max)
{
	const char *code;
	struct buf b;
	int32_t diff;
	size_t n = 0, i, j;

	memset(out, 0, sizeof(*out));
	if (in->starts_on == NULL || *in->starts_on == '\0')
		problem(p, max, &n, "starts_on", "required");
	else if (!utf8_valid(in->starts_on, strlen(in->starts_on)) ||
	    !clock_valid_date(in->starts_on))
		problem(p, max, &n, "starts_on", "invalid_format");
	else if ((diff = clock_date_diff(today, in->starts_on)) < -CHECKUP_START_BACK_DAYS ||
	    diff > CHECKUP_START_AHEAD_DAYS)
		problem(p, max, &n, "starts_on", "out_of_range");
	else
		memcpy(out->starts_on, in->starts_on, 11);
	if (!number(in->every, CHECKUP_EVERY_MIN, CHECKUP_EVERY_MAX, &out->every, &code))
		problem(p, max, &n, "every", code);
	if (!number(in->for_months, CHECKUP_FOR_MIN, CHECKUP_FOR_MAX, &out->for_months, &code))
		problem(p, max, &n, "for_months", code);
	else if (out->every > 0 && out->for_months < out->every)
		problem(p, max, &n, "for_months", "out_of_range");
	if (in->at_time == NULL || *in->at_time == '\0')
		problem(p, max, &n, "at_time", "required");
	else if (!valid_hm(in->at_time))
		problem(p, max, &n, "at_time", "invalid_format");
	else
		memcpy(out->at_time, in->at_time, 6);
	buf_init(&b, a);
	for (i = 0; i < in->nquestionnaires; i++) {
		if (!checkup_questionnaire_known(in->questionnaires[i])) {
			problem(p, max, &n, "questionnaires", "invalid_choice");
			break;
		}
		for (j = 0; j < i; j++)
			if (strcmp(in->questionnaires[i], in->questionnaires[j]) == 0)
				break;
		if (j < i)
			continue;
		if (b.len > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, in->questionnaires[i]);
	}
	if (in->nquestionnaires == 0)
		problem(p, max, &n, "questionnaires", "required");
	out->questionnaires = b.len > 0 ? b.data : "";
	return n;
}
