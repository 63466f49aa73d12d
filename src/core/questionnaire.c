/* Questionnaires as JSON, read, written and scored (see questionnaire.h). */
#include "core/questionnaire.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "core/pathway.h"

static const char *const lang_keys[LANG_COUNT + 1] = {"en", "nl", "da", NULL};
static const char *const missing_codes[Q_MISSING_COUNT] = {"not_scored", "prorate"};

/* Wide enough for any sum the limits allow (60 items of +-1000, times 100). */
#define SCORE_LIMIT (Q_ITEMS_MAX * Q_VALUE_MAX * Q_MULTIPLIER_MAX)

const char *
q_text(const struct q_text *x, enum lang l)
{
	const char *s = (unsigned)l < LANG_COUNT ? x->t[l] : NULL;

	return s != NULL ? s : x->t[LANG_EN];
}

const char *
q_missing_code(enum q_missing m)
{
	return missing_codes[(unsigned)m < Q_MISSING_COUNT ? m : 0];
}

const char *
q_problem_text(const char *code)
{
	static const struct {
		const char *code, *text;
	} texts[] = {
		{"not_official", N_("given for a language without an official version")},
		{"no_source", N_("no source names the official version in this language")},
		{"mismatch", N_("does not match the items' options and the multiplier")},
		{"gap_or_overlap", N_("leaves a gap or an overlap in the score range")},
		{"not_allowed", N_("not used with this rule")},
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (strcmp(texts[i].code, code) == 0)
			return _(texts[i].text);
	/* The codes the two formats share have their words there. */
	return pw_problem_text(code);
}

const struct q_item *
q_item_find(const struct q_definition *d, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < d->nitems; i++)
		if (strcmp(d->items[i].id, id) == 0)
			return &d->items[i];
	return NULL;
}

/* Reading */

struct ctx {
	struct arena *a;
	struct q_problem *p;
	size_t n, max;
	const struct q_definition *d;  /* its languages, once read */
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

/* The instrument's own words: in each language it has an official
 * version in, and in no other (those are shown in English, not made up). */
static void
words(struct ctx *c, json_t *o, const char *key, const char *path, size_t max, bool required,
    struct q_text *out)
{
	json_t *v = json_object_get(o, key);
	const char *p = join(c, path, key);
	int l;

	memset(out, 0, sizeof(*out));
	if (v == NULL || json_is_null(v)) {
		if (required)
			problem(c, p, "required");
		return;
	}
	if (!json_is_object(v)) {
		problem(c, p, "invalid_format");
		return;
	}
	for (l = 0; l < LANG_COUNT; l++)
		if (c->d->official[l])
			out->t[l] = str(c, v, lang_keys[l], p, max, true);
		else if (json_object_get(v, lang_keys[l]) != NULL)
			problem(c, join(c, p, lang_keys[l]), "not_official");
	only_keys(c, v, p, lang_keys);
}

/* rosc's own words (a zone's label): in every language. */
static void
text(struct ctx *c, json_t *o, const char *key, const char *path, size_t max,
    struct q_text *out)
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

/* An object member; NULL if absent (a problem if required) or wrong. */
static json_t *
object(struct ctx *c, json_t *o, const char *key, const char *path, bool required)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v)) {
		if (required)
			problem(c, join(c, path, key), "required");
		return NULL;
	}
	if (!json_is_object(v)) {
		problem(c, join(c, path, key), "invalid_format");
		return NULL;
	}
	return v;
}

static const char *
code(struct ctx *c, json_t *o, const char *key, const char *path, size_t max)
{
	const char *s = str(c, o, key, path, max, true);

	if (s != NULL && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(s)) {
		problem(c, join(c, path, key), "invalid_format");
		return NULL;
	}
	return s;
}

/* Each item of an array member, as an object, with its path. */
#define EACH(c, arr, path, key, i, item, ipath) \
	for ((i) = 0; (arr) != NULL && (i) < json_array_size(arr); (i)++) \
		if (((item) = json_array_get((arr), (i))), \
		    ((ipath) = at((c), join((c), (path), (key)), (i))), !json_is_object(item)) \
			problem((c), (ipath), "invalid_format"); \
		else

static void
languages(struct ctx *c, json_t *root, struct q_definition *d)
{
	json_t *o = object(c, root, "languages", "", true);
	const char *s;
	int l;

	/* Without a readable list, English alone: the texts are still checked. */
	d->official[LANG_EN] = true;
	if (o == NULL)
		return;
	for (l = 0; l < LANG_COUNT; l++) {
		s = str(c, o, lang_keys[l], "languages", 20, true);
		if (s == NULL)
			continue;
		if (strcmp(s, "official") == 0)
			d->official[l] = true;
		else if (strcmp(s, "missing") != 0 || l == LANG_EN)
			/* English is what a missing language falls back to. */
			problem(c, join(c, "languages", lang_keys[l]), "invalid_choice");
	}
	only_keys(c, o, "languages", lang_keys);
}

static void
item(struct ctx *c, json_t *o, const char *path, struct q_item *it)
{
	static const char *const keys[] = {"id", "text", "skippable", "options", NULL};
	json_t *opts, *x, *skip;
	const char *op;
	size_t k, j, before;

	only_keys(c, o, path, keys);
	it->id = code(c, o, "id", path, Q_ITEM_ID_MAX);
	words(c, o, "text", path, Q_ITEM_TEXT_MAX, true, &it->text);
	skip = json_object_get(o, "skippable");
	if (skip != NULL && !json_is_boolean(skip))
		problem(c, join(c, path, "skippable"), "invalid_format");
	it->skippable = skip != NULL && json_is_true(skip);
	opts = array(c, o, "options", path, 2, Q_OPTIONS_MAX, true);
	it->options = arena_alloc(c->a, (json_array_size(opts) + 1) * sizeof(*it->options));
	EACH(c, opts, path, "options", k, x, op) {
		struct q_option *v = &it->options[it->noptions];

		only_keys(c, x, op, (const char *const[]){"value", "label", NULL});
		before = c->n;
		v->value = number(c, x, "value", op, -Q_VALUE_MAX, Q_VALUE_MAX, true, 0);
		for (j = 0; c->n == before && j < it->noptions; j++)
			if (it->options[j].value == v->value)
				problem(c, join(c, op, "value"), "duplicate");
		words(c, x, "label", op, Q_LABEL_MAX, true, &v->label);
		it->noptions++;
	}
}

/* The sum's least and greatest, from each item's options. */
static void
sum_range(const struct q_definition *d, int *lo, int *hi)
{
	size_t i, k;

	*lo = *hi = 0;
	for (i = 0; i < d->nitems; i++) {
		const struct q_item *it = &d->items[i];
		int a = it->options[0].value, b = a;

		for (k = 1; k < it->noptions; k++) {
			if (it->options[k].value < a)
				a = it->options[k].value;
			if (it->options[k].value > b)
				b = it->options[k].value;
		}
		*lo += a;
		*hi += b;
	}
}

static void
scoring(struct ctx *c, json_t *root, struct q_definition *d)
{
	json_t *o = object(c, root, "scoring", "", true);
	const char *method, *missing;
	int m;

	d->multiplier = 1;
	if (o == NULL)
		return;
	only_keys(c, o, "scoring", (const char *const[]){"method", "multiplier", "missing",
	    "min_answered", NULL});
	method = str(c, o, "method", "scoring", 20, true);
	if (method != NULL && strcmp(method, "sum") != 0)
		problem(c, "scoring.method", "invalid_choice");
	d->multiplier = number(c, o, "multiplier", "scoring", 1, Q_MULTIPLIER_MAX, false, 1);
	missing = str(c, o, "missing", "scoring", 20, true);
	for (m = 0; missing != NULL && m < Q_MISSING_COUNT && strcmp(missing, missing_codes[m]);
	    m++)
		;
	if (missing != NULL && m == Q_MISSING_COUNT)
		problem(c, "scoring.missing", "invalid_choice");
	d->missing = missing != NULL && m < Q_MISSING_COUNT ? (enum q_missing)m : Q_NOT_SCORED;
	if (d->missing == Q_PRORATE)
		/* Scaling up from no answer at all would be a score made up. */
		d->min_answered = number(c, o, "min_answered", "scoring", 1,
		    d->nitems > 0 ? (int)d->nitems : 1, true, 1);
	else if (json_object_get(o, "min_answered") != NULL)
		problem(c, "scoring.min_answered", "not_allowed");
}

static void
zones(struct ctx *c, json_t *root, struct q_definition *d, bool range_ok)
{
	json_t *zs = array(c, root, "zones", "", 0, Q_ZONES_MAX, false), *o;
	const char *zp;
	size_t i, k, before = c->n;

	d->zones = arena_alloc(c->a, (json_array_size(zs) + 1) * sizeof(*d->zones));
	EACH(c, zs, "", "zones", i, o, zp) {
		struct q_zone *z = &d->zones[d->nzones];
		size_t had = c->n;

		only_keys(c, o, zp, (const char *const[]){"code", "from", "to", "label", NULL});
		z->code = code(c, o, "code", zp, Q_CODE_MAX);
		z->from = number(c, o, "from", zp, -SCORE_LIMIT, SCORE_LIMIT, true, 0);
		z->to = number(c, o, "to", zp, -SCORE_LIMIT, SCORE_LIMIT, true, 0);
		if (c->n == had && z->from > z->to)
			problem(c, join(c, zp, "to"), "out_of_range");
		text(c, o, "label", zp, Q_LABEL_MAX, &z->label);
		for (k = 0; z->code != NULL && k < d->nzones; k++)
			if (d->zones[k].code != NULL && strcmp(d->zones[k].code, z->code) == 0)
				problem(c, join(c, zp, "code"), "duplicate");
		d->nzones++;
	}
	/* Every score falls in exactly one zone, or there are none. */
	if (c->n != before || !range_ok || d->nzones == 0)
		return;
	for (i = 0; i < d->nzones; i++)
		if (d->zones[i].from != (i == 0 ? d->min : d->zones[i - 1].to + 1))
			problem(c, arena_printf(c->a, "zones[%zu].from", i), "gap_or_overlap");
	if (d->zones[d->nzones - 1].to != d->max)
		problem(c, arena_printf(c->a, "zones[%zu].to", d->nzones - 1), "gap_or_overlap");
}

static void
sources(struct ctx *c, json_t *root, struct q_definition *d)
{
	json_t *srcs = array(c, root, "sources", "", 1, Q_SOURCES_MAX, true), *o;
	const char *sp;
	size_t i, k;
	int l;

	d->sources = arena_alloc(c->a, (json_array_size(srcs) + 1) * sizeof(*d->sources));
	EACH(c, srcs, "", "sources", i, o, sp) {
		struct q_source *s = &d->sources[d->nsources];

		only_keys(c, o, sp, (const char *const[]){"id", "title", "publisher", "url",
		    "supports", "language", NULL});
		s->id = code(c, o, "id", sp, Q_CODE_MAX);
		s->title = str(c, o, "title", sp, 300, true);
		s->publisher = str(c, o, "publisher", sp, 300, false);
		s->url = str(c, o, "url", sp, 500, true);
		if (s->url != NULL && strncmp(s->url, "https://", 8) != 0 &&
		    strncmp(s->url, "http://", 7) != 0)
			problem(c, join(c, sp, "url"), "invalid_format");
		s->supports = str(c, o, "supports", sp, 600, false);
		s->language = str(c, o, "language", sp, 2, false);
		for (l = 0; s->language != NULL && l < LANG_COUNT &&
		    strcmp(s->language, lang_keys[l]) != 0; l++)
			;
		if (s->language != NULL && l == LANG_COUNT)
			problem(c, join(c, sp, "language"), "invalid_choice");
		for (k = 0; s->id != NULL && k < d->nsources; k++)
			if (d->sources[k].id != NULL && strcmp(d->sources[k].id, s->id) == 0)
				problem(c, join(c, sp, "id"), "duplicate");
		d->nsources++;
	}
	/* A version in another language than English is official only as far
	 * as a named source gives it. */
	for (l = 0; l < LANG_COUNT; l++) {
		if (l == LANG_EN || !d->official[l])
			continue;
		for (k = 0; k < d->nsources && (d->sources[k].language == NULL ||
		    strcmp(d->sources[k].language, lang_keys[l]) != 0); k++)
			;
		if (k == d->nsources)
			problem(c, join(c, "languages", lang_keys[l]), "no_source");
	}
}

size_t
q_parse(struct arena *a, const char *json, size_t len, struct q_definition *d,
    struct q_problem *p, size_t max)
{
	static const char *const keys[] = {"format", "code", "version", "languages", "name",
		"instructions", "items", "scoring", "range", "zones", "attribution", "licence",
		"sources", NULL};
	struct ctx c = {a, p, 0, max, d};
	json_error_t err;
	json_t *root, *its, *rng, *o;
	const char *fmt, *ip;
	size_t i, k, before;
	bool items_ok, range_ok = false;
	int lo, hi;

	memset(d, 0, sizeof(*d));
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
	if (fmt != NULL && strcmp(fmt, Q_FORMAT) != 0)
		problem(&c, "format", "invalid_choice");
	d->code = code(&c, root, "code", "", Q_CODE_MAX);
	d->version = number(&c, root, "version", "", 1, Q_VERSION_MAX, true, 1);
	languages(&c, root, d);
	words(&c, root, "name", "", Q_NAME_MAX, true, &d->name);
	words(&c, root, "instructions", "", Q_INSTRUCTIONS_MAX, false, &d->instructions);

	before = c.n;
	its = array(&c, root, "items", "", 1, Q_ITEMS_MAX, true);
	d->items = arena_alloc(a, (json_array_size(its) + 1) * sizeof(*d->items));
	EACH(&c, its, "", "items", i, o, ip) {
		struct q_item *it = &d->items[d->nitems];

		item(&c, o, ip, it);
		for (k = 0; it->id != NULL && k < d->nitems; k++)
			if (d->items[k].id != NULL && strcmp(d->items[k].id, it->id) == 0)
				problem(&c, join(&c, ip, "id"), "duplicate");
		d->nitems++;
	}
	items_ok = c.n == before;

	scoring(&c, root, d);
	before = c.n;
	if ((rng = object(&c, root, "range", "", true)) != NULL) {
		only_keys(&c, rng, "range", (const char *const[]){"min", "max", NULL});
		d->min = number(&c, rng, "min", "range", -SCORE_LIMIT, SCORE_LIMIT, true, 0);
		d->max = number(&c, rng, "max", "range", -SCORE_LIMIT, SCORE_LIMIT, true, 0);
	}
	/* The range is stated so a reader need not work it out, and checked
	 * so a typo in an option's value cannot hide. */
	if (rng != NULL && c.n == before && items_ok) {
		sum_range(d, &lo, &hi);
		if (d->min != lo * d->multiplier)
			problem(&c, "range.min", "mismatch");
		if (d->max != hi * d->multiplier)
			problem(&c, "range.max", "mismatch");
		range_ok = c.n == before;
	}
	zones(&c, root, d, range_ok);
	d->attribution = str(&c, root, "attribution", "", 400, true);
	d->licence = str(&c, root, "licence", "", 2000, true);
	sources(&c, root, d);
	json_decref(root);
	return c.n;
}

/* Writing */

static json_t *
text_json(const struct q_text *x)
{
	json_t *o = json_object();
	int l;

	for (l = 0; l < LANG_COUNT; l++)
		if (x->t[l] != NULL)
			json_object_set_new(o, lang_keys[l], json_string(x->t[l]));
	return o;
}

static json_t *
item_json(const struct q_item *it)
{
	json_t *o = json_object(), *opts = json_array();
	size_t k;

	json_object_set_new(o, "id", json_string(it->id));
	json_object_set_new(o, "text", text_json(&it->text));
	json_object_set_new(o, "skippable", json_boolean(it->skippable));
	for (k = 0; k < it->noptions; k++)
		json_array_append_new(opts, json_pack("{s:i, s:o}", "value", it->options[k].value,
		    "label", text_json(&it->options[k].label)));
	json_object_set_new(o, "options", opts);
	return o;
}

char *
q_write(struct arena *a, const struct q_definition *d)
{
	json_t *root = json_object(), *arr, *o;
	char *s, *out;
	size_t i;
	int l;

	json_object_set_new(root, "format", json_string(Q_FORMAT));
	json_object_set_new(root, "code", json_string(d->code));
	json_object_set_new(root, "version", json_integer(d->version));
	o = json_object();
	for (l = 0; l < LANG_COUNT; l++)
		json_object_set_new(o, lang_keys[l], json_string(d->official[l] ? "official" :
		    "missing"));
	json_object_set_new(root, "languages", o);
	json_object_set_new(root, "name", text_json(&d->name));
	if (d->instructions.t[LANG_EN] != NULL)
		json_object_set_new(root, "instructions", text_json(&d->instructions));
	arr = json_array();
	for (i = 0; i < d->nitems; i++)
		json_array_append_new(arr, item_json(&d->items[i]));
	json_object_set_new(root, "items", arr);
	o = json_pack("{s:s, s:i, s:s}", "method", "sum", "multiplier", d->multiplier,
	    "missing", q_missing_code(d->missing));
	if (d->missing == Q_PRORATE)
		json_object_set_new(o, "min_answered", json_integer(d->min_answered));
	json_object_set_new(root, "scoring", o);
	json_object_set_new(root, "range", json_pack("{s:i, s:i}", "min", d->min, "max", d->max));
	arr = json_array();
	for (i = 0; i < d->nzones; i++)
		json_array_append_new(arr, json_pack("{s:s, s:i, s:i, s:o}", "code",
		    d->zones[i].code, "from", d->zones[i].from, "to", d->zones[i].to, "label",
		    text_json(&d->zones[i].label)));
	json_object_set_new(root, "zones", arr);
	json_object_set_new(root, "attribution", json_string(d->attribution));
	json_object_set_new(root, "licence", json_string(d->licence));
	arr = json_array();
	for (i = 0; i < d->nsources; i++) {
		const struct q_source *x = &d->sources[i];

		o = json_object();
		json_object_set_new(o, "id", json_string(x->id));
		json_object_set_new(o, "title", json_string(x->title));
		if (x->publisher != NULL)
			json_object_set_new(o, "publisher", json_string(x->publisher));
		json_object_set_new(o, "url", json_string(x->url));
		if (x->supports != NULL)
			json_object_set_new(o, "supports", json_string(x->supports));
		if (x->language != NULL)
			json_object_set_new(o, "language", json_string(x->language));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "sources", arr);
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (s == NULL)
		return NULL;
	out = arena_printf(a, "%s\n", s);
	free(s);
	return out;
}

/* Scoring */

/* num / den rounded to the nearest whole number, halves away from zero;
 * den > 0. */
static int
div_round(long num, long den)
{
	return num >= 0 ? (int)((2 * num + den) / (2 * den)) :
	    -(int)((-2 * num + den) / (2 * den));
}

int
q_score(const struct q_definition *d, const struct q_answer *answers, size_t n,
    struct q_result *out)
{
	bool seen[Q_ITEMS_MAX] = {false};
	size_t i, k;
	int raw;

	memset(out, 0, sizeof(*out));
	if (d->nitems > Q_ITEMS_MAX)
		return ERR_INVALID;
	for (i = 0; i < n; i++) {
		const struct q_item *it = q_item_find(d, answers[i].item);

		if (it == NULL || seen[it - d->items])
			goto invalid;
		for (k = 0; k < it->noptions && it->options[k].value != answers[i].value; k++)
			;
		if (k == it->noptions)
			goto invalid;
		seen[it - d->items] = true;
		out->sum += answers[i].value;
		out->answered++;
	}
	out->missing = (int)d->nitems - out->answered;
	if (d->missing == Q_PRORATE) {
		out->scored = out->answered >= d->min_answered && out->answered > 0;
		raw = out->scored ? div_round((long)out->sum * (long)d->nitems, out->answered) : 0;
	} else {
		out->scored = out->missing == 0;
		raw = out->sum;
	}
	if (!out->scored)
		return 0;
	out->score = raw * d->multiplier;
	for (i = 0; i < d->nzones; i++)
		if (d->zones[i].from <= out->score && out->score <= d->zones[i].to)
			out->zone = &d->zones[i];
	return 0;
invalid:
	memset(out, 0, sizeof(*out));
	return ERR_INVALID;
}
