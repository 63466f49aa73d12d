/* Reading hand-written JSON with every problem named by its path. */
#include "core/jsonread.h"

#include <string.h>

#include "base/arena.h"
#include "base/utf8.h"

const char *const jr_lang_keys[LANG_COUNT + 1] = {"en", "nl", "da", NULL};

void
jr_problem(struct jr *c, const char *path, const char *code)
{
	if (c->n < c->max) {
		c->p[c->n].path = path;
		c->p[c->n].code = code;
	}
	c->n++;
}

const char *
jr_join(struct jr *c, const char *path, const char *key)
{
	return *path == '\0' ? key : arena_printf(c->a, "%s.%s", path, key);
}

const char *
jr_at(struct jr *c, const char *path, size_t i)
{
	return arena_printf(c->a, "%s[%zu]", path, i);
}

void
jr_only_keys(struct jr *c, json_t *o, const char *path, const char *const *keys)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(o, k, v) {
		for (i = 0; keys[i] != NULL && strcmp(keys[i], k) != 0; i++)
			;
		if (keys[i] == NULL)
			jr_problem(c, jr_join(c, path, arena_strdup(c->a, k)), "unknown_field");
	}
}

/* The member key of o, or NULL when absent or null (a problem if
 * required). */
static json_t *
member(struct jr *c, json_t *o, const char *key, const char *path, bool required)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v)) {
		if (required)
			jr_problem(c, jr_join(c, path, key), "required");
		return NULL;
	}
	return v;
}

const char *
jr_str(struct jr *c, json_t *o, const char *key, const char *path, size_t max, bool required)
{
	json_t *v = member(c, o, key, path, required);
	const char *s;
	size_t len;

	if (v == NULL)
		return NULL;
	if (!json_is_string(v)) {
		jr_problem(c, jr_join(c, path, key), "invalid_format");
		return NULL;
	}
	s = json_string_value(v);
	len = strlen(s);
	if (len != json_string_length(v) || !utf8_valid_text(s, len)) {
		jr_problem(c, jr_join(c, path, key), "invalid_format");
		return NULL;
	}
	if (strspn(s, " \t\r\n") == len) {
		if (required)
			jr_problem(c, jr_join(c, path, key), "required");
		return NULL;
	}
	if (utf8_count(s, len) > max) {
		jr_problem(c, jr_join(c, path, key), "too_long");
		return NULL;
	}
	return arena_strdup(c->a, s);
}

const char *
jr_code(struct jr *c, json_t *o, const char *key, const char *path, size_t max, bool required)
{
	const char *s = jr_str(c, o, key, path, max, required);

	if (s != NULL && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(s)) {
		jr_problem(c, jr_join(c, path, key), "invalid_format");
		return NULL;
	}
	return s;
}

void
jr_text(struct jr *c, json_t *o, const char *key, const char *path, size_t max,
    struct jr_text *out)
{
	json_t *v = member(c, o, key, path, true);
	const char *p = jr_join(c, path, key);
	int l;

	memset(out, 0, sizeof(*out));
	if (v == NULL)
		return;
	if (!json_is_object(v)) {
		jr_problem(c, p, "invalid_format");
		return;
	}
	for (l = 0; l < LANG_COUNT; l++)
		out->t[l] = jr_str(c, v, jr_lang_keys[l], p, max, true);
	jr_only_keys(c, v, p, jr_lang_keys);
}

int
jr_number(struct jr *c, json_t *o, const char *key, const char *path, int lo, int hi,
    bool required, int def)
{
	json_t *v = member(c, o, key, path, required);
	json_int_t n;

	if (v == NULL)
		return def;
	if (!json_is_integer(v)) {
		jr_problem(c, jr_join(c, path, key), "invalid_format");
		return def;
	}
	n = json_integer_value(v);
	if (n < lo || n > hi) {
		jr_problem(c, jr_join(c, path, key), "out_of_range");
		return def;
	}
	return (int)n;
}

json_t *
jr_array(struct jr *c, json_t *o, const char *key, const char *path, size_t min, size_t max,
    bool required)
{
	json_t *v = member(c, o, key, path, required);

	if (v == NULL)
		return NULL;
	if (!json_is_array(v)) {
		jr_problem(c, jr_join(c, path, key), "invalid_format");
		return NULL;
	}
	if (json_array_size(v) > max) {
		jr_problem(c, jr_join(c, path, key), "too_many");
		return NULL;
	}
	if (json_array_size(v) < min) {
		jr_problem(c, jr_join(c, path, key), "too_few");
		return NULL;
	}
	return v;
}

json_t *
jr_object(struct jr *c, json_t *o, const char *key, const char *path, bool required)
{
	json_t *v = member(c, o, key, path, required);

	if (v != NULL && !json_is_object(v)) {
		jr_problem(c, jr_join(c, path, key), "invalid_format");
		return NULL;
	}
	return v;
}
