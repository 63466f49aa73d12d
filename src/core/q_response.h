/* A person's answers to a questionnaire (core/questionnaire.h): the
 * response as kept, who gave it, and the checks of a set of answers
 * against the version answered, each problem as a stable code for the
 * page and the JSON API alike. No HTTP, no SQL. */
#ifndef ROSC_CORE_Q_RESPONSE_H
#define ROSC_CORE_Q_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/questionnaire.h"

/* Who entered the answers: the person, or staff from a conversation with
 * the person (the answers are still the person's). */
enum qr_source { QR_SELF, QR_STAFF, QR_SOURCE_COUNT };
const char *qr_source_code(enum qr_source s);
bool qr_source_parse(const char *s, enum qr_source *out);

struct q_response {
	const char *person_id, *id;
	const char *questionnaire_id;  /* the exact version answered */
	const char *code;              /* its code ("who-5") */
	int version;                   /* read: that version's number */
	const char *day;               /* "YYYY-MM-DD", the person's local date */
	int64_t given_us;
	bool scored;
	int score;                     /* scored only */
	const char *zone;              /* the zone's code; NULL: none */
	int answered, missing;
	enum qr_source source;
	const char *created_by;
	const char *created_by_name;   /* read */
	struct q_answer *answers;      /* when read with them, in the items' order */
	size_t nanswers;
};

/* A problem with the answers: the item it is about (NULL: the whole
 * set) and a code: "empty" (no answer at all), "too_many" (more answers
 * than the questionnaire has items), "unknown_item", "duplicate_item",
 * "invalid_value" (no option of the item has it). */
struct qr_problem {
	const char *item, *code;
};

/* Checks n answers against d. Returns how many problems it found; the
 * first max are in p (0: q_score() will score them). */
size_t qr_check(const struct q_definition *d, const struct q_answer *xs, size_t n,
    struct qr_problem *p, size_t max);

/* A problem code in plain words, in the thread's language. */
const char *qr_problem_text(const char *code);

/* Fills in x's score fields from res (q_score()'s result). */
void qr_set_result(struct q_response *x, const struct q_result *res);

/* Why a response has no score, in plain words (in a): how many items
 * were answered and what the definition's rule needs. */
struct arena;
const char *qr_not_scored_text(struct arena *a, const struct q_definition *d,
    int answered);

/* The zone of d with that code, or NULL. */
const struct q_zone *qr_zone(const struct q_definition *d, const char *code);

#endif
