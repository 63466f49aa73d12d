/* Questionnaires: the shipped ones read cleanly, round-trip through JSON
 * and score as worked out by hand below; a malformed definition is
 * refused with the JSON path of each problem. A set of answers is checked
 * against the version answered, each problem with its item and a stable
 * code (core/q_response.c). */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "base/embedded.h"
#include "base/err.h"
#include "base/i18n.h"
#include "core/q_response.h"
#include "core/questionnaire.h"

/* The shipped definition in file name, parsed into d (in a). */
static void
shipped(struct arena *a, const char *name, struct q_definition *d)
{
	struct q_problem p[8];
	size_t i, n;

	for (i = 0; i < questionnaires_shipped_count; i++)
		if (strcmp(questionnaires_shipped[i].name, name) == 0)
			break;
	if (i == questionnaires_shipped_count)
		fail_msg("%s is not shipped", name);
	n = q_parse(a, (const char *)questionnaires_shipped[i].data, questionnaires_shipped[i].len,
	    d, p, 8);
	if (n > 0)
		fail_msg("%s: %s: %s", name, p[0].path, p[0].code);
}

/* Scores the values vs[0..n) as the answers to items "1", "2", ...;
 * a value of -1 leaves that item unanswered. */
static int
score(const struct q_definition *d, const int *vs, size_t n, struct q_result *r)
{
	static const char *const ids[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
	struct q_answer as[10];
	size_t i, k = 0;

	assert_true(n <= 10);
	for (i = 0; i < n; i++)
		if (vs[i] >= 0) {
			as[k].item = ids[i];
			as[k++].value = vs[i];
		}
	return q_score(d, as, k, r);
}

static void
assert_zone(const struct q_result *r, const char *code)
{
	assert_true(r->scored);
	assert_non_null(r->zone);
	assert_string_equal(r->zone->code, code);
}

static void
shipped_round_trip(void **state)
{
	struct arena a = ARENA_INIT;
	struct q_problem p[8];
	size_t i;

	(void)state;
	assert_int_equal(questionnaires_shipped_count, 4);
	for (i = 0; i < questionnaires_shipped_count; i++) {
		struct q_definition d, e;
		const char *once, *twice;

		shipped(&a, questionnaires_shipped[i].name, &d);
		assert_true(d.nsources >= 1);
		assert_non_null(d.licence);
		assert_non_null(d.attribution);
		/* No official Dutch or Danish version was found for any of
		 * them: those languages are marked missing, and show English. */
		assert_true(d.official[LANG_EN]);
		assert_false(d.official[LANG_NL]);
		assert_false(d.official[LANG_DA]);
		assert_null(d.items[0].text.t[LANG_DA]);
		assert_string_equal(q_text(&d.items[0].text, LANG_DA), d.items[0].text.t[LANG_EN]);
		once = q_write(&a, &d);
		assert_non_null(once);
		assert_int_equal(q_parse(&a, once, strlen(once), &e, p, 8), 0);
		twice = q_write(&a, &e);
		assert_string_equal(once, twice);
	}
	arena_free(&a);
}

/* WHO-5: five items 0-5, the sum times 4 (0-100); scored only when all
 * five are answered. */
static void
who5(void **state)
{
	struct arena a = ARENA_INIT;
	struct q_definition d;
	struct q_result r;

	(void)state;
	shipped(&a, "who-5.json", &d);
	assert_string_equal(d.code, "who-5");
	assert_int_equal(d.nitems, 5);
	assert_int_equal(d.multiplier, 4);
	assert_int_equal(d.min, 0);
	assert_int_equal(d.max, 100);
	/* 5+4+3+2+1 = 15; 15 x 4 = 60. */
	assert_int_equal(score(&d, (const int[]){5, 4, 3, 2, 1}, 5, &r), 0);
	assert_int_equal(r.sum, 15);
	assert_int_equal(r.score, 60);
	assert_zone(&r, "good");
	/* Raw 13 x 4 = 52, the first score above the line; raw 12 x 4 = 48. */
	assert_int_equal(score(&d, (const int[]){3, 3, 3, 2, 2}, 5, &r), 0);
	assert_int_equal(r.score, 52);
	assert_zone(&r, "good");
	assert_int_equal(score(&d, (const int[]){3, 3, 2, 2, 2}, 5, &r), 0);
	assert_int_equal(r.score, 48);
	assert_zone(&r, "low");
	assert_int_equal(score(&d, (const int[]){0, 0, 0, 0, 0}, 5, &r), 0);
	assert_int_equal(r.score, 0);
	assert_zone(&r, "low");
	assert_int_equal(score(&d, (const int[]){5, 5, 5, 5, 5}, 5, &r), 0);
	assert_int_equal(r.score, 100);
	assert_zone(&r, "good");
	/* One left unanswered: not scored (no guess at the fifth). */
	assert_int_equal(score(&d, (const int[]){5, 5, -1, 5, 5}, 5, &r), 0);
	assert_false(r.scored);
	assert_int_equal(r.answered, 4);
	assert_int_equal(r.missing, 1);
	assert_int_equal(r.sum, 20);
	assert_int_equal(r.score, 0);
	assert_null(r.zone);
	/* 6 is no answer of the WHO-5's. */
	assert_int_equal(score(&d, (const int[]){6, 5, 5, 5, 5}, 5, &r), ERR_INVALID);
	assert_false(r.scored);
	arena_free(&a);
}

/* BARC-10: ten items 1-6 (10-60); 47 or more is building recovery
 * capital; scored only when all ten are answered. */
static void
barc10(void **state)
{
	struct arena a = ARENA_INIT;
	struct q_definition d;
	struct q_result r;

	(void)state;
	shipped(&a, "barc-10.json", &d);
	assert_int_equal(d.nitems, 10);
	assert_int_equal(d.min, 10);
	assert_int_equal(d.max, 60);
	/* 7 x 5 + 3 x 4 = 47: building. */
	assert_int_equal(score(&d, (const int[]){5, 5, 5, 5, 5, 5, 5, 4, 4, 4}, 10, &r), 0);
	assert_int_equal(r.score, 47);
	assert_zone(&r, "building-recovery-capital");
	assert_non_null(strstr(q_text(&r.zone->label, LANG_EN), "Building recovery capital"));
	assert_non_null(strstr(q_text(&r.zone->label, LANG_NL), "Herstelkapitaal"));
	/* 6 x 5 + 4 x 4 = 46: growing, said as hope too. */
	assert_int_equal(score(&d, (const int[]){5, 5, 5, 5, 5, 5, 4, 4, 4, 4}, 10, &r), 0);
	assert_int_equal(r.score, 46);
	assert_zone(&r, "growing-recovery-capital");
	assert_int_equal(score(&d, (const int[]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 10, &r), 0);
	assert_int_equal(r.score, 10);
	assert_zone(&r, "growing-recovery-capital");
	assert_int_equal(score(&d, (const int[]){6, 6, 6, 6, 6, 6, 6, 6, 6, 6}, 10, &r), 0);
	assert_int_equal(r.score, 60);
	assert_zone(&r, "building-recovery-capital");
	/* Nine of ten (sum 54): not scored; the source gives no rule for
	 * an unanswered item. */
	assert_int_equal(score(&d, (const int[]){6, 6, 6, 6, 6, 6, 6, 6, 6, -1}, 10, &r), 0);
	assert_false(r.scored);
	assert_int_equal(r.sum, 54);
	assert_int_equal(r.missing, 1);
	assert_null(r.zone);
	/* The scale runs from 1: 0 and 7 are not answers. */
	assert_int_equal(score(&d, (const int[]){0, 6, 6, 6, 6, 6, 6, 6, 6, 6}, 10, &r),
	    ERR_INVALID);
	assert_int_equal(score(&d, (const int[]){7, 6, 6, 6, 6, 6, 6, 6, 6, 6}, 10, &r),
	    ERR_INVALID);
	arena_free(&a);
}

/* AUDIT: items 1-8 score 0-4, items 9 and 10 only 0, 2 or 4 (the
 * step-up), 0-40; zones I 0-7, II 8-15, III 16-19, IV 20-40. */
static void
audit(void **state)
{
	struct arena a = ARENA_INIT;
	struct q_definition d;
	struct q_result r;
	const struct q_item *it;

	(void)state;
	shipped(&a, "audit.json", &d);
	assert_int_equal(d.nitems, 10);
	assert_int_equal(d.max, 40);
	it = q_item_find(&d, "9");
	assert_non_null(it);
	assert_int_equal(it->noptions, 3);
	assert_int_equal(it->options[0].value, 0);
	assert_int_equal(it->options[1].value, 2);
	assert_int_equal(it->options[2].value, 4);
	assert_int_equal(q_item_find(&d, "10")->noptions, 3);
	assert_int_equal(q_item_find(&d, "8")->noptions, 5);
	/* Nothing at all: 0, zone I. */
	assert_int_equal(score(&d, (const int[]){0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 10, &r), 0);
	assert_int_equal(r.score, 0);
	assert_zone(&r, "zone-1");
	/* 4 + 1 + 2 = 7: zone I. */
	assert_int_equal(score(&d, (const int[]){4, 1, 2, 0, 0, 0, 0, 0, 0, 0}, 10, &r), 0);
	assert_int_equal(r.score, 7);
	assert_zone(&r, "zone-1");
	/* The same and "yes, but not in the last year" to item 10 (2): 9, zone II. */
	assert_int_equal(score(&d, (const int[]){4, 1, 2, 0, 0, 0, 0, 0, 0, 2}, 10, &r), 0);
	assert_int_equal(r.score, 9);
	assert_zone(&r, "zone-2");
	/* 1 on each of items 1-8: 8, the first of zone II. */
	assert_int_equal(score(&d, (const int[]){1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, 10, &r), 0);
	assert_int_equal(r.score, 8);
	assert_zone(&r, "zone-2");
	/* 7 x 2 + 1 = 15, the last of zone II; with 4 on item 9, 19: zone III's last. */
	assert_int_equal(score(&d, (const int[]){2, 2, 2, 2, 2, 2, 2, 1, 0, 0}, 10, &r), 0);
	assert_int_equal(r.score, 15);
	assert_zone(&r, "zone-2");
	assert_int_equal(score(&d, (const int[]){2, 2, 2, 2, 2, 2, 2, 1, 4, 0}, 10, &r), 0);
	assert_int_equal(r.score, 19);
	assert_zone(&r, "zone-3");
	/* 8 + 4 + 4 = 16: zone III's first, by the step-up items. */
	assert_int_equal(score(&d, (const int[]){1, 1, 1, 1, 1, 1, 1, 1, 4, 4}, 10, &r), 0);
	assert_int_equal(r.score, 16);
	assert_zone(&r, "zone-3");
	/* 8 x 2 + 2 + 2 = 20: zone IV. */
	assert_int_equal(score(&d, (const int[]){2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, 10, &r), 0);
	assert_int_equal(r.score, 20);
	assert_zone(&r, "zone-4");
	assert_int_equal(score(&d, (const int[]){4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, 10, &r), 0);
	assert_int_equal(r.score, 40);
	assert_zone(&r, "zone-4");
	/* Items 9 and 10 have no 1 or 3. */
	assert_int_equal(score(&d, (const int[]){0, 0, 0, 0, 0, 0, 0, 0, 1, 0}, 10, &r),
	    ERR_INVALID);
	assert_int_equal(score(&d, (const int[]){0, 0, 0, 0, 0, 0, 0, 0, 0, 3}, 10, &r),
	    ERR_INVALID);
	/* Item 10 unanswered: not scored. */
	assert_int_equal(score(&d, (const int[]){4, 4, 4, 4, 4, 4, 4, 4, 4, -1}, 10, &r), 0);
	assert_false(r.scored);
	assert_int_equal(r.sum, 36);
	assert_null(r.zone);
	/* An answer twice, or to an item the AUDIT lacks. */
	assert_int_equal(q_score(&d, (const struct q_answer[]){{"1", 0}, {"1", 1}}, 2, &r),
	    ERR_INVALID);
	assert_int_equal(q_score(&d, (const struct q_answer[]){{"11", 0}}, 1, &r), ERR_INVALID);
	assert_int_equal(q_score(&d, (const struct q_answer[]){{NULL, 0}}, 1, &r), ERR_INVALID);
	arena_free(&a);
}

/* AUDIT-C: the AUDIT's items 1-3, 0-12, shown as a score: no zones. */
static void
audit_c(void **state)
{
	struct arena a = ARENA_INIT;
	struct q_definition d, full;
	struct q_result r;
	size_t i, k;

	(void)state;
	shipped(&a, "audit-c.json", &d);
	shipped(&a, "audit.json", &full);
	assert_int_equal(d.nitems, 3);
	assert_int_equal(d.min, 0);
	assert_int_equal(d.max, 12);
	assert_int_equal(d.nzones, 0);
	/* The same three questions and answers as the AUDIT's. */
	for (i = 0; i < 3; i++) {
		assert_string_equal(d.items[i].text.t[LANG_EN], full.items[i].text.t[LANG_EN]);
		assert_int_equal(d.items[i].noptions, full.items[i].noptions);
		for (k = 0; k < d.items[i].noptions; k++) {
			assert_int_equal(d.items[i].options[k].value,
			    full.items[i].options[k].value);
			assert_string_equal(d.items[i].options[k].label.t[LANG_EN],
			    full.items[i].options[k].label.t[LANG_EN]);
		}
	}
	/* 4 + 1 + 2 = 7, scored, no zone. */
	assert_int_equal(score(&d, (const int[]){4, 1, 2}, 3, &r), 0);
	assert_true(r.scored);
	assert_int_equal(r.score, 7);
	assert_null(r.zone);
	assert_int_equal(score(&d, (const int[]){4, 4, 4}, 3, &r), 0);
	assert_int_equal(r.score, 12);
	assert_int_equal(score(&d, (const int[]){0, 0, 0}, 3, &r), 0);
	assert_true(r.scored);
	assert_int_equal(r.score, 0);
	assert_int_equal(score(&d, (const int[]){4, -1, 4}, 3, &r), 0);
	assert_false(r.scored);
	/* Item 4 is the full AUDIT's, not the AUDIT-C's. */
	assert_int_equal(q_score(&d, (const struct q_answer[]){{"4", 0}}, 1, &r), ERR_INVALID);
	arena_free(&a);
}

#define HEAD(langs) "{\"format\": \"rosc-questionnaire/1\", \"code\": \"t\", \"version\": 1," \
	" \"languages\": " langs ", \"name\": {\"en\": \"T\"},"
#define EN_ONLY "{\"en\": \"official\", \"nl\": \"missing\", \"da\": \"missing\"}"
#define OPTS03 "[{\"value\": 0, \"label\": {\"en\": \"0\"}}," \
	" {\"value\": 1, \"label\": {\"en\": \"1\"}}," \
	" {\"value\": 2, \"label\": {\"en\": \"2\"}}, {\"value\": 3, \"label\": {\"en\": \"3\"}}]"
#define ITEM(id) "{\"id\": \"" id "\", \"text\": {\"en\": \"Q" id "\"}, \"options\": " OPTS03 "}"
#define TAIL " \"attribution\": \"A\", \"licence\": \"L\"," \
	" \"sources\": [{\"id\": \"s\", \"title\": \"T\", \"url\": \"https://example.org\"}]}"
#define ZONE(code, from, to) "{\"code\": \"" code "\", \"from\": " from ", \"to\": " to "," \
	" \"label\": {\"en\": \"" code "\", \"nl\": \"" code "\", \"da\": \"" code "\"}}"

/* Prorating, for an instrument whose source gives that rule: five items
 * 0-3, scored from two answers up, the sum times 5 / answered, rounded to
 * the nearest whole number with halves away from zero. */
static void
prorated(void **state)
{
	static const char json[] = HEAD(EN_ONLY)
	    " \"items\": [" ITEM("1") ", " ITEM("2") ", " ITEM("3") ", " ITEM("4") ","
	    " " ITEM("5") "],"
	    " \"scoring\": {\"method\": \"sum\", \"missing\": \"prorate\", \"min_answered\": 2},"
	    " \"range\": {\"min\": 0, \"max\": 15},"
	    " \"zones\": [" ZONE("a", "0", "7") ", " ZONE("b", "8", "15") "]," TAIL;
	struct arena a = ARENA_INIT;
	struct q_problem p[8];
	struct q_definition d;
	struct q_result r;
	size_t n;

	(void)state;
	n = q_parse(&a, json, strlen(json), &d, p, 8);
	if (n > 0)
		fail_msg("%s: %s", p[0].path, p[0].code);
	assert_int_equal(d.missing, Q_PRORATE);
	assert_int_equal(d.min_answered, 2);
	/* 1 + 0 = 1 of two answered: 1 x 5 / 2 = 2.5, so 3. */
	assert_int_equal(score(&d, (const int[]){1, 0, -1, -1, -1}, 5, &r), 0);
	assert_true(r.scored);
	assert_int_equal(r.answered, 2);
	assert_int_equal(r.missing, 3);
	assert_int_equal(r.score, 3);
	assert_zone(&r, "a");
	/* 3 + 3 + 2 + 2 = 10 of four: 12.5, so 13. */
	assert_int_equal(score(&d, (const int[]){3, 3, 2, 2, -1}, 5, &r), 0);
	assert_int_equal(r.score, 13);
	assert_zone(&r, "b");
	/* 1 + 1 + 1 = 3 of three: 5 exactly. */
	assert_int_equal(score(&d, (const int[]){1, -1, 1, -1, 1}, 5, &r), 0);
	assert_int_equal(r.score, 5);
	/* All five: the plain sum. */
	assert_int_equal(score(&d, (const int[]){3, 3, 3, 3, 2}, 5, &r), 0);
	assert_int_equal(r.score, 14);
	/* One answer is below the minimum: not scored. */
	assert_int_equal(score(&d, (const int[]){3, -1, -1, -1, -1}, 5, &r), 0);
	assert_false(r.scored);
	assert_int_equal(score(&d, (const int[]){-1, -1, -1, -1, -1}, 5, &r), 0);
	assert_false(r.scored);
	assert_int_equal(r.answered, 0);
	arena_free(&a);
}

/* A Danish official version is taken only with a source for it; a
 * language marked missing shows English. */
static void
official_language(void **state)
{
	static const char with_da[] = "{\"format\": \"rosc-questionnaire/1\", \"code\": \"t\","
	    " \"version\": 1, \"languages\": {\"en\": \"official\", \"nl\": \"missing\","
	    " \"da\": \"official\"}, \"name\": {\"en\": \"T\", \"da\": \"T-da\"},"
	    " \"items\": [{\"id\": \"1\", \"text\": {\"en\": \"Q\", \"da\": \"Q-da\"}, \"options\":"
	    " [{\"value\": 0, \"label\": {\"en\": \"no\", \"da\": \"nej\"}},"
	    " {\"value\": 1, \"label\": {\"en\": \"yes\", \"da\": \"ja\"}}]}],"
	    " \"scoring\": {\"method\": \"sum\", \"missing\": \"not_scored\"},"
	    " \"range\": {\"min\": 0, \"max\": 1}, \"attribution\": \"A\", \"licence\": \"L\","
	    " \"sources\": [{\"id\": \"s\", \"title\": \"T\", \"url\": \"https://example.org\"},"
	    " {\"id\": \"s-da\", \"title\": \"T\", \"url\": \"https://example.dk\","
	    " \"language\": \"da\"}]}";
	struct arena a = ARENA_INIT;
	struct q_problem p[8];
	struct q_definition d;
	char *no_source;
	size_t n;

	(void)state;
	n = q_parse(&a, with_da, strlen(with_da), &d, p, 8);
	if (n > 0)
		fail_msg("%s: %s", p[0].path, p[0].code);
	assert_true(d.official[LANG_DA]);
	assert_string_equal(q_text(&d.items[0].text, LANG_DA), "Q-da");
	assert_string_equal(q_text(&d.items[0].text, LANG_NL), "Q");
	assert_string_equal(q_text(&d.items[0].options[1].label, LANG_DA), "ja");
	assert_non_null(strstr(q_write(&a, &d), "\"da\": \"official\""));
	/* Without the source that gives the Danish version: refused. */
	no_source = arena_strdup(&a, with_da);
	memcpy(strstr(no_source, "\"language\": \"da\""), "\"supports\": \"xx\"", 16);
	n = q_parse(&a, no_source, strlen(no_source), &d, p, 8);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].path, "languages.da");
	assert_string_equal(p[0].code, "no_source");
	arena_free(&a);
}

static bool
has(const struct q_problem *p, size_t n, const char *path, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(p[i].path, path) == 0 && strcmp(p[i].code, code) == 0)
			return true;
	return false;
}

static void
problems_by_path(void **state)
{
	static const char bad[] =
	    "{\"format\": \"rosc-questionnaire/2\", \"code\": \"Bad\", \"version\": 0,"
	    " \"languages\": {\"en\": \"missing\", \"nl\": \"official\", \"da\": \"maybe\"},"
	    " \"name\": {\"en\": \"X\", \"da\": \"Y\"},"
	    " \"items\": ["
	    "  {\"id\": \"a\", \"text\": {\"en\": \"A\"}, \"options\": [{\"value\": 0,"
	    "   \"label\": {\"en\": \"no\"}}, {\"value\": 0, \"label\": {\"en\": \"zero\"}}]},"
	    "  {\"id\": \"a\", \"text\": {\"en\": \"B\"}, \"skippable\": \"yes\","
	    "   \"options\": [{\"value\": 1, \"label\": {\"en\": \"one\"}}]},"
	    "  3],"
	    " \"scoring\": {\"method\": \"mean\", \"missing\": \"not_scored\","
	    " \"min_answered\": 1},"
	    " \"range\": {\"min\": 0, \"max\": 5},"
	    " \"zones\": [{\"code\": \"z\", \"from\": 0, \"to\": 2, \"label\": {\"en\": \"a\","
	    "   \"nl\": \"b\"}}, {\"code\": \"z\", \"from\": 4, \"to\": 3,"
	    "   \"label\": {\"en\": \"a\", \"nl\": \"b\", \"da\": \"c\"}}],"
	    " \"attribution\": \"A\","
	    " \"sources\": [{\"id\": \"s\", \"title\": \"T\", \"url\": \"ftp://x\","
	    " \"language\": \"fr\"}],"
	    " \"colour\": \"red\"}";
	struct arena a = ARENA_INIT;
	struct q_problem p[64];
	struct q_definition d;
	size_t n;

	(void)state;
	n = q_parse(&a, bad, strlen(bad), &d, p, 64);
	assert_true(has(p, n, "format", "invalid_choice"));
	assert_true(has(p, n, "code", "invalid_format"));
	assert_true(has(p, n, "version", "out_of_range"));
	assert_true(has(p, n, "languages.en", "invalid_choice"));
	assert_true(has(p, n, "languages.da", "invalid_choice"));
	assert_true(has(p, n, "languages.nl", "no_source"));
	assert_true(has(p, n, "name.nl", "required"));
	assert_true(has(p, n, "name.da", "not_official"));
	assert_true(has(p, n, "items[0].text.nl", "required"));
	assert_true(has(p, n, "items[0].options[1].value", "duplicate"));
	assert_true(has(p, n, "items[0].options[0].label.nl", "required"));
	assert_true(has(p, n, "items[1].id", "duplicate"));
	assert_true(has(p, n, "items[1].skippable", "invalid_format"));
	assert_true(has(p, n, "items[1].options", "too_few"));
	assert_true(has(p, n, "items[2]", "invalid_format"));
	assert_true(has(p, n, "scoring.method", "invalid_choice"));
	assert_true(has(p, n, "scoring.min_answered", "not_allowed"));
	assert_true(has(p, n, "zones[0].label.da", "required"));
	assert_true(has(p, n, "zones[1].code", "duplicate"));
	assert_true(has(p, n, "zones[1].to", "out_of_range"));
	assert_true(has(p, n, "licence", "required"));
	assert_true(has(p, n, "sources[0].url", "invalid_format"));
	assert_true(has(p, n, "sources[0].language", "invalid_choice"));
	assert_true(has(p, n, "colour", "unknown_field"));
	/* Only the first max are kept, but every one is counted. */
	assert_int_equal(q_parse(&a, bad, strlen(bad), &d, p, 2), n);
	arena_free(&a);
}

/* The stated range must be the items' and multiplier's; zones cover it
 * without a gap or an overlap. */
static void
range_and_zones(void **state)
{
	static const char wrong_max[] = HEAD(EN_ONLY)
	    " \"items\": [" ITEM("1") ", " ITEM("2") "],"
	    " \"scoring\": {\"method\": \"sum\", \"multiplier\": 2, \"missing\": \"prorate\"},"
	    " \"range\": {\"min\": 0, \"max\": 6}," TAIL;
	static const char gap[] = HEAD(EN_ONLY)
	    " \"items\": [" ITEM("1") ", " ITEM("2") "],"
	    " \"scoring\": {\"method\": \"sum\", \"multiplier\": 2, \"missing\": \"not_scored\"},"
	    " \"range\": {\"min\": 0, \"max\": 12},"
	    " \"zones\": [" ZONE("a", "0", "3") ", " ZONE("b", "5", "12") "]," TAIL;
	static const char short_end[] = HEAD(EN_ONLY)
	    " \"items\": [" ITEM("1") ", " ITEM("2") "],"
	    " \"scoring\": {\"method\": \"sum\", \"multiplier\": 2, \"missing\": \"not_scored\"},"
	    " \"range\": {\"min\": 0, \"max\": 12},"
	    " \"zones\": [" ZONE("a", "1", "3") ", " ZONE("b", "4", "11") "]," TAIL;
	struct arena a = ARENA_INIT;
	struct q_problem p[16];
	struct q_definition d;
	size_t n;

	(void)state;
	n = q_parse(&a, wrong_max, strlen(wrong_max), &d, p, 16);
	assert_int_equal(n, 2);
	assert_true(has(p, n, "range.max", "mismatch"));
	assert_true(has(p, n, "scoring.min_answered", "required"));
	n = q_parse(&a, gap, strlen(gap), &d, p, 16);
	assert_int_equal(n, 1);
	assert_true(has(p, n, "zones[1].from", "gap_or_overlap"));
	n = q_parse(&a, short_end, strlen(short_end), &d, p, 16);
	assert_int_equal(n, 2);
	assert_true(has(p, n, "zones[0].from", "gap_or_overlap"));
	assert_true(has(p, n, "zones[1].to", "gap_or_overlap"));
	arena_free(&a);
}

static void
not_json_and_words(void **state)
{
	static const char twice[] = "{\"code\": \"a\", \"code\": \"b\"}";
	struct arena a = ARENA_INIT;
	struct q_problem p[4];
	struct q_definition d;

	(void)state;
	assert_int_equal(q_parse(&a, "{", 1, &d, p, 4), 1);
	assert_string_equal(p[0].path, "$");
	assert_string_equal(p[0].code, "invalid_json");
	assert_int_equal(q_parse(&a, twice, strlen(twice), &d, p, 4), 1);
	assert_string_equal(p[0].code, "invalid_json");
	assert_int_equal(q_parse(&a, "\"\xff\"", 3, &d, p, 4), 1);
	assert_int_equal(q_parse(&a, "[]", 2, &d, p, 4), 1);
	assert_string_equal(p[0].code, "invalid_format");
	assert_string_equal(q_problem_text("not_official"),
	    "given for a language without an official version");
	assert_string_equal(q_problem_text("required"), "missing");
	assert_string_equal(q_problem_text("something_new"), "something_new");
	arena_free(&a);
}

/* Every problem a set of answers can have, each at its item. */
static void
answers_checked(void **state)
{
	struct arena a = ARENA_INIT;
	struct q_definition d;
	struct qr_problem p[8];
	struct q_answer good[] = {{"1", 3}, {"2", 3}, {"3", 3}, {"4", 3}, {"5", 3}};
	struct q_answer bad[] = {{"1", 3}, {"9", 3}, {"1", 4}, {"2", 6}, {"3", -1}};
	struct q_answer six[] = {{"1", 3}, {"2", 3}, {"3", 3}, {"4", 3}, {"5", 3}, {"6", 3}};
	struct q_answer no_id[] = {{NULL, 3}};

	(void)state;
	shipped(&a, "who-5.json", &d);
	assert_int_equal(qr_check(&d, good, 5, p, 8), 0);
	assert_int_equal(qr_check(&d, good, 2, p, 8), 0);   /* too few is scored by the rule */
	assert_int_equal(qr_check(&d, good, 0, p, 8), 1);
	assert_null(p[0].item);
	assert_string_equal(p[0].code, "empty");
	assert_int_equal(qr_check(&d, six, 6, p, 8), 1);
	assert_string_equal(p[0].code, "too_many");
	assert_int_equal(qr_check(&d, bad, 5, p, 8), 4);
	assert_string_equal(p[0].item, "9");
	assert_string_equal(p[0].code, "unknown_item");
	assert_string_equal(p[1].item, "1");
	assert_string_equal(p[1].code, "duplicate_item");
	assert_string_equal(p[2].item, "2");
	assert_string_equal(p[2].code, "invalid_value");
	assert_string_equal(p[3].item, "3");
	assert_string_equal(p[3].code, "invalid_value");
	/* Counted beyond the room given. */
	assert_int_equal(qr_check(&d, bad, 5, p, 1), 4);
	assert_string_equal(p[0].code, "unknown_item");
	assert_int_equal(qr_check(&d, no_id, 1, p, 8), 1);
	assert_string_equal(p[0].code, "unknown_item");
	assert_string_equal(qr_problem_text("duplicate_item"), "This question was answered twice.");
	assert_string_equal(qr_problem_text("something_new"), "something_new");
	arena_free(&a);
}

/* A response's score fields from the result, and why one has none. */
static void
response_result(void **state)
{
	struct arena a = ARENA_INIT;
	struct q_definition d;
	struct q_response x;
	struct q_result r;
	static const int rising[] = {3, 2, 3, 2, 2}, partial[] = {3, -1, 3, -1, 2};
	enum qr_source s;

	(void)state;
	shipped(&a, "who-5.json", &d);
	memset(&x, 0, sizeof(x));
	assert_int_equal(score(&d, rising, 5, &r), 0);
	qr_set_result(&x, &r);
	assert_true(x.scored);
	assert_int_equal(x.score, 48);
	assert_string_equal(x.zone, "low");
	assert_ptr_equal(qr_zone(&d, "low"), r.zone);
	assert_null(qr_zone(&d, "nowhere"));
	assert_null(qr_zone(&d, NULL));
	assert_int_equal(x.answered, 5);
	assert_int_equal(x.missing, 0);
	assert_int_equal(score(&d, partial, 5, &r), 0);
	qr_set_result(&x, &r);
	assert_false(x.scored);
	assert_int_equal(x.score, 0);
	assert_null(x.zone);
	assert_int_equal(x.answered, 3);
	assert_int_equal(x.missing, 2);
	assert_string_equal(qr_not_scored_text(&a, &d, 3), "3 of 5 questions were answered. "
	    "This questionnaire gives a score only when every question is answered.");
	d.missing = Q_PRORATE;
	d.min_answered = 4;
	assert_string_equal(qr_not_scored_text(&a, &d, 3), "3 of 5 questions were answered. "
	    "A score needs at least 4 answers.");
	assert_string_equal(qr_source_code(QR_STAFF), "staff");
	assert_string_equal(qr_source_code(QR_SOURCE_COUNT), "self");
	assert_true(qr_source_parse("staff", &s));
	assert_int_equal(s, QR_STAFF);
	assert_true(qr_source_parse("self", &s));
	assert_int_equal(s, QR_SELF);
	assert_false(qr_source_parse("Staff", &s));
	assert_false(qr_source_parse(NULL, &s));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_round_trip),
		cmocka_unit_test(who5),
		cmocka_unit_test(barc10),
		cmocka_unit_test(audit),
		cmocka_unit_test(audit_c),
		cmocka_unit_test(prorated),
		cmocka_unit_test(official_language),
		cmocka_unit_test(problems_by_path),
		cmocka_unit_test(range_and_zones),
		cmocka_unit_test(not_json_and_words),
		cmocka_unit_test(answers_checked),
		cmocka_unit_test(response_result),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
