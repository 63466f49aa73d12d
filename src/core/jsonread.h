/* Reading JSON documents that people write by hand (rule sets, and in
 * time every format rosc imports): each member checked for its type, its
 * length and its range, and every problem named by its JSON path
 * ("rules[2].due.hours") with a short code, so that a file is refused
 * with all that is wrong in it at once. Strings are copied into an arena;
 * the jansson tree can be freed after. */
#ifndef ROSC_CORE_JSONREAD_H
#define ROSC_CORE_JSONREAD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/i18n.h"

struct arena;

/* A problem: where, and one of the codes "required", "invalid_format",
 * "too_long", "out_of_range", "too_many", "too_few", "unknown_field",
 * or one the caller adds. */
struct jr_problem {
	const char *path, *code;
};

struct jr {
	struct arena *a;
	struct jr_problem *p;
	size_t n, max;               /* problems found; room in p */
};

/* Notes a problem (counted even when p is full). */
void jr_problem(struct jr *c, const char *path, const char *code);
/* "path.key" ("key" at the top); "path[i]". */
const char *jr_join(struct jr *c, const char *path, const char *key);
const char *jr_at(struct jr *c, const char *path, size_t i);
/* Every member of o is one of keys (NULL-ended). */
void jr_only_keys(struct jr *c, json_t *o, const char *path, const char *const *keys);
/* A string member of at most max characters, valid UTF-8 without NUL;
 * NULL if absent, blank or wrong (a problem if wrong, or absent and
 * required). */
const char *jr_str(struct jr *c, json_t *o, const char *key, const char *path, size_t max,
    bool required);
/* As jr_str, made only of a-z, 0-9 and "-" (a code). */
const char *jr_code(struct jr *c, json_t *o, const char *key, const char *path, size_t max,
    bool required);
/* An object of one text per language ({"en": …, "nl": …, "da": …}), all
 * of them required; out->t[l] NULL where missing. */
struct jr_text {
	const char *t[LANG_COUNT];
};
void jr_text(struct jr *c, json_t *o, const char *key, const char *path, size_t max,
    struct jr_text *out);
/* A whole number from lo to hi; def when absent (a problem if required)
 * or wrong. */
int jr_number(struct jr *c, json_t *o, const char *key, const char *path, int lo, int hi,
    bool required, int def);
/* An array or object member; NULL if absent (a problem if required) or
 * wrong. */
json_t *jr_array(struct jr *c, json_t *o, const char *key, const char *path, size_t min,
    size_t max, bool required);
json_t *jr_object(struct jr *c, json_t *o, const char *key, const char *path, bool required);

/* The language keys, in enum lang order, NULL-ended. */
extern const char *const jr_lang_keys[LANG_COUNT + 1];

#endif
