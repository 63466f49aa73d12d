/* Pathway templates as JSON, read and written (see pathway.h). */
#include "core/pathway.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "base/utf8.h"

static const char *const when_codes[PW_WHEN_COUNT] = {"start", "end", "every_30_days"};
static const char *const questionnaire_codes[] = {"AUDIT", "AUDIT-C", "WHO-5", "BARC-10"};
static const char *const lang_keys[LANG_COUNT + 1] = {"en", "nl", "da", NULL};

const char *
pw_text(const struct pw_text *x, enum lang l)
{
	const char *s = (unsigned)l < LANG_COUNT ? x->t[l] : NULL;

	return s != NULL ? s : x->t[LANG_EN];
}

const char *
pw_when_code(enum pw_when w)
{
	return when_codes[(unsigned)w < PW_WHEN_COUNT ? w : 0];
}

int
pw_total_days(const struct pw_template *t)
{
	size_t i;
	int n = 0;

	for (i = 0; i < t->nphases; i++)
		n += t->phases[i].expected_days;
	return n;
}

const char *
pw_problem_text(const char *code)
{
	static const struct {
		const char *code, *text;
	} texts[] = {
		{"invalid_json", N_("not valid JSON")},
		{"required", N_("missing")},
		{"invalid_format", N_("not the right kind of value")},
		{"too_long", N_("too long")},
		{"out_of_range", N_("out of range")},
		{"invalid_choice", N_("not one of the allowed values")},
		{"duplicate", N_("used twice")},
		{"unknown_source", N_("names no source of the template")},
		{"unknown_field", N_("not a field of the format")},
		{"too_many", N_("too many")},
		{"too_few", N_("too few")},
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (strcmp(texts[i].code, code) == 0)
			return _(texts[i].text);
	return code;
}

bool
pw_json_error_at(const char *json, size_t len, int *line, int *column)
{
	json_error_t err;
	json_t *root;

	*line = *column = 0;
	if ((root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err)) != NULL) {
		json_decref(root);
		return false;
	}
	*line = err.line;
	*column = err.column;
	return err.line > 0 && err.column > 0;
}

/* Reading */

struct ctx {
	struct arena *a;
	struct pw_problem *p;
	size_t n, max;
};

static void
problem(struct ctx *c, const char *path, const char *code)
{
	if (c->n < c->max) {
		c->p[c->n].path = path;
		c->p[c->n].code = code;
	}
	c->n++;
}

static const char *
join(struct ctx *c, const char *path, const char *key)
{
	return *path == '\0' ? key : arena_printf(c->a, "%s.%s", path, key);
}

static const char *
at(struct ctx *c, const char *path, size_t i)
{
	return arena_printf(c->a, "%s[%zu]", path, i);
}

/* Every member of o is one of keys (NULL-ended). */
static void
only_keys(struct ctx *c, json_t *o, const char *path, const char *const *keys)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(o, k, v) {
		for (i = 0; keys[i] != NULL && strcmp(keys[i], k) != 0; i++)
			;
		if (keys[i] == NULL)
			problem(c, join(c, path, arena_strdup(c->a, k)), "unknown_field");
	}
}

/* A string member: copied into the arena, NULL if absent or wrong. */
static const char *
str(struct ctx *c, json_t *o, const char *key, const char *path, size_t max, bool required)
{
	json_t *v = json_object_get(o, key);
	const char *s, *p = join(c, path, key);

	if (v == NULL || json_is_null(v)) {
		if (required)
			problem(c, p, "required");
		return NULL;
	}
	if (!json_is_string(v)) {
		problem(c, p, "invalid_format");
		return NULL;
	}
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v) || !utf8_valid_text(s, strlen(s))) {
		problem(c, p, "invalid_format");
		return NULL;
	}
	if (strspn(s, " \t\r\n") == strlen(s)) {
		if (required)
			problem(c, p, "required");
		return NULL;
	}
	if (utf8_count(s, strlen(s)) > max) {
		problem(c, p, "too_long");
		return NULL;
	}
	return arena_strdup(c->a, s);
}

/* A text in every language. */
static void
text(struct ctx *c, json_t *o, const char *key, const char *path, size_t max,
    struct pw_text *out)
{
	json_t *v = json_object_get(o, key);
	const char *p = join(c, path, key);
	int l;

	memset(out, 0, sizeof(*out));
	if (v == NULL || json_is_null(v)) {
		problem(c, p, "required");
		return;
	}
	if (!json_is_object(v)) {
		problem(c, p, "invalid_format");
		return;
	}
	for (l = 0; l < LANG_COUNT; l++)
		out->t[l] = str(c, v, lang_keys[l], p, max, true);
	only_keys(c, v, p, lang_keys);
}

/* A whole number from lo to hi; def when absent and not required. */
static int
number(struct ctx *c, json_t *o, const char *key, const char *path, int lo, int hi,
    bool required, int def)
{
	json_t *v = json_object_get(o, key);
	const char *p = join(c, path, key);
	json_int_t n;

	if (v == NULL || json_is_null(v)) {
		if (required)
			problem(c, p, "required");
		return def;
	}
	if (!json_is_integer(v)) {
		problem(c, p, "invalid_format");
		return def;
	}
	n = json_integer_value(v);
	if (n < lo || n > hi) {
		problem(c, p, "out_of_range");
		return def;
	}
	return (int)n;
}

/* An array member of min to max items; NULL if absent (a problem if
 * required) or wrong (a problem). json_array_size(NULL) is 0. */
static json_t *
array(struct ctx *c, json_t *o, const char *key, const char *path, size_t min, size_t max,
    bool required)
{
	json_t *v = json_object_get(o, key);
	const char *p = join(c, path, key);

	if (v == NULL || json_is_null(v)) {
		if (required)
			problem(c, p, "required");
		return NULL;
	}
	if (!json_is_array(v)) {
		problem(c, p, "invalid_format");
		return NULL;
	}
	if (json_array_size(v) > max) {
		problem(c, p, "too_many");
		return NULL;
	}
	if (json_array_size(v) < min) {
		problem(c, p, "too_few");
		return NULL;
	}
	return v;
}

static bool
code_valid(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n > 0 && n <= PW_CODE_MAX && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static const char *
code(struct ctx *c, json_t *o, const char *key, const char *path)
{
	const char *s = str(c, o, key, path, PW_CODE_MAX, true);

	if (s != NULL && !code_valid(s)) {
		problem(c, join(c, path, key), "invalid_format");
		return NULL;
	}
	return s;
}

static enum domain
domain(struct ctx *c, json_t *o, const char *path)
{
	const char *s = str(c, o, "domain", path, 40, true);
	enum domain d = DOM_SUBSTANCE_USE;

	if (s != NULL && !domain_parse(s, &d))
		problem(c, join(c, path, "domain"), "invalid_choice");
	return d;
}

/* Each item of an array member, as an object, with its path. */
#define EACH(c, arr, path, key, i, item, ipath) \
	for ((i) = 0; (arr) != NULL && (i) < json_array_size(arr); (i)++) \
		if (((item) = json_array_get((arr), (i))), \
		    ((ipath) = at((c), join((c), (path), (key)), (i))), !json_is_object(item)) \
			problem((c), (ipath), "invalid_format"); \
		else

static void
phase(struct ctx *c, json_t *o, const char *path, const struct pw_template *t,
    struct pw_phase *ph)
{
	static const char *const keys[] = {"code", "name", "purpose", "expected_days",
		"activities", "questionnaires", "appointments", "goals", "move_on", "sources", NULL};
	json_t *acts, *qs, *aps, *gs, *srcs, *item;
	const char *ip;
	size_t i, k;

	only_keys(c, o, path, keys);
	ph->code = code(c, o, "code", path);
	text(c, o, "name", path, PW_PHASE_NAME_MAX, &ph->name);
	text(c, o, "purpose", path, PW_PHASE_TEXT_MAX, &ph->purpose);
	text(c, o, "move_on", path, PW_PHASE_TEXT_MAX, &ph->move_on);
	ph->expected_days = number(c, o, "expected_days", path, 1, PW_DAYS_MAX, true, 1);

	acts = array(c, o, "activities", path, 0, PW_ITEMS_MAX, false);
	ph->activities = arena_alloc(c->a, (json_array_size(acts) + 1) * sizeof(*ph->activities));
	EACH(c, acts, path, "activities", i, item, ip) {
		struct pw_activity *x = &ph->activities[ph->nactivities++];

		only_keys(c, item, ip, (const char *const[]){"text", "domain", "every_days", NULL});
		text(c, item, "text", ip, PW_ITEM_MAX, &x->text);
		x->domain = domain(c, item, ip);
		x->every_days = number(c, item, "every_days", ip, 1, PW_DAYS_MAX, false, 0);
	}
	qs = array(c, o, "questionnaires", path, 0, PW_ITEMS_MAX, false);
	ph->questionnaires = arena_alloc(c->a, (json_array_size(qs) + 1) *
	    sizeof(*ph->questionnaires));
	EACH(c, qs, path, "questionnaires", i, item, ip) {
		struct pw_questionnaire *x = &ph->questionnaires[ph->nquestionnaires++];
		const char *w;

		only_keys(c, item, ip, (const char *const[]){"code", "when", NULL});
		x->code = str(c, item, "code", ip, 20, true);
		for (k = 0; x->code != NULL && k < sizeof(questionnaire_codes) /
		    sizeof(questionnaire_codes[0]) && strcmp(x->code, questionnaire_codes[k]) != 0; k++)
			;
		if (x->code != NULL && k == sizeof(questionnaire_codes) / sizeof(questionnaire_codes[0]))
			problem(c, join(c, ip, "code"), "invalid_choice");
		w = str(c, item, "when", ip, 20, true);
		for (k = 0; w != NULL && k < PW_WHEN_COUNT && strcmp(w, when_codes[k]) != 0; k++)
			;
		if (w != NULL && k == PW_WHEN_COUNT)
			problem(c, join(c, ip, "when"), "invalid_choice");
		x->when = w != NULL && k < PW_WHEN_COUNT ? (enum pw_when)k : PW_AT_START;
	}
	aps = array(c, o, "appointments", path, 0, PW_ITEMS_MAX, false);
	ph->appointments = arena_alloc(c->a, (json_array_size(aps) + 1) *
	    sizeof(*ph->appointments));
	EACH(c, aps, path, "appointments", i, item, ip) {
		struct pw_appointment *x = &ph->appointments[ph->nappointments++];
		const char *kind;

		only_keys(c, item, ip, (const char *const[]){"title", "kind", "day", "minutes", NULL});
		text(c, item, "title", ip, APPT_TITLE_MAX, &x->title);
		kind = str(c, item, "kind", ip, 20, true);
		if (kind != NULL && !appt_kind_parse(kind, &x->kind))
			problem(c, join(c, ip, "kind"), "invalid_choice");
		x->day = number(c, item, "day", ip, 0, PW_DAYS_MAX, true, 0);
		x->minutes = number(c, item, "minutes", ip, APPT_MINUTES_MIN, APPT_MINUTES_MAX, true,
		    60);
	}
	gs = array(c, o, "goals", path, 0, PW_ITEMS_MAX, false);
	ph->goals = arena_alloc(c->a, (json_array_size(gs) + 1) * sizeof(*ph->goals));
	EACH(c, gs, path, "goals", i, item, ip) {
		struct pw_goal *x = &ph->goals[ph->ngoals++];

		only_keys(c, item, ip, (const char *const[]){"title", "domain", NULL});
		text(c, item, "title", ip, PW_ITEM_MAX, &x->title);
		x->domain = domain(c, item, ip);
	}
	srcs = array(c, o, "sources", path, 0, PW_SOURCES_MAX, false);
	ph->sources = arena_alloc(c->a, (json_array_size(srcs) + 1) * sizeof(*ph->sources));
	for (i = 0; srcs != NULL && i < json_array_size(srcs); i++) {
		json_t *v = json_array_get(srcs, i);
		const char *sp = at(c, join(c, path, "sources"), i), *id;

		if (!json_is_string(v)) {
			problem(c, sp, "invalid_format");
			continue;
		}
		id = json_string_value(v);
		for (k = 0; k < t->nsources && (t->sources[k].id == NULL ||
		    strcmp(t->sources[k].id, id) != 0); k++)
			;
		if (k == t->nsources)
			problem(c, sp, "unknown_source");
		else
			ph->sources[ph->nsources++] = t->sources[k].id;
	}
}

size_t
pw_parse(struct arena *a, const char *json, size_t len, struct pw_template *t,
    struct pw_problem *p, size_t max)
{
	static const char *const keys[] = {"format", "code", "version", "country", "name",
		"purpose", "start_within_days", "sources", "phases", NULL};
	struct ctx c = {a, p, 0, max};
	json_error_t err;
	json_t *root, *srcs, *phs, *item;
	const char *fmt, *ip;
	size_t i, k;

	memset(t, 0, sizeof(*t));
	if (!utf8_valid(json, len) ||
	    (root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err)) == NULL) {
		problem(&c, "$", "invalid_json");
		return c.n;
	}
	if (!json_is_object(root)) {
		problem(&c, "$", "invalid_format");
		json_decref(root);
		return c.n;
	}
	only_keys(&c, root, "", keys);
	fmt = str(&c, root, "format", "", 40, true);
	if (fmt != NULL && strcmp(fmt, PW_FORMAT) != 0)
		problem(&c, "format", "invalid_choice");
	t->code = code(&c, root, "code", "");
	t->version = number(&c, root, "version", "", 1, PW_VERSION_MAX, true, 1);
	t->country = str(&c, root, "country", "", 2, false);
	if (t->country != NULL && strcmp(t->country, "DK") != 0 && strcmp(t->country, "NL") != 0)
		problem(&c, "country", "invalid_choice");
	text(&c, root, "name", "", PW_NAME_MAX, &t->name);
	text(&c, root, "purpose", "", PW_PURPOSE_MAX, &t->purpose);
	t->start_within_days = number(&c, root, "start_within_days", "", 1, 365, false, 0);

	srcs = array(&c, root, "sources", "", 0, PW_SOURCES_MAX, false);
	t->sources = arena_alloc(a, (json_array_size(srcs) + 1) * sizeof(*t->sources));
	EACH(&c, srcs, "", "sources", i, item, ip) {
		struct pw_source *s = &t->sources[t->nsources];

		only_keys(&c, item, ip, (const char *const[]){"id", "title", "publisher", "url",
		    "supports", NULL});
		s->id = code(&c, item, "id", ip);
		s->title = str(&c, item, "title", ip, 300, true);
		s->publisher = str(&c, item, "publisher", ip, 300, false);
		s->url = str(&c, item, "url", ip, APPT_URL_MAX, true);
		if (s->url != NULL && strncmp(s->url, "https://", 8) != 0 &&
		    strncmp(s->url, "http://", 7) != 0)
			problem(&c, join(&c, ip, "url"), "invalid_format");
		s->supports = str(&c, item, "supports", ip, 600, false);
		for (k = 0; s->id != NULL && k < t->nsources; k++)
			if (t->sources[k].id != NULL && strcmp(t->sources[k].id, s->id) == 0)
				problem(&c, join(&c, ip, "id"), "duplicate");
		t->nsources++;
	}
	phs = array(&c, root, "phases", "", 1, PW_PHASES_MAX, true);
	t->phases = arena_alloc(a, (json_array_size(phs) + 1) * sizeof(*t->phases));
	EACH(&c, phs, "", "phases", i, item, ip) {
		struct pw_phase *ph = &t->phases[t->nphases];

		phase(&c, item, ip, t, ph);
		for (k = 0; ph->code != NULL && k < t->nphases; k++)
			if (t->phases[k].code != NULL && strcmp(t->phases[k].code, ph->code) == 0)
				problem(&c, join(&c, ip, "code"), "duplicate");
		t->nphases++;
	}
	json_decref(root);
	return c.n < max ? c.n : max;
}

/* Writing */

static json_t *
text_json(const struct pw_text *x)
{
	json_t *o = json_object();
	int l;

	for (l = 0; l < LANG_COUNT; l++)
		json_object_set_new(o, lang_keys[l], json_string(x->t[l] != NULL ? x->t[l] : ""));
	return o;
}

static json_t *
phase_json(const struct pw_phase *ph)
{
	json_t *o = json_object(), *arr;
	size_t i;

	json_object_set_new(o, "code", json_string(ph->code));
	json_object_set_new(o, "name", text_json(&ph->name));
	json_object_set_new(o, "purpose", text_json(&ph->purpose));
	json_object_set_new(o, "expected_days", json_integer(ph->expected_days));
	arr = json_array();
	for (i = 0; i < ph->nactivities; i++) {
		json_t *x = json_object();

		json_object_set_new(x, "text", text_json(&ph->activities[i].text));
		json_object_set_new(x, "domain", json_string(domain_code(ph->activities[i].domain)));
		if (ph->activities[i].every_days > 0)
			json_object_set_new(x, "every_days", json_integer(ph->activities[i].every_days));
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "activities", arr);
	arr = json_array();
	for (i = 0; i < ph->nquestionnaires; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "code", ph->questionnaires[i].code,
		    "when", pw_when_code(ph->questionnaires[i].when)));
	json_object_set_new(o, "questionnaires", arr);
	arr = json_array();
	for (i = 0; i < ph->nappointments; i++)
		json_array_append_new(arr, json_pack("{s:o, s:s, s:i, s:i}", "title",
		    text_json(&ph->appointments[i].title), "kind",
		    appt_kind_code(ph->appointments[i].kind), "day", ph->appointments[i].day,
		    "minutes", ph->appointments[i].minutes));
	json_object_set_new(o, "appointments", arr);
	arr = json_array();
	for (i = 0; i < ph->ngoals; i++)
		json_array_append_new(arr, json_pack("{s:o, s:s}", "title",
		    text_json(&ph->goals[i].title), "domain", domain_code(ph->goals[i].domain)));
	json_object_set_new(o, "goals", arr);
	json_object_set_new(o, "move_on", text_json(&ph->move_on));
	arr = json_array();
	for (i = 0; i < ph->nsources; i++)
		json_array_append_new(arr, json_string(ph->sources[i]));
	json_object_set_new(o, "sources", arr);
	return o;
}

char *
pw_write(struct arena *a, const struct pw_template *t)
{
	json_t *root = json_object(), *arr;
	char *s, *out;
	size_t i;

	json_object_set_new(root, "format", json_string(PW_FORMAT));
	json_object_set_new(root, "code", json_string(t->code));
	json_object_set_new(root, "version", json_integer(t->version));
	if (t->country != NULL)
		json_object_set_new(root, "country", json_string(t->country));
	json_object_set_new(root, "name", text_json(&t->name));
	json_object_set_new(root, "purpose", text_json(&t->purpose));
	if (t->start_within_days > 0)
		json_object_set_new(root, "start_within_days", json_integer(t->start_within_days));
	arr = json_array();
	for (i = 0; i < t->nsources; i++) {
		const struct pw_source *x = &t->sources[i];
		json_t *o = json_object();

		json_object_set_new(o, "id", json_string(x->id));
		json_object_set_new(o, "title", json_string(x->title));
		if (x->publisher != NULL)
			json_object_set_new(o, "publisher", json_string(x->publisher));
		json_object_set_new(o, "url", json_string(x->url));
		if (x->supports != NULL)
			json_object_set_new(o, "supports", json_string(x->supports));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "sources", arr);
	arr = json_array();
	for (i = 0; i < t->nphases; i++)
		json_array_append_new(arr, phase_json(&t->phases[i]));
	json_object_set_new(root, "phases", arr);
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (s == NULL)
		return NULL;
	out = arena_printf(a, "%s\n", s);
	free(s);
	return out;
}

/* The cache: a list behind one mutex; a template's parse lives in an
 * arena of its own until the process ends, and is never dropped (a page
 * may still be reading it). Only the versions in use are ever parsed: a
 * few, each some tens of kilobytes. */
struct cached {
	struct cached *next;
	char *id;
	struct arena a;
	struct pw_template t;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached *cache;

static const struct pw_template *
find(const char *id)
{
	struct cached *c;

	for (c = cache; c != NULL; c = c->next)
		if (strcmp(c->id, id) == 0)
			return &c->t;
	return NULL;
}

const struct pw_template *
pw_cached(const char *id)
{
	const struct pw_template *t;

	pthread_mutex_lock(&cache_lock);
	t = find(id);
	pthread_mutex_unlock(&cache_lock);
	return t;
}

const struct pw_template *
pw_cache(const char *id, const char *json, size_t len)
{
	struct pw_problem p[1];
	const struct pw_template *had;
	struct cached *c;

	if ((had = pw_cached(id)) != NULL)
		return had;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if ((c->id = arena_strdup(&c->a, id)) == NULL ||
	    pw_parse(&c->a, json, len, &c->t, p, 1) != 0) {
		arena_free(&c->a);
		free(c);
		return NULL;
	}
	pthread_mutex_lock(&cache_lock);
	/* Another thread may have parsed it meanwhile: keep the first. */
	if ((had = find(id)) == NULL) {
		c->next = cache;
		cache = c;
		had = &c->t;
		c = NULL;
	}
	pthread_mutex_unlock(&cache_lock);
	if (c != NULL) {
		arena_free(&c->a);
		free(c);
	}
	return had;
}
