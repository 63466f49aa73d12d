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

/* A read the grant does not fully cover: the item exists but is about
 * alcohol and drugs (a substance-use goal or step, the relapse-prevention
 * plan) and the grant lacks that category. Positive, unlike the errors. */
#define STORE_WITHHELD 1

struct arena;
struct grant;
struct list_grant;
struct store;
struct store_tx;

/* Who makes a change (for history and "updated_by"). */
struct plan_author {
	const char *user_id, *org_id;
	int64_t now;
};

/* Domains: all DOM_COUNT of them, in enum order; a domain nobody wrote
 * yet comes back with version 0 and NULL texts. */
int store_plan_domains(struct store *s, struct arena *a, const struct grant *g,
    struct plan_domain out[DOM_COUNT]);
/* Saves d's texts if the stored version is `from_version` (0: never
 * written); d->version gets the new version. */
int store_tx_plan_domain_save(struct store_tx *tx, const struct grant *gr,
    struct plan_domain *d,
    int64_t from_version, const struct plan_author *by);

/* Ratings, oldest first (for the charts). */
int store_plan_ratings(struct store *s, struct arena *a, const struct grant *g,
    struct plan_rating **out, size_t *n);
int store_tx_plan_rating_add(struct store_tx *tx, const struct grant *gr,
    const char *person_id, enum domain d,
    int rating, const struct plan_author *by);

/* Goals, by domain then created; reached ones included, never hidden. */
int store_goals(struct store *s, struct arena *a, const struct grant *g,
    struct goal **out, size_t *n);
/* STORE_WITHHELD (only out->domain filled in) for a substance-use goal
 * the grant does not cover. */
int store_goal_get(struct store *s, struct arena *a, const struct grant *g,
    const char *goal_id, struct goal *out);
/* g->id, created_us etc. are set by the caller; version becomes 1. */
int store_tx_goal_insert(struct store_tx *tx, const struct grant *gr,
    struct goal *g, const struct plan_author *by);
/* Updates title, why, text_lang, domain, status (reached_us set when it
 * becomes reached) if the stored version is from_version. */
int store_tx_goal_update(struct store_tx *tx, const struct grant *gr,
    struct goal *g, int64_t from_version,
    const struct plan_author *by);

/* Steps of a person's plan (all goals), by goal then due date. */
int store_steps(struct store *s, struct arena *a, const struct grant *g,
    struct step **out, size_t *n);
/* STORE_WITHHELD (nothing filled in) for a step of such a goal. */
int store_step_get(struct store *s, struct arena *a, const struct grant *g,
    const char *step_id, struct step *out);
int store_tx_step_insert(struct store_tx *tx, const struct grant *gr,
    struct step *st, const struct plan_author *by);
int store_tx_step_update(struct store_tx *tx, const struct grant *gr,
    struct step *st, int64_t from_version,
    const struct plan_author *by);

/* "My tasks": the persons with open steps (not reached, not let go)
 * owned by any of the list grant's user's current network memberships;
 * then, for each person the door lets through, those steps, due soonest
 * first (no date last), substance-use goals only if the grant covers them. */
int store_task_persons(struct store *s, struct arena *a, const struct list_grant *l,
    const char *today, const char ***out, size_t *n);
int store_tasks_of(struct store *s, struct arena *a, const struct grant *g,
    const struct list_grant *l, const char *today, size_t limit, struct task **out,
    size_t *n);

/* Comments on an item (item_kind "domain", "goal", "step", "relapse"). */
int store_plan_comments(struct store *s, struct arena *a, const struct grant *g,
    const char *item_kind, const char *item_id, struct plan_comment **out, size_t *n);
int store_tx_plan_comment_insert(struct store_tx *tx, const struct grant *gr,
    const struct plan_comment *c);

/* The relapse-prevention plan (version 0 if never written): substance-use
 * details, STORE_WITHHELD without them. */
int store_relapse_plan(struct store *s, struct arena *a, const struct grant *g,
    struct relapse_plan *out);
int store_tx_relapse_plan_save(struct store_tx *tx, const struct grant *gr,
    struct relapse_plan *p,
    int64_t from_version, const struct plan_author *by);

/* Crisis contacts, in the person's order. */
int store_crisis_contacts(struct store *s, struct arena *a, const struct grant *g,
    struct crisis_contact **out, size_t *n);
/* Replaces the whole list (recorded in the history as one change). */
int store_tx_crisis_contacts_set(struct store_tx *tx, const struct grant *gr,
    const char *person_id,
    const struct crisis_contact *list, size_t n, const struct plan_author *by);

/* The history, newest first; item_kind/item_id NULL for the whole plan;
 * keyset paging before `before` (changed_us). */
int store_plan_history(struct store *s, struct arena *a, const struct grant *g,
    const char *item_kind, const char *item_id, int64_t before, size_t limit,
    struct plan_change **out, size_t *n);

/* Goals reached per month (YYYY-MM, count), oldest first, for the chart;
 * substance-use goals only if the grant covers them. */
struct month_count {
	const char *month;
	int count;
};
int store_goals_reached_by_month(struct store *s, struct arena *a, const struct grant *g,
    struct month_count **out, size_t *n);

#endif
