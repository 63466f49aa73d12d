/* Storage for a person's answers to questionnaires
 * (0019_questionnaire_responses.sql): each response names the exact
 * version answered and keeps its score; its answers, one row per item
 * answered, are written with it in one transaction and never changed.
 * Readers take the door's grant to the person's questionnaires
 * (CAT_QUESTIONNAIRES); the writer one to write them. Returns 0,
 * ERR_NOT_FOUND, ERR_INVALID (the grant does not fit) or ERR_DB. */
#ifndef ROSC_STORE_RESPONSES_H
#define ROSC_STORE_RESPONSES_H

#include <stddef.h>
#include <stdint.h>

#include "core/q_response.h"

struct arena;
struct grant;
struct store;
struct store_tx;

/* The person's responses, newest first (by day, then time given), without
 * their answers; code NULL: to every questionnaire, else to that one
 * (every version). At most 500. */
int store_responses(struct store *s, struct arena *a, const struct grant *g,
    const char *code, struct q_response **out, size_t *n);

/* One response, with its answers (in the order the items were stored). */
int store_response_get(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct q_response *out);

/* For the person's download of their own data: every response, each with
 * its answers, newest first, without the page's limit. */
int store_responses_all(struct store *s, struct arena *a, const struct grant *g,
    struct q_response **out, size_t *n);

/* One point of a score series: a scored response. */
struct q_score_point {
	const char *person_id, *response_id, *code;
	const char *day;               /* the person's local date */
	int64_t given_us;
	int score;
	const char *zone;              /* the zone's code; NULL: none */
	const char *questionnaire_id;  /* the version answered */
};

/* Score series, for early-warning rules and lists: the scored responses
 * of each person in g[0..ng) (grants to read their questionnaires; one
 * that does not cover them is ERR_INVALID) to questionnaire code, newest
 * first (day, then time given), at most per_person of each person, the
 * persons in g's order. Responses without a score are left out. */
int store_response_scores(struct store *s, struct arena *a,
    const struct grant *const *g, size_t ng, const char *code, size_t per_person,
    struct q_score_point **out, size_t *n);

/* Writes (inside one transaction) */
/* A response and its x->nanswers answers, as given: both or nothing (the
 * caller's transaction). The grant must write the person's data. */
int store_tx_response_insert(struct store_tx *tx, const struct grant *g,
    const struct q_response *x);

#endif
