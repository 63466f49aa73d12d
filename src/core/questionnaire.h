/* Questionnaires (WHO-5, BARC-10, AUDIT, AUDIT-C, ...) as data, in the JSON
 * format "rosc-questionnaire/1" (docs/questionnaire.md): read with every
 * problem named by its JSON path, written back the same way, and scored
 * by the definition's own rule. An instrument's words are given only in
 * the languages it has an official version in; the others are marked
 * missing and shown in English, never translated here. No HTTP, no SQL. */
#ifndef ROSC_CORE_QUESTIONNAIRE_H
#define ROSC_CORE_QUESTIONNAIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/i18n.h"

#define Q_FORMAT "rosc-questionnaire/1"

/* A text per language; NULL where the language has none. */
struct q_text {
	const char *t[LANG_COUNT];
};
/* The text in language l, else the English one. */
const char *q_text(const struct q_text *x, enum lang l);

struct q_option {
	int value;                     /* what the answer adds to the sum */
	struct q_text label;
};
struct q_item {
	const char *id;
	struct q_text text;
	bool skippable;                /* the form does not insist on an answer */
	struct q_option *options;
	size_t noptions;
};

/* How items left unanswered are handled. */
enum q_missing {
	Q_NOT_SCORED,                  /* any item unanswered: no score */
	Q_PRORATE,                     /* at least min_answered: the sum scaled up */
	Q_MISSING_COUNT
};
const char *q_missing_code(enum q_missing m);

/* A part of the score range and what it means, in rosc's own words (in
 * every language: these are not the instrument's). */
struct q_zone {
	const char *code;
	int from, to;                  /* inclusive, in the score's units */
	struct q_text label;
};
struct q_source {
	const char *id, *title, *publisher, *url, *supports;
	const char *language;          /* the official version it gives, or NULL */
};
struct q_definition {
	const char *code;
	int version;
	bool official[LANG_COUNT];     /* the instrument's words are given in l */
	struct q_text name, instructions;  /* instructions: t[LANG_EN] NULL if none */
	struct q_item *items;
	size_t nitems;
	int multiplier;                /* the sum times this is the score */
	enum q_missing missing;
	int min_answered;              /* Q_PRORATE: answered items needed */
	int min, max;                  /* the score's range */
	struct q_zone *zones;          /* covering min..max in order; may be none */
	size_t nzones;
	const char *attribution, *licence;
	struct q_source *sources;
	size_t nsources;
};

/* What is wrong, where: path as "items[2].options[0].label.da", code one
 * of pw_problem_text()'s codes or "not_official", "no_source",
 * "mismatch", "gap_or_overlap", "not_allowed". */
struct q_problem {
	const char *path, *code;
};

/* Reads a definition from len bytes of JSON into d (all of it in a).
 * Returns how many problems it found; the first max are in p (0: d is
 * good). */
struct arena;
size_t q_parse(struct arena *a, const char *json, size_t len, struct q_definition *d,
    struct q_problem *p, size_t max);

/* A problem's code in plain words, in the thread's language. */
const char *q_problem_text(const char *code);

/* The definition as JSON text (two-space indent, keys in the format's
 * order), in a; NULL if out of memory. */
char *q_write(struct arena *a, const struct q_definition *d);

/* The item with that id, or NULL. */
const struct q_item *q_item_find(const struct q_definition *d, const char *id);

/* One answer: the item's id and the value of the option chosen. */
struct q_answer {
	const char *item;
	int value;
};

struct q_result {
	bool scored;                   /* false: too many items unanswered */
	int answered, missing;         /* items with and without an answer */
	int sum;                       /* the answers' values added (unscaled) */
	int score;                     /* scored: by the rule, times the multiplier */
	const struct q_zone *zone;     /* scored and in a zone; else NULL */
};

/* Scores n answers (at most one per item; an item without one is
 * unanswered) by d's rule into out. Returns 0, or ERR_INVALID if an
 * answer names no item of d, names one twice, or has a value none of the
 * item's options has (out then says nothing is scored). */
int q_score(const struct q_definition *d, const struct q_answer *answers, size_t n,
    struct q_result *out);

#define Q_CODE_MAX 60
#define Q_ITEM_ID_MAX 20
#define Q_NAME_MAX 120
#define Q_INSTRUCTIONS_MAX 1000
#define Q_ITEM_TEXT_MAX 400
#define Q_LABEL_MAX 200
#define Q_ITEMS_MAX 60
#define Q_OPTIONS_MAX 12
#define Q_ZONES_MAX 10
#define Q_SOURCES_MAX 10
#define Q_VALUE_MAX 1000
#define Q_MULTIPLIER_MAX 100
#define Q_VERSION_MAX 100000

#endif
