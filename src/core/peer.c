/* Peer workers' profiles, a person's preferences, and matching (see
 * peer.h). Pure: no HTTP, no SQL, so the matching is unit-tested alone. */
#include "core/peer.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "core/person.h"

static const char *const lang_codes[PL_COUNT] = {
	"da", "nl", "en", "ar", "de", "pl", "tr", "so", "fa", "uk",
};
static const char *const lang_endonyms[PL_COUNT] = {
	"Dansk", "Nederlands", "English", "العربية", "Deutsch", "Polski", "Türkçe",
	"Soomaali", "فارسی", "Українська",
};
static const char *const substance_codes[PS_COUNT] = {
	"alcohol", "cannabis", "opioids", "stimulants", "sedatives", "other",
};
static const char *const substance_labels[PS_COUNT] = {
	N_("alcohol"), N_("cannabis"), N_("opioids"), N_("stimulants such as cocaine or amphetamine"),
	N_("sedatives such as benzodiazepines"), N_("other drugs"),
};
static const char *const gender_codes[PG_COUNT] = {NULL, "woman", "man", "nonbinary"};
static const char *const gender_labels[PG_COUNT] = {
	N_("Not stated"), N_("Woman"), N_("Man"), N_("Non-binary"),
};
static const char *const age_codes[PAGE_COUNT] = {NULL, "18-29", "30-44", "45-59", "60+"};
static const char *const day_labels[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
	N_("Saturday"), N_("Sunday"),
};

const char *
peer_lang_code(enum peer_lang l)
{
	return (unsigned)l < PL_COUNT ? lang_codes[l] : "";
}

const char *
peer_lang_endonym(enum peer_lang l)
{
	return (unsigned)l < PL_COUNT ? lang_endonyms[l] : "";
}

bool
peer_lang_parse(const char *s, enum peer_lang *out)
{
	int i;

	for (i = 0; s != NULL && i < PL_COUNT; i++)
		if (strcmp(s, lang_codes[i]) == 0) {
			*out = (enum peer_lang)i;
			return true;
		}
	return false;
}

const char *
peer_substance_code(enum peer_substance s)
{
	return (unsigned)s < PS_COUNT ? substance_codes[s] : "";
}

const char *
peer_substance_label(enum peer_substance s)
{
	return (unsigned)s < PS_COUNT ? _(substance_labels[s]) : "";
}

bool
peer_substance_parse(const char *s, enum peer_substance *out)
{
	int i;

	for (i = 0; s != NULL && i < PS_COUNT; i++)
		if (strcmp(s, substance_codes[i]) == 0) {
			*out = (enum peer_substance)i;
			return true;
		}
	return false;
}

const char *
peer_gender_code(enum peer_gender g)
{
	return (unsigned)g < PG_COUNT ? gender_codes[g] : NULL;
}

bool
peer_gender_parse(const char *s, enum peer_gender *out)
{
	int i;

	if (s == NULL || *s == '\0') {
		*out = PG_NONE;
		return true;
	}
	for (i = 1; i < PG_COUNT; i++)
		if (strcmp(s, gender_codes[i]) == 0) {
			*out = (enum peer_gender)i;
			return true;
		}
	return false;
}

const char *
peer_gender_label(enum peer_gender g)
{
	return (unsigned)g < PG_COUNT ? _(gender_labels[g]) : "";
}

const char *
peer_age_code(enum peer_age a)
{
	return (unsigned)a < PAGE_COUNT ? age_codes[a] : NULL;
}

bool
peer_age_parse(const char *s, enum peer_age *out)
{
	int i;

	if (s == NULL || *s == '\0') {
		*out = PAGE_NONE;
		return true;
	}
	for (i = 1; i < PAGE_COUNT; i++)
		if (strcmp(s, age_codes[i]) == 0) {
			*out = (enum peer_age)i;
			return true;
		}
	return false;
}

const char *
peer_day_label(int d)
{
	return d >= 0 && d < 7 ? _(day_labels[d]) : "";
}

/* The next name of a comma-separated list, trimmed: its start in *s and
 * length in *len; returns where the rest begins, NULL at the end. */
static const char *
next_area(const char *p, const char **s, size_t *len)
{
	const char *end;

	if (p == NULL || *p == '\0')
		return NULL;
	end = strchr(p, ',');
	if (end == NULL)
		end = p + strlen(p);
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	*s = p;
	*len = (size_t)(end - p);
	while (*len > 0 && (p[*len - 1] == ' ' || p[*len - 1] == '\t'))
		(*len)--;
	return *end == ',' ? end + 1 : end;
}

const char *
peer_areas_check(const char *areas)
{
	const char *p = areas, *s;
	size_t len, n = 0, i;

	if (areas == NULL)
		return NULL;
	if (!utf8_valid_text(areas, strlen(areas)))
		return "invalid_format";
	if (utf8_count(areas, strlen(areas)) > PEER_AREAS_MAX)
		return "too_long";
	if (strspn(areas, " \t,") == strlen(areas))
		return NULL;                     /* none */
	while ((p = next_area(p, &s, &len)) != NULL) {
		if (len == 0)
			return "invalid_format";
		if (utf8_count(s, len) > PEER_AREA_MAX || ++n > PEER_AREAS_COUNT)
			return "too_long";
		for (i = 0; i < len; i++)
			if ((unsigned char)s[i] < 0x20)
				return "invalid_format";
	}
	return NULL;
}

bool
peer_areas_has(struct arena *a, const char *areas, const char *area)
{
	const char *p = areas, *s, *want;
	size_t len;

	if (area == NULL || *area == '\0' || areas == NULL)
		return false;
	want = person_name_key(a, area);
	while ((p = next_area(p, &s, &len)) != NULL)
		if (len > 0 && strcmp(person_name_key(a, arena_strndup(a, s, len)), want) == 0)
			return true;
	return false;
}

static int
bits(unsigned x)
{
	return __builtin_popcount(x);
}

bool
peer_fits(struct arena *a, const struct peer_pref *pref, const struct peer_profile *p,
    struct peer_fit *fit)
{
	bool near;

	memset(fit, 0, sizeof(*fit));
	if (!p->taking_new)
		return false;
	fit->langs = pref->langs & p->langs;
	if (pref->langs != 0 && fit->langs == 0)
		return false;
	if (pref->gender != PG_NONE && p->gender != pref->gender)
		return false;
	fit->gender = pref->gender != PG_NONE;
	if (pref->substance >= 0 && pref->substance < PS_COUNT &&
	    !(p->substances & (1u << pref->substance)))
		return false;
	fit->substance = pref->substance >= 0 && pref->substance < PS_COUNT;
	if (pref->age != PAGE_NONE && p->age != pref->age)
		return false;
	fit->age = pref->age != PAGE_NONE;
	fit->days = pref->days & p->days;
	if (pref->days != 0 && fit->days == 0)
		return false;
	fit->times = pref->times & p->times;
	if (pref->times != 0 && fit->times == 0)
		return false;
	if (pref->area != NULL && *pref->area != '\0') {
		near = peer_areas_has(a, p->areas, pref->area);
		if (!near && !(pref->video && p->video))
			return false;
		fit->area = near;
		fit->by_video = !near;
	}
	/* The soft things: the more of them, the higher. */
	fit->score = (fit->area ? 2 : 0) +
	    (pref->days != 0 && fit->days == pref->days ? 1 : 0) +
	    (pref->times != 0 && fit->times == pref->times ? 1 : 0) +
	    (bits(fit->langs) > 1 ? 1 : 0) +
	    (pref->video && p->video ? 1 : 0);
	return true;
}

size_t
peer_match(struct arena *a, const struct peer_pref *pref, const struct peer_profile *ps,
    size_t n, const char *const *excluded, size_t nex, struct peer_fit *out, size_t max)
{
	struct peer_fit *all = arena_alloc(a, (n + 1) * sizeof(*all));
	size_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		bool out_of_it = false;

		for (j = 0; j < nex && !out_of_it; j++)
			out_of_it = excluded[j] != NULL && ps[i].id != NULL &&
			    strcmp(excluded[j], ps[i].id) == 0;
		if (out_of_it || !peer_fits(a, pref, &ps[i], &all[k]))
			continue;
		all[k++].index = i;
	}
	/* Sorting by insertion keeps this free of shared state: n is small
	 * (the peer workers taking new people). */
	for (i = 1; i < k; i++) {
		struct peer_fit x = all[i];

		for (j = i; j > 0; j--) {
			struct peer_fit *prev = &all[j - 1];
			int c;

			if (x.score != prev->score)
				c = x.score - prev->score;
			else if (bits(x.days) != bits(prev->days))
				c = bits(x.days) - bits(prev->days);
			else {
				const char *na = ps[x.index].name, *nb = ps[prev->index].name;

				c = strcmp(nb != NULL ? nb : "", na != NULL ? na : "");
				if (c == 0)
					c = strcmp(ps[prev->index].id, ps[x.index].id);
			}
			if (c <= 0)
				break;
			all[j] = all[j - 1];
		}
		all[j] = x;
	}
	if (k > max)
		k = max;
	memcpy(out, all, k * sizeof(*out));
	return k;
}

static bool
problem(const char **field, const char **code, const char *f, const char *c)
{
	*field = f;
	*code = c;
	return false;
}

bool
coaching_check(const char *day, const char *today, const char *minutes, const char *text,
    struct coaching_note *x, const char **field, const char **code)
{
	size_t i, len;
	long m = 0;

	*field = *code = NULL;
	if (day == NULL || *day == '\0')
		return problem(field, code, "day", "required");
	if (strlen(day) != 10 || !clock_valid_date(day))
		return problem(field, code, "day", "invalid_date");
	if (today != NULL && strcmp(day, today) > 0)
		return problem(field, code, "day", "out_of_range");
	if (minutes == NULL || *minutes == '\0')
		return problem(field, code, "minutes", "required");
	len = strlen(minutes);
	if (len > 4)
		return problem(field, code, "minutes", "invalid_format");
	for (i = 0; i < len; i++) {
		if (minutes[i] < '0' || minutes[i] > '9')
			return problem(field, code, "minutes", "invalid_format");
		m = m * 10 + (minutes[i] - '0');
	}
	if (m < 1 || m > COACHING_MINUTES_MAX)
		return problem(field, code, "minutes", "out_of_range");
	if (text == NULL || strspn(text, " \t\r\n") == strlen(text))
		return problem(field, code, "text", "required");
	if (!utf8_valid_text(text, strlen(text)))
		return problem(field, code, "text", "invalid_format");
	if (utf8_count(text, strlen(text)) > COACHING_TEXT_MAX)
		return problem(field, code, "text", "too_long");
	memcpy(x->day, day, 11);
	x->minutes = (int)m;
	x->text = text;
	return true;
}
