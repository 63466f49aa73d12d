/* Storage for the pathways persons follow (0016_pathways.sql): the
 * pathway, its phases, what they propose and every deviation. Part of
 * the plan: readers take the door's grant to the person's plan, writers
 * one to write it. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT (changed
 * meanwhile: the version read is no longer the stored one), ERR_INVALID
 * (the grant does not fit) or ERR_DB. */
#ifndef ROSC_STORE_PATHWAY_RUN_H
#define ROSC_STORE_PATHWAY_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "core/pathway_report.h"
#include "core/pathway_run.h"

struct arena;
struct grant;
struct store;
struct store_tx;

/* The person's pathways, newest offer first (no template_body). */
int store_pathways(struct store *s, struct arena *a, const struct grant *g,
    struct pathway **out, size_t *n);
/* One pathway, its phases in order, its items
 * (by phase, then kind and place) and its deviations (oldest first). */
struct pathway_full {
	struct pathway p;
	struct pathway_phase *phases;
	size_t nphases;
	struct pathway_item *items;
	size_t nitems;
	struct pathway_deviation *devs;
	size_t ndevs;
};
int store_pathway_get(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct pathway_full *out);

/* The person's pathways offered or under way, newest offer first, each
 * with its phases but no items or deviations: one statement, for the
 * person's home page. */
int store_pathways_live(struct store *s, struct arena *a, const struct grant *g,
    struct pathway_full **out, size_t *n);

/* Writes (inside one transaction each, several together) */
/* A new pathway, offered, with its phases (all waiting). */
int store_tx_pathway_insert(struct store_tx *tx, const struct grant *g,
    const struct pathway *p, const struct pathway_phase *phases, size_t n);
/* The pathway's own fields (status, started, phase, phase_due, agreed_*,
 * ended_us) as in p, if its stored version is still p->version; the
 * version then goes up by one. */
int store_tx_pathway_update(struct store_tx *tx, const struct grant *g,
    const struct pathway *p);
/* A phase's status, dates and expected days as in ph (by its seq). */
int store_tx_pathway_phase_update(struct store_tx *tx, const struct grant *g,
    const char *person_id, const char *pathway_id, const struct pathway_phase *ph);
int store_tx_pathway_phase_insert(struct store_tx *tx, const struct grant *g,
    const char *person_id, const char *pathway_id, const struct pathway_phase *ph);
int store_tx_pathway_items_insert(struct store_tx *tx, const struct grant *g,
    const char *person_id, const char *pathway_id, const struct pathway_item *xs,
    size_t n);
/* A proposal decided (accepted with what it became, or declined); only
 * while it is still proposed, else ERR_CONFLICT. */
int store_tx_pathway_item_decide(struct store_tx *tx, const struct grant *g,
    const char *person_id, const char *pathway_id, const struct pathway_item *x);
int store_tx_pathway_deviation_insert(struct store_tx *tx, const struct grant *g,
    const char *person_id, const char *pathway_id, const struct pathway_deviation *d);

/* For an organisation's report on one template (every version of code):
 * the pathways the organisation offered, each with the code of its
 * current phase; their phases; their deviations (core/pathway_report.h).
 * No person's id leaves the store: rows carry the pathway's id only, to
 * join them. */
int store_pathway_report(struct store *s, struct arena *a, const char *org_id,
    const char *code, struct pw_report_rows *out);

#endif
