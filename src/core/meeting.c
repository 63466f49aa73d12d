/* Self-help meetings: the Meeting Guide feed, the type codes and the
 * weekly times (core/meeting.h). */
#include "core/meeting.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "base/utf8.h"
#include "core/person.h"

/* The type codes of the Meeting Guide format and their English words
 * (code4recovery's data/types.json), with ONL (online), which feeds use
 * and that file leaves out. lang: the language a type names. */
const struct meeting_type meeting_types[] = {
	{"11", N_("11th Step Meditation"), NULL},
	{"12x12", N_("12 Steps & 12 Traditions"), NULL},
	{"A", N_("Secular"), NULL},
	{"ABSI", N_("As Bill Sees It"), NULL},
	{"AF", N_("Afrikaans"), "af"},
	{"AL", N_("Concurrent with Alateen"), NULL},
	{"AL-AN", N_("Concurrent with Al-Anon"), NULL},
	{"AM", N_("Amharic"), "am"},
	{"AR", N_("Arabic"), "ar"},
	{"ASL", N_("American Sign Language"), NULL},
	{"B", N_("Big Book"), NULL},
	{"BA", N_("Babysitting Available"), NULL},
	{"BE", N_("Newcomer"), NULL},
	{"BG", N_("Bulgarian"), "bg"},
	{"BI", N_("Bisexual"), NULL},
	{"BRK", N_("Breakfast"), NULL},
	{"C", N_("Closed"), NULL},
	{"CAN", N_("Candlelight"), NULL},
	{"CF", N_("Child-Friendly"), NULL},
	{"D", N_("Discussion"), NULL},
	{"DA", N_("Danish"), "da"},
	{"DB", N_("Digital Basket"), NULL},
	{"DD", N_("Dual Diagnosis"), NULL},
	{"DE", N_("German"), "de"},
	{"DR", N_("Daily Reflections"), NULL},
	{"EL", N_("Greek"), "el"},
	{"EN", N_("English"), "en"},
	{"FA", N_("Persian"), "fa"},
	{"FF", N_("Fragrance Free"), NULL},
	{"FI", N_("Finnish"), "fi"},
	{"FR", N_("French"), "fr"},
	{"G", N_("Gay"), NULL},
	{"GR", N_("Grapevine"), NULL},
	{"H", N_("Birthday"), NULL},
	{"HE", N_("Hebrew"), "he"},
	{"HI", N_("Hindi"), "hi"},
	{"HR", N_("Croatian"), "hr"},
	{"HU", N_("Hungarian"), "hu"},
	{"IS", N_("Icelandic"), "is"},
	{"ITA", N_("Italian"), "it"},
	{"JA", N_("Japanese"), "ja"},
	{"KA", N_("Georgian"), "ka"},
	{"KOR", N_("Korean"), "ko"},
	{"L", N_("Lesbian"), NULL},
	{"LGBTQ", N_("LGBTQ"), NULL},
	{"LIT", N_("Literature"), NULL},
	{"LS", N_("Living Sober"), NULL},
	{"LT", N_("Lithuanian"), "lt"},
	{"M", N_("Men"), NULL},
	{"MED", N_("Meditation"), NULL},
	{"ML", N_("Malayalam"), "ml"},
	{"MT", N_("Maltese"), "mt"},
	{"N", N_("Native American"), NULL},
	{"NB", N_("Non-Binary"), NULL},
	{"NDG", N_("Indigenous"), NULL},
	{"NE", N_("Nepali"), "ne"},
	{"NL", N_("Dutch"), "nl"},
	{"NO", N_("Norwegian"), "no"},
	{"O", N_("Open"), NULL},
	{"ONL", N_("Online"), NULL},
	{"OUT", N_("Outdoor"), NULL},
	{"P", N_("Professionals"), NULL},
	{"POA", N_("Proof of Attendance"), NULL},
	{"POC", N_("People of Color"), NULL},
	{"POL", N_("Polish"), "pl"},
	{"POR", N_("Portuguese"), "pt"},
	{"PUN", N_("Punjabi"), "pa"},
	{"RUS", N_("Russian"), "ru"},
	{"S", N_("Spanish"), "es"},
	{"SEN", N_("Seniors"), NULL},
	{"SK", N_("Slovak"), "sk"},
	{"SL", N_("Slovenian"), "sl"},
	{"SM", N_("Smoking Permitted"), NULL},
	{"SP", N_("Speaker"), NULL},
	{"ST", N_("Step Study"), NULL},
	{"SV", N_("Swedish"), "sv"},
	{"T", N_("Transgender"), NULL},
	{"TC", N_("Location Temporarily Closed"), NULL},
	{"TH", N_("Thai"), "th"},
	{"TL", N_("Tagalog"), "tl"},
	{"TR", N_("Tradition Study"), NULL},
	{"TUR", N_("Turkish"), "tr"},
	{"UK", N_("Ukrainian"), "uk"},
	{"W", N_("Women"), NULL},
	{"X", N_("Wheelchair Access"), NULL},
	{"XB", N_("Wheelchair-Accessible Bathroom"), NULL},
	{"XT", N_("Cross Talk Permitted"), NULL},
	{"Y", N_("Young People"), NULL},
};
const size_t meeting_types_count = sizeof(meeting_types) / sizeof(meeting_types[0]);

const char *
meeting_type_label(const char *code)
{
	size_t i;

	for (i = 0; i < meeting_types_count; i++)
		if (strcmp(meeting_types[i].code, code) == 0)
			return _(meeting_types[i].label);
	return code;
}

const char *
meeting_lang_type(const char *iso)
{
	size_t i;

	for (i = 0; i < meeting_types_count; i++)
		if (meeting_types[i].lang != NULL && strcmp(meeting_types[i].lang, iso) == 0)
			return meeting_types[i].code;
	return NULL;
}

bool
meeting_has_type(const struct meeting *m, const char *code)
{
	const char *p = m->types;
	size_t n = strlen(code);

	while (p != NULL && (p = strstr(p, code)) != NULL) {
		if (p > m->types && p[-1] == ' ' && p[n] == ' ')
			return true;
		p++;
	}
	return false;
}

static const char *const day_names[7] = {
	N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"),
};
static const char *const day_plurals[7] = {
	N_("Sundays"), N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"),
	N_("Fridays"), N_("Saturdays"),
};

const char *
meeting_day_name(int d)
{
	return d >= 0 && d < 7 ? _(day_names[d]) : "";
}

/* The plural day names of days, Monday first, separated by commas. */
static struct buf
days_list(struct arena *a, unsigned days)
{
	struct buf b;
	int d;

	buf_init(&b, a);
	/* Monday first, as people in Denmark and the Netherlands count. */
	for (d = 1; d <= 7; d++) {
		if (!(days & (1u << (d % 7))))
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, _(day_plurals[d % 7]));
	}
	return b;
}

const char *
meeting_days_text(struct arena *a, unsigned days)
{
	struct buf b;

	if (days == 0x7f)
		return _("Every day");
	b = days_list(a, days);
	/* Day names are lower-case in Danish and Dutch; the list starts a
	 * sentence. */
	if (b.len > 0 && b.data[0] >= 'a' && b.data[0] <= 'z')
		b.data[0] = (char)(b.data[0] - 'a' + 'A');
	return b.len ? b.data : "";
}

const char *
meeting_days_phrase(struct arena *a, unsigned days)
{
	struct buf b;

	if (days == 0x7f)
		return _("every day");
	b = days_list(a, days);
	return b.len ? b.data : "";
}

bool
meeting_near(const struct meeting *m, const char *area_key, const char *tz)
{
	const char *const where[] = {m->location, m->address, m->formatted_address, m->city};
	bool place = false;
	size_t i;

	for (i = 0; i < sizeof(where) / sizeof(where[0]); i++)
		place = place || (where[i] != NULL && *where[i] != '\0');
	if (!place)
		return false;
	if (area_key != NULL && *area_key != '\0')
		return m->search != NULL && strstr(m->search, area_key) != NULL;
	return tz != NULL && m->time_zone != NULL && strcmp(m->time_zone, tz) == 0;
}

/* Reading a feed */

static const char *
problem_words(const char *code)
{
	static const struct {
		const char *code, *text;
	} t[] = {
		{"required", N_("is required")},
		{"invalid_format", N_("has the wrong form")},
		{"invalid_json", N_("is not a JSON list of meetings")},
		{"too_long", N_("is too long")},
		{"out_of_range", N_("is out of range")},
		{"too_many", N_("has too many entries")},
		{"too_few", N_("has too few entries")},
		{"day_range", N_("must be 0 to 6 (0 is Sunday)")},
		{"time_format", N_("must be a time such as 19:30 (24-hour clock)")},
		{"unknown_zone", N_("is not a time zone (such as Europe/Copenhagen)")},
		{"url_format", N_("must be a web address starting with https:// or http://")},
		{"phone_format", N_("must be digits, with + first and , * # to dial on")},
		{"type_format", N_("must be a list of type codes such as \"O\" or \"EN\"")},
		{"slug_format", N_("must be text or a whole number, without spaces")},
		{"updated_format", N_("must be a time written YYYY-MM-DD HH:MM:SS")},
		{"duplicate", N_("is used by another meeting in the feed")},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].code, code) == 0)
			return _(t[i].text);
	return code;
}

const char *
meeting_problem_text(const char *code)
{
	return problem_words(code);
}

/* "7:30" or "19:30" as "HH:MM"; NULL if it is not a time of day. */
static const char *
parse_hm(struct arena *a, const char *s)
{
	int h, m;
	size_t hl = strspn(s, "0123456789");

	if (hl < 1 || hl > 2 || s[hl] != ':' || strspn(s + hl + 1, "0123456789") != 2 ||
	    s[hl + 3] != '\0')
		return NULL;
	h = atoi(s);
	m = atoi(s + hl + 1);
	if (h > 23 || m > 59)
		return NULL;
	return arena_printf(a, "%02d:%02d", h, m);
}

static int
hm_minutes(const char *hm)
{
	return atoi(hm) * 60 + atoi(hm + 3);
}

static bool
valid_url(const char *s)
{
	size_t i;

	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return false;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '"' || s[i] == '<' || s[i] == '>')
			return false;
	return strlen(s) > (s[4] == 's' ? 8u : 7u);
}

/* The format's pattern, ^[+]?\d{1,15}(?:[,*#]\d+)*$, is stricter than its
 * own examples ("+1234567890,1234#") and real feeds (",,"): a + first,
 * one to fifteen digits, then digits and the pauses , * # to dial on. */
static bool
valid_phone(const char *s)
{
	size_t n;

	if (*s == '+')
		s++;
	n = strspn(s, "0123456789");
	if (n < 1 || n > 15)
		return false;
	return strspn(s + n, "0123456789,*#") == strlen(s + n);
}

static bool
valid_updated(const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	size_t i;

	if (strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return false;
	return true;
}

static bool
valid_type(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 10 &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* The slug: a string, or a whole number as real feeds have it. */
static const char *
read_slug(struct jr *c, json_t *o, const char *path)
{
	json_t *v = json_object_get(o, "slug");
	const char *s;
	size_t i, n;

	if (v == NULL || json_is_null(v)) {
		jr_problem(c, jr_join(c, path, "slug"), "required");
		return NULL;
	}
	if (json_is_integer(v))
		return arena_printf(c->a, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	if (!json_is_string(v)) {
		jr_problem(c, jr_join(c, path, "slug"), "slug_format");
		return NULL;
	}
	s = jr_str(c, o, "slug", path, MEETING_SLUG_MAX, true);
	if (s == NULL)
		return NULL;
	for (i = 0, n = strlen(s); i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '/' || s[i] == '\\') {
			jr_problem(c, jr_join(c, path, "slug"), "slug_format");
			return NULL;
		}
	return s;
}

static unsigned
read_days(struct jr *c, json_t *o, const char *path)
{
	json_t *v = json_object_get(o, "day"), *d;
	const char *p = jr_join(c, path, "day");
	unsigned days = 0;
	size_t i;

	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_integer(v)) {
		if (json_integer_value(v) < 0 || json_integer_value(v) > 6) {
			jr_problem(c, p, "day_range");
			return 0;
		}
		return 1u << json_integer_value(v);
	}
	if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > 7) {
		jr_problem(c, p, json_is_array(v) ? "day_range" : "invalid_format");
		return 0;
	}
	json_array_foreach(v, i, d) {
		if (!json_is_integer(d) || json_integer_value(d) < 0 ||
		    json_integer_value(d) > 6) {
			jr_problem(c, jr_at(c, p, i), json_is_integer(d) ? "day_range" :
			    "invalid_format");
			continue;
		}
		days |= 1u << json_integer_value(d);
	}
	return days;
}

static const char *
read_time(struct jr *c, json_t *o, const char *key, const char *path, bool required)
{
	const char *s = jr_str(c, o, key, path, 8, required), *hm;

	if (s == NULL)
		return NULL;
	if ((hm = parse_hm(c->a, s)) == NULL)
		jr_problem(c, jr_join(c, path, key), "time_format");
	return hm;
}

static const char *
read_types(struct jr *c, json_t *o, const char *path, bool *online)
{
	json_t *v = json_object_get(o, "types"), *t;
	const char *p = jr_join(c, path, "types");
	struct buf b;
	size_t i;

	buf_init(&b, c->a);
	buf_putc(&b, ' ');
	if (v == NULL || json_is_null(v))
		return b.data;
	if (!json_is_array(v) || json_array_size(v) > MEETING_TYPES_MAX) {
		jr_problem(c, p, json_is_array(v) ? "too_many" : "type_format");
		return b.data;
	}
	json_array_foreach(v, i, t) {
		if (!json_is_string(t) || !valid_type(json_string_value(t))) {
			jr_problem(c, jr_at(c, p, i), "type_format");
			continue;
		}
		buf_puts(&b, json_string_value(t));
		buf_putc(&b, ' ');
		if (strcmp(json_string_value(t), "ONL") == 0)
			*online = true;
	}
	return b.data;
}

/* -lim <= v <= lim, and not NaN. */
static bool
fabs_ok(double v, double lim)
{
	return v >= -lim && v <= lim;
}

static void
read_geo(struct jr *c, json_t *o, const char *path, struct meeting *m)
{
	json_t *la = json_object_get(o, "latitude"), *lo = json_object_get(o, "longitude");
	bool ok = true;

	if ((la == NULL || json_is_null(la)) && (lo == NULL || json_is_null(lo)))
		return;
	if (la == NULL || !json_is_number(la) || !fabs_ok(json_number_value(la), 90.0)) {
		jr_problem(c, jr_join(c, path, "latitude"), la == NULL || json_is_null(la) ?
		    "required" : "out_of_range");
		ok = false;
	}
	if (lo == NULL || !json_is_number(lo) || !fabs_ok(json_number_value(lo), 180.0)) {
		jr_problem(c, jr_join(c, path, "longitude"), lo == NULL || json_is_null(lo) ?
		    "required" : "out_of_range");
		ok = false;
	}
	if (ok) {
		m->has_geo = true;
		m->latitude = json_number_value(la);
		m->longitude = json_number_value(lo);
	}
}

/* A text that may be absent; blank is absent. */
static const char *
text(struct jr *c, json_t *o, const char *key, const char *path, size_t max)
{
	return jr_str(c, o, key, path, max, false);
}

static void
fp_add(struct buf *b, const char *s)
{
	buf_puts(b, s != NULL ? s : "");
	buf_putc(b, '\x1f');
}

/* Everything kept, in one line, to tell an unchanged meeting. */
static const char *
fingerprint(struct arena *a, const struct meeting *m)
{
	struct buf b;

	buf_init(&b, a);
	buf_printf(&b, "%u\x1f", m->days);
	fp_add(&b, m->name);
	fp_add(&b, m->start_time);
	fp_add(&b, m->end_time);
	fp_add(&b, m->time_zone);
	fp_add(&b, m->types);
	fp_add(&b, m->location);
	fp_add(&b, m->address);
	fp_add(&b, m->city);
	fp_add(&b, m->postal_code);
	fp_add(&b, m->country);
	fp_add(&b, m->formatted_address);
	fp_add(&b, m->region);
	if (m->has_geo)
		buf_printf(&b, "%.7f,%.7f", m->latitude, m->longitude);
	buf_putc(&b, '\x1f');
	fp_add(&b, m->conference_url);
	fp_add(&b, m->conference_url_notes);
	fp_add(&b, m->conference_phone);
	fp_add(&b, m->conference_phone_notes);
	fp_add(&b, m->notes);
	fp_add(&b, m->location_notes);
	fp_add(&b, m->updated);
	return b.data;
}

/* The region: "region", else "regions" joined ("Copenhagen, Nørrebro"). */
static const char *
read_region(struct jr *c, json_t *o, const char *path)
{
	const char *r = text(c, o, "region", path, MEETING_TEXT_MAX);
	json_t *v = json_object_get(o, "regions"), *e;
	struct buf b;
	size_t i;

	if (r != NULL || v == NULL || !json_is_array(v))
		return r;
	buf_init(&b, c->a);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e) || json_string_length(e) == 0 ||
		    json_string_length(e) > MEETING_TEXT_MAX ||
		    !utf8_valid_text(json_string_value(e), json_string_length(e))) {
			jr_problem(c, jr_at(c, jr_join(c, path, "regions"), i), "invalid_format");
			continue;
		}
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, json_string_value(e));
	}
	return b.len > 0 ? b.data : NULL;
}

static void
read_meeting(struct jr *c, json_t *o, const char *path, const char *default_zone,
    struct meeting *m)
{
	const char *tz, *s;
	struct buf key;

	memset(m, 0, sizeof(*m));
	m->name = jr_str(c, o, "name", path, MEETING_NAME_MAX, true);
	m->slug = read_slug(c, o, path);
	m->days = read_days(c, o, path);
	m->start_time = read_time(c, o, "time", path, m->days != 0);
	m->end_time = read_time(c, o, "end_time", path, false);
	tz = text(c, o, "timezone", path, 64);
	if (tz != NULL && !timefmt_zone_valid(tz)) {
		jr_problem(c, jr_join(c, path, "timezone"), "unknown_zone");
		tz = NULL;
	}
	m->time_zone = tz != NULL ? tz : default_zone;
	m->types = read_types(c, o, path, &m->online);
	m->location = text(c, o, "location", path, MEETING_TEXT_MAX);
	m->address = text(c, o, "address", path, MEETING_TEXT_MAX);
	m->city = text(c, o, "city", path, MEETING_TEXT_MAX);
	m->postal_code = text(c, o, "postal_code", path, 20);
	m->country = text(c, o, "country", path, 60);
	m->formatted_address = text(c, o, "formatted_address", path, MEETING_TEXT_MAX);
	m->region = read_region(c, o, path);
	read_geo(c, o, path, m);
	m->conference_url = text(c, o, "conference_url", path, MEETING_URL_MAX);
	if (m->conference_url != NULL && !valid_url(m->conference_url)) {
		jr_problem(c, jr_join(c, path, "conference_url"), "url_format");
		m->conference_url = NULL;
	}
	if (m->conference_url != NULL)
		m->online = true;
	m->conference_url_notes = text(c, o, "conference_url_notes", path, MEETING_TEXT_MAX);
	m->conference_phone = text(c, o, "conference_phone", path, 40);
	if (m->conference_phone != NULL && !valid_phone(m->conference_phone)) {
		jr_problem(c, jr_join(c, path, "conference_phone"), "phone_format");
		m->conference_phone = NULL;
	}
	m->conference_phone_notes = text(c, o, "conference_phone_notes", path,
	    MEETING_TEXT_MAX);
	m->notes = text(c, o, "notes", path, MEETING_NOTES_MAX);
	m->location_notes = text(c, o, "location_notes", path, MEETING_NOTES_MAX);
	s = text(c, o, "updated", path, 19);
	if (s != NULL && !valid_updated(s))
		jr_problem(c, jr_join(c, path, "updated"), "updated_format");
	m->updated = s;

	buf_init(&key, c->a);
	fp_add(&key, m->name);
	fp_add(&key, m->location);
	fp_add(&key, m->address);
	fp_add(&key, m->city);
	fp_add(&key, m->postal_code);
	fp_add(&key, m->formatted_address);
	fp_add(&key, m->region);
	for (s = key.data; *s; s++)
		if (*s == '\x1f')
			((char *)s)[0] = ' ';
	m->search = person_name_key(c->a, key.data);
	m->fingerprint = fingerprint(c->a, m);
}

size_t
meeting_parse_feed(struct arena *a, const char *json, size_t len, const char *default_zone,
    struct meeting **out, size_t *n, struct jr_problem *p, size_t max)
{
	struct jr c = {a, p, 0, max};
	json_error_t jerr;
	json_t *root, *o;
	const char *path;
	size_t i, j;

	*out = NULL;
	*n = 0;
	root = json_loadb(json, len, JSON_ALLOW_NUL, &jerr);
	if (root == NULL || !json_is_array(root)) {
		jr_problem(&c, "", "invalid_json");
		json_decref(root);
		return c.n;
	}
	if (json_array_size(root) > MEETINGS_MAX) {
		jr_problem(&c, "", "too_many");
		json_decref(root);
		return c.n;
	}
	*n = json_array_size(root);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof(**out));
	for (i = 0; i < *n; i++) {
		o = json_array_get(root, i);
		path = jr_at(&c, "", i);
		if (!json_is_object(o)) {
			memset(&(*out)[i], 0, sizeof((*out)[i]));
			jr_problem(&c, path, "invalid_format");
			continue;
		}
		read_meeting(&c, o, path, default_zone, &(*out)[i]);
		for (j = 0; j < i && (*out)[i].slug != NULL; j++)
			if ((*out)[j].slug != NULL && strcmp((*out)[j].slug, (*out)[i].slug) == 0) {
				jr_problem(&c, jr_join(&c, path, "slug"), "duplicate");
				break;
			}
	}
	json_decref(root);
	return c.n;
}

/* Times */

int
meeting_minutes(const struct meeting *m)
{
	int d;

	if (m->start_time == NULL || m->end_time == NULL)
		return 60;
	d = hm_minutes(m->end_time) - hm_minutes(m->start_time);
	return d <= 0 ? d + 24 * 60 : d;
}

/* The instant of the meeting's start `days` days after the local date ymd;
 * a start the clocks skip is an hour later. */
static bool
start_at(const struct meeting *m, const char *ymd, int days, int64_t *out)
{
	char hm[16];
	int rc, min;

	rc = timefmt_local_to_us(ymd, m->start_time, m->time_zone, days, out);
	if (rc == TIMEFMT_SKIPPED) {
		min = hm_minutes(m->start_time) + 60;
		if (min >= 24 * 60)
			return false;
		snprintf(hm, sizeof(hm), "%02d:%02d", (min / 60) % 24, min % 60);
		rc = timefmt_local_to_us(ymd, hm, m->time_zone, days, out);
	}
	return rc == 0;
}

static int
when_cmp(const void *x, const void *y)
{
	const struct meeting_when *a = x, *b = y;

	return a->start < b->start ? -1 : a->start > b->start;
}

size_t
meeting_week(const struct meeting *m, int64_t now, struct meeting_when out[7])
{
	char ymd[11], hm[6];
	int wd, min, d, k, mg;
	int64_t start, len = (int64_t)meeting_minutes(m) * 60 * US_PER_SEC;
	size_t n = 0;

	if (m->days == 0 || m->start_time == NULL ||
	    !timefmt_local_fields(now, m->time_zone, ymd, hm) ||
	    !timefmt_local_week(now, m->time_zone, &wd, &min))
		return 0;
	mg = (wd + 1) % 7;            /* timefmt counts from Monday, the feed from Sunday */
	for (d = 0; d < 7; d++) {
		if (!(m->days & (1u << d)))
			continue;
		k = (d - mg + 7) % 7;
		if (!start_at(m, ymd, k, &start))
			continue;
		if (start + len <= now && !start_at(m, ymd, k + 7, &start))
			continue;
		out[n].start = start;
		out[n].end = start + len;
		out[n].day = d;
		n++;
	}
	qsort(out, n, sizeof(out[0]), when_cmp);
	return n;
}

/* The search */

static bool
parse_hour(const char *s, int *min)
{
	char *end;
	long h;

	if (s == NULL || *s == '\0' || strlen(s) > 5)
		return false;
	if (strchr(s, ':') != NULL) {
		char tmp[6];
		const char *hm;
		struct arena a = ARENA_INIT;

		snprintf(tmp, sizeof(tmp), "%s", s);
		hm = parse_hm(&a, tmp);
		if (hm != NULL)
			*min = hm_minutes(hm);
		arena_free(&a);
		return hm != NULL;
	}
	if (strspn(s, "0123456789") != strlen(s))
		return false;
	h = strtol(s, &end, 10);
	if (h < 0 || h > 24)
		return false;
	*min = (int)h * 60;
	return true;
}

const char *
meeting_query_parse(struct arena *a, const struct meeting_params *f, int64_t now,
    const char *tz, struct meeting_query *q)
{
	int wd, min, lim;
	size_t i;

	memset(q, 0, sizeof(*q));
	q->day = -1;
	q->from_min = 0;
	q->to_min = 24 * 60;
	q->limit = MEETING_LIMIT_DEFAULT;
	if (f->q != NULL && f->q[strspn(f->q, " ")] != '\0') {
		if (strlen(f->q) > MEETING_Q_MAX || !utf8_valid_text(f->q, strlen(f->q)))
			return "q";
		q->q = person_name_key(a, f->q + strspn(f->q, " "));
	}
	if (f->day != NULL && *f->day != '\0') {
		if (strcmp(f->day, "today") == 0) {
			if (!timefmt_local_week(now, tz, &wd, &min))
				return "day";
			q->day = (wd + 1) % 7;
			q->today = true;
		} else if (strlen(f->day) == 1 && f->day[0] >= '0' && f->day[0] <= '6') {
			q->day = f->day[0] - '0';
		} else {
			return "day";
		}
	}
	if (f->part != NULL && *f->part != '\0') {
		if (strcmp(f->part, "morning") == 0) {
			q->from_min = 5 * 60;
			q->to_min = 12 * 60;
		} else if (strcmp(f->part, "afternoon") == 0) {
			q->from_min = 12 * 60;
			q->to_min = 17 * 60;
		} else if (strcmp(f->part, "evening") == 0) {
			q->from_min = 17 * 60;
			q->to_min = 24 * 60;
		} else if (strcmp(f->part, "tonight") == 0) {
			q->tonight = true;
		} else {
			return "part";
		}
	}
	if (f->from != NULL && *f->from != '\0' && !parse_hour(f->from, &q->from_min))
		return "from";
	if (f->to != NULL && *f->to != '\0' && !parse_hour(f->to, &q->to_min))
		return "to";
	if (q->from_min >= q->to_min && f->to != NULL && *f->to != '\0')
		return "to";
	if (f->tonight != NULL && *f->tonight != '\0') {
		if (strcmp(f->tonight, "1") != 0 && strcmp(f->tonight, "true") != 0)
			return "tonight";
		q->tonight = true;
	}
	if (f->type != NULL && *f->type != '\0') {
		if (!valid_type(f->type))
			return "type";
		q->type = f->type;
	}
	if (f->language != NULL && *f->language != '\0') {
		for (i = 0; i < meeting_types_count; i++)
			if (meeting_types[i].lang != NULL &&
			    strcmp(meeting_types[i].lang, f->language) == 0)
				break;
		if (i == meeting_types_count)
			return "language";
		q->lang = meeting_types[i].lang;
	}
	if (f->online != NULL && *f->online != '\0') {
		if (strcmp(f->online, "1") == 0 || strcmp(f->online, "true") == 0)
			q->online = true;
		else if (strcmp(f->online, "0") != 0 && strcmp(f->online, "false") != 0)
			return "online";
	}
	if (f->limit != NULL && *f->limit != '\0') {
		if (strlen(f->limit) > 3 || strspn(f->limit, "0123456789") != strlen(f->limit))
			return "limit";
		lim = atoi(f->limit);
		if (lim < 1 || lim > MEETING_LIMIT_MAX)
			return "limit";
		q->limit = lim;
	}
	if (f->after != NULL && *f->after != '\0') {
		const char *dot = strchr(f->after, '.');
		size_t dl = dot ? (size_t)(dot - f->after) : 0;

		if (dot == NULL || dl < 1 || dl > 18 || strspn(f->after, "0123456789") != dl ||
		    strlen(dot + 1) < 1 || strlen(dot + 1) > 64 ||
		    strspn(dot + 1, "0123456789abcdefghijklmnopqrstuvwxyz-") != strlen(dot + 1))
			return "after";
		q->after_start = strtoll(f->after, NULL, 10);
		q->after_id = dot + 1;
	}
	return NULL;
}

bool
meeting_when_matches(const struct meeting_query *q, const struct meeting_when *w,
    int64_t now, const char *tz)
{
	char d1[11], d2[11], hm[6];
	int wd, min;

	if (!timefmt_local_week(w->start, tz, &wd, &min))
		return false;
	if (q->day >= 0 && (wd + 1) % 7 != q->day)
		return false;
	if (min < q->from_min || min >= q->to_min)
		return false;
	if (q->today || q->tonight) {
		/* Today's, not next week's on the same weekday. */
		if (!timefmt_local_fields(w->start, tz, d1, hm) ||
		    !timefmt_local_fields(now, tz, d2, hm) || strcmp(d1, d2) != 0)
			return false;
	}
	if (q->tonight && (min < 17 * 60 || w->end <= now))
		return false;
	return true;
}

const char *
meeting_cursor(struct arena *a, int64_t start, const char *id)
{
	return arena_printf(a, "%" PRId64 ".%s", start, id);
}
