/* The service directory's names and rules. */
#include "core/directory.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "base/utf8.h"

static const char *const stage_codes[STAGE_COUNT] = {
	"prevention", "early_intervention", "treatment", "recovery_support",
	"reintegration",
};

static const char *const stage_labels[STAGE_COUNT] = {
	N_("Prevention"),
	N_("Early intervention"),
	N_("Treatment"),
	N_("Recovery support"),
	N_("Social reintegration"),
};

const char *
stage_code(enum stage s)
{
	return (unsigned)s < STAGE_COUNT ? stage_codes[s] : "";
}

bool
stage_parse(const char *s, enum stage *out)
{
	int i;

	for (i = 0; s != NULL && i < STAGE_COUNT; i++) {
		if (strcmp(s, stage_codes[i]) == 0) {
			*out = (enum stage)i;
			return true;
		}
	}
	return false;
}

const char *
stage_label(enum stage s)
{
	return (unsigned)s < STAGE_COUNT ? _(stage_labels[s]) : "";
}

const char *
service_search_key(struct arena *a, const struct service *s, const char *org_name)
{
	struct buf b;
	const char *parts[4];
	size_t i;

	buf_init(&b, a);

	parts[0] = s->name;
	parts[1] = s->alternate_name;
	parts[2] = s->description;
	parts[3] = org_name;
	for (i = 0; i < 4; i++) {
		if (parts[i] == NULL || parts[i][0] == '\0')
			continue;
		if (b.len > 0)
			buf_puts(&b, " ");
		buf_puts(&b, parts[i]);
	}
	return person_name_key(a, b.len ? b.data : "");
}

/* ",a,b," from the bits set in `bits`, named by codes[]. */
static const char *
bits_to_text(struct arena *a, unsigned bits, const char *(*code)(int), int count)
{
	struct buf b;
	int i;

	buf_init(&b, a);
	buf_puts(&b, ",");
	for (i = 0; i < count; i++) {
		if (bits & (1u << i)) {
			buf_puts(&b, code(i));
			buf_puts(&b, ",");
		}
	}
	return b.data;
}

/* Reads ",a,b," (or "a,b"); false for an unknown code. */
static bool
bits_parse(const char *text, unsigned *out, bool (*parse)(const char *, int *))
{
	char word[64];
	const char *p = text, *e;
	int v;

	*out = 0;
	if (text == NULL)
		return true;
	while (*p) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p) {
			if ((size_t)(e - p) >= sizeof(word))
				return false;
			memcpy(word, p, (size_t)(e - p));
			word[e - p] = '\0';
			if (!parse(word, &v))
				return false;
			*out |= 1u << v;
		}
		p = *e ? e + 1 : e;
	}
	return true;
}

static const char *
dom_code(int i)
{
	return domain_code((enum domain)i);
}

static bool
dom_parse(const char *s, int *v)
{
	enum domain d;

	if (!domain_parse(s, &d))
		return false;
	*v = (int)d;
	return true;
}

static const char *
cat_code(int i)
{
	return category_code((enum category)i);
}

static bool
cat_parse(const char *s, int *v)
{
	enum category c;

	if (!category_parse(s, &c))
		return false;
	*v = (int)c;
	return true;
}

const char *
domains_to_text(struct arena *a, unsigned domains)
{
	return bits_to_text(a, domains, dom_code, DOM_COUNT);
}

bool
domains_parse(const char *text, unsigned *out)
{
	return bits_parse(text, out, dom_parse);
}

const char *
categories_to_text(struct arena *a, unsigned cats)
{
	return bits_to_text(a, cats, cat_code, CAT_COUNT);
}

bool
categories_parse(const char *text, unsigned *out)
{
	return bits_parse(text, out, cat_parse);
}

static const char *const weekday_codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
static const char *const weekday_labels[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
	N_("Saturday"), N_("Sunday"),
};

const char *
weekday_code(int wd)
{
	return wd >= 0 && wd < 7 ? weekday_codes[wd] : "";
}

int
weekday_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < 7; i++)
		if (strcmp(s, weekday_codes[i]) == 0)
			return i;
	return -1;
}

const char *
weekday_label(int wd)
{
	return wd >= 0 && wd < 7 ? _(weekday_labels[wd]) : "";
}

/* "HH:MM" for a minute of the day (0..1439) into out[6]. */
static void
hhmm(int minute, char out[6])
{
	unsigned m = (unsigned)minute % 1440u;

	out[0] = (char)('0' + m / 600);
	out[1] = (char)('0' + m / 60 % 10);
	out[2] = ':';
	out[3] = (char)('0' + m % 60 / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
}

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
schedule_time_valid(const char *s)
{
	return s != NULL && strlen(s) == 5 && digit(s[0]) && digit(s[1]) && s[2] == ':' &&
	    digit(s[3]) && digit(s[4]) && (s[0] - '0') * 10 + (s[1] - '0') < 24 &&
	    s[3] < '6';
}

bool
schedule_open_at(const char *byday, const char *opens, const char *closes, int wd,
    int minute)
{
	char now[6];
	int day = weekday_parse(byday);

	if (day < 0 || !schedule_time_valid(opens) || !schedule_time_valid(closes))
		return false;
	hhmm(minute, now);
	if (day == wd && strcmp(opens, now) <= 0 &&
	    (strcmp(closes, now) > 0 || strcmp(closes, opens) <= 0 ||
	    strcmp(closes, "23:59") == 0))
		return true;
	/* The tail of a slot that began the day before and runs past midnight. */
	return (day + 1) % 7 == wd && strcmp(closes, opens) < 0 && strcmp(closes, now) > 0;
}

bool
schedule_open_now(const struct dir_schedule *sc, int64_t now)
{
	int wd, minute;

	if (!timefmt_local_week(now, sc->timezone ? sc->timezone : "UTC", &wd, &minute))
		return false;
	return schedule_open_at(sc->byday, sc->opens_at, sc->closes_at, wd, minute);
}

int
open_slots(struct arena *a, const char *const *zones, size_t n, int64_t now,
    struct open_slot *out)
{
	struct buf b[OPEN_SLOTS];
	int used = 0, wd, minute, k;
	size_t i;

	for (i = 0; i < n; i++) {
		char time[6];

		if (!timefmt_local_week(now, zones[i], &wd, &minute))
			continue;
		hhmm(minute, time);
		for (k = 0; k < used; k++)
			if (strcmp(out[k].day, weekday_code(wd)) == 0 &&
			    strcmp(out[k].time, time) == 0)
				break;
		if (k == used) {
			if (used == OPEN_SLOTS)
				return -1;
			out[k].day = weekday_code(wd);
			out[k].prev = weekday_code((wd + 6) % 7);
			memcpy(out[k].time, time, sizeof(time));
			buf_init(&b[k], a);
			buf_puts(&b[k], "|");
			used++;
		}
		buf_puts(&b[k], zones[i]);
		buf_puts(&b[k], "|");
	}
	for (k = 0; k < used; k++)
		out[k].zones = b[k].data;
	return used;
}

static const struct {
	const char *code, *label;
} language_labels[] = {
	{"ar", N_("Arabic")}, {"da", N_("Danish")}, {"de", N_("German")},
	{"en", N_("English")}, {"nl", N_("Dutch")}, {"pl", N_("Polish")},
	{"tr", N_("Turkish")}, {"uk", N_("Ukrainian")},
};

const char *
language_label(const char *code, const char *fallback)
{
	size_t i;

	for (i = 0; code != NULL && i < sizeof(language_labels) / sizeof(language_labels[0]);
	    i++)
		if (strcmp(code, language_labels[i].code) == 0)
			return _(language_labels[i].label);
	return fallback != NULL && *fallback ? fallback : code ? code : "";
}

/* "1", "true", "yes", "on": true; absent, "", "0", "false", "no": false. */
static bool
flag_parse(const char *s, bool *out)
{
	static const char *const yes[] = {"1", "true", "yes", "on"};
	static const char *const no[] = {"", "0", "false", "no", "off"};
	size_t i;

	*out = false;
	if (s == NULL)
		return true;
	for (i = 0; i < 4; i++)
		if (strcmp(s, yes[i]) == 0)
			return (*out = true);
	for (i = 0; i < 5; i++)
		if (strcmp(s, no[i]) == 0)
			return true;
	return false;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The cursor is the hex of "NAME\nID": opaque to clients, and nothing in it
 * needs escaping in a URL. */
const char *
service_cursor(struct arena *a, const char *name, const char *id)
{
	static const char hex[] = "0123456789abcdef";
	struct buf b;
	const char *parts[2] = {name, id};
	size_t i, k;

	buf_init(&b, a);
	for (k = 0; k < 2; k++) {
		if (k == 1)
			buf_puts(&b, "0a");
		for (i = 0; parts[k][i]; i++) {
			buf_putc(&b, hex[(unsigned char)parts[k][i] >> 4]);
			buf_putc(&b, hex[(unsigned char)parts[k][i] & 15]);
		}
	}
	return b.data;
}

static bool
cursor_parse(struct arena *a, const char *s, const char **name, const char **id)
{
	size_t len = strlen(s), i;
	char *out, *nl;

	if (len == 0 || len % 2 != 0 || len > 4 * (SERVICE_NAME_MAX * 4 + HSDS_ID_MAX))
		return false;
	out = arena_alloc(a, len / 2 + 1);
	for (i = 0; i < len / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
			return false;
		out[i] = (char)(hi << 4 | lo);
	}
	out[len / 2] = '\0';
	if (!utf8_valid(out, len / 2) || (nl = strchr(out, '\n')) == NULL || nl == out ||
	    nl[1] == '\0' || strchr(nl + 1, '\n') != NULL)
		return false;
	*nl = '\0';
	*name = out;
	*id = nl + 1;
	return true;
}

const char *
service_query_parse(struct arena *a, const struct service_filters *f, int64_t now,
    struct service_query *q)
{
	enum domain d;
	char *text, *w, *save = NULL;
	size_t nwords = 0, i;

	memset(q, 0, sizeof(*q));
	q->stage = STAGE_NONE;
	q->domain = -1;
	q->limit = SERVICE_LIMIT_DEFAULT;
	q->now = now;
	if (f->q != NULL) {
		if (utf8_count(f->q, strlen(f->q)) > SERVICE_Q_MAX)
			return "q";
		text = arena_strdup(a, f->q);
		for (w = strtok_r(text, " \t\r\n,", &save); w != NULL;
		    w = strtok_r(NULL, " \t\r\n,", &save)) {
			const char *key = person_name_key(a, w);

			if (*key == '\0')
				continue;
			if (nwords == SERVICE_QUERY_WORDS)
				break;           /* more words narrow little; four is enough */
			q->words[nwords++] = key;
		}
	}
	if (f->stage != NULL && *f->stage && !stage_parse(f->stage, &q->stage))
		return "stage";
	if (f->domain != NULL && *f->domain) {
		if (!domain_parse(f->domain, &d))
			return "domain";
		q->domain = (int)d;
	}
	if (f->lang != NULL && *f->lang) {
		if (strlen(f->lang) < 2 || strlen(f->lang) > 8)
			return "lang";
		for (i = 0; f->lang[i]; i++)
			if (f->lang[i] < 'a' || f->lang[i] > 'z')
				return "lang";
		q->lang = f->lang;
	}
	if (!flag_parse(f->video, &q->video_only))
		return "video";
	if (!flag_parse(f->capacity, &q->capacity_only))
		return "capacity";
	if (!flag_parse(f->open_now, &q->open_now))
		return "open_now";
	if (f->limit != NULL) {
		char *end;
		long v = strtol(f->limit, &end, 10);

		if (*f->limit == '\0' || *end != '\0' || v < 1 || v > SERVICE_LIMIT_MAX)
			return "limit";
		q->limit = (int)v;
	}
	if (f->after != NULL && *f->after &&
	    !cursor_parse(a, f->after, &q->after_name, &q->after_id))
		return "after";
	return NULL;
}
