/* Suggestions that start from strengths: what the person wants (their
 * open goals, by life domain) and where their recovery capital is lowest
 * (their latest BARC-10 answers), as "needs"; each source (groups,
 * self-help meetings, services) then offers what fits a need, explained in
 * one line. This is the part without HTTP or SQL: the needs, which
 * domains a peer group or a meeting fits, and the lines. */
#ifndef ROSC_CORE_SUGGEST_H
#define ROSC_CORE_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/plan.h"
#include "core/questionnaire.h"

struct arena;

/* A need: a life domain, and why (the goal's own words, or the BARC-10
 * item answered low). */
struct suggest_need {
	enum domain domain;
	const char *goal_title;        /* NULL: from a BARC-10 item */
	int barc_item;                 /* 1..10; 0: from a goal */
};

#define SUGGEST_MAX_NEEDS 6
/* A BARC-10 answer at or below this ("somewhat disagree") is low. */
#define SUGGEST_BARC_LOW 3

/* The person's needs, one per domain: open goals first (not reached, not
 * let go, in the order given), then BARC-10 items answered low, lowest
 * first (an item with no domain is skipped). Up to max into out; how
 * many. */
size_t suggest_needs(const struct goal *goals, size_t ngoals, const struct q_answer *barc,
    size_t nbarc, struct suggest_need *out, size_t max);

/* The life domain a BARC-10 item speaks to, or -1. */
int suggest_barc_domain(int item);

/* Whether a peer group fits a need in domain d: alcohol and drugs,
 * mental health, family, social network, meaning. */
bool suggest_peer_fits(enum domain d);

/* Whether a self-help meeting (AA, NA: core/meeting.h) fits a need in
 * domain d: alcohol and drugs, and social network (a fellowship is a
 * community). */
bool suggest_meeting_fits(enum domain d);

/* The one line that explains a suggestion for need n, in the thread's
 * language: the need's own words, then what (already translated: "this
 * group meets every Tuesday near you"). */
const char *suggest_line(struct arena *a, const struct suggest_need *n, const char *what);

#endif
