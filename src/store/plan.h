/* Storage for the recovery plan. Reads allocate in the arena; store_tx_*
 * run inside a write. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT (a version
 * check failed: someone saved in between) or ERR_DB.
 *
 * Versioning: every plan item (domain text, goal, step, relapse plan) has
 * a version. An update names the version it started from; if the stored
 * one differs the update changes nothing and returns ERR_CONFLICT. Every
 * successful change also appends one plan_history row per changed field
 * (before, after, new version, who, which organisation, when). */
#ifndef ROSC_STORE_PLAN_H
#define ROSC_STORE_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "core/plan.h"

struct arena;
struct store;
struct store_tx;

/* Who makes a change (for history and "updated_by"). */
struct plan_author {
	const char *user_id, *org_id;
	int64_t now;
};

/* Domains: all DOM_COUNT of them, in enum order; a domain nobody wrote
 * yet comes back with version 0 and NULL texts. */
int store_plan_domains(struct store *s, struct arena *a, const char *person_id,
    struct plan_domain out[DOM_COUNT]);
/* Saves d's texts if the stored version is `from_version` (0: never
 * written); d->version gets the new version. */
int store_tx_plan_domain_save(struct store_tx *tx, struct plan_domain *d,
    int64_t from_version, const struct plan_author *by);

/* Ratings, oldest first (for the charts). */
int store_plan_ratings(struct store *s, struct arena *a, const char *person_id,
    struct plan_rating **out, size_t *n);
int store_tx_plan_rating_add(struct store_tx *tx, const char *person_id, enum domain d,
    int rating, const struct plan_author *by);

/* Goals, by domain then created; reached ones included, never hidden. */
int store_goals(struct store *s, struct arena *a, const char *person_id,
    struct goal **out, size_t *n);
int store_goal_get(struct store *s, struct arena *a, const char *person_id,
    const char *goal_id, struct goal *out);
/* g->id, created_us etc. are set by the caller; version becomes 1. */
int store_tx_goal_insert(struct store_tx *tx, struct goal *g, const struct plan_author *by);
/* Updates title, why, text_lang, domain, status (reached_us set when it
 * becomes reached) if the stored version is from_version. */
int store_tx_goal_update(struct store_tx *tx, struct goal *g, int64_t from_version,
    const struct plan_author *by);

/* Steps of a person's plan (all goals), by goal then due date. */
int store_steps(struct store *s, struct arena *a, const char *person_id,
    struct step **out, size_t *n);
int store_step_get(struct store *s, struct arena *a, const char *person_id,
    const char *step_id, struct step *out);
int store_tx_step_insert(struct store_tx *tx, struct step *st, const struct plan_author *by);
int store_tx_step_update(struct store_tx *tx, struct step *st, int64_t from_version,
    const struct plan_author *by);

/* "My tasks": the open steps (not reached, not let go) owned by any of
 * user_id's current network memberships, across all their persons, due
 * soonest first (no date last). Policy still decides per person. */
int store_tasks_of_user(struct store *s, struct arena *a, const char *user_id,
    const char *today, size_t limit, struct task **out, size_t *n);

/* Comments on an item (item_kind "domain", "goal", "step", "relapse"). */
int store_plan_comments(struct store *s, struct arena *a, const char *person_id,
    const char *item_kind, const char *item_id, struct plan_comment **out, size_t *n);
int store_tx_plan_comment_insert(struct store_tx *tx, const struct plan_comment *c);

/* The relapse-prevention plan (version 0 if never written). */
int store_relapse_plan(struct store *s, struct arena *a, const char *person_id,
    struct relapse_plan *out);
int store_tx_relapse_plan_save(struct store_tx *tx, struct relapse_plan *p,
    int64_t from_version, const struct plan_author *by);

/* Crisis contacts, in the person's order. */
int store_crisis_contacts(struct store *s, struct arena *a, const char *person_id,
    struct crisis_contact **out, size_t *n);
/* Replaces the whole list (recorded in the history as one change). */
int store_tx_crisis_contacts_set(struct store_tx *tx, const char *person_id,
    const struct crisis_contact *list, size_t n, const struct plan_author *by);

/* The history, newest first; item_kind/item_id NULL for the whole plan;
 * keyset paging before `before` (changed_us). */
int store_plan_history(struct store *s, struct arena *a, const char *person_id,
    const char *item_kind, const char *item_id, int64_t before, size_t limit,
    struct plan_change **out, size_t *n);

/* Goals reached per month (YYYY-MM, count), oldest first, for the chart.
 * Counts every goal, the substance-use domain included: only for a viewer
 * who may see them all (pages count from the goals they may see). */
struct month_count {
	const char *month;
	int count;
};
int store_goals_reached_by_month(struct store *s, struct arena *a, const char *person_id,
    struct month_count **out, size_t *n);

#endif
