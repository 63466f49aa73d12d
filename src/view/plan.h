/* The plan as the actor may see it: one read above the store, used alike
 * by the plan page, the print view, the JSON API and the data download.
 * What the grant does not cover (substance-use details) is never loaded. */
#ifndef ROSC_VIEW_PLAN_H
#define ROSC_VIEW_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/plan.h"

struct arena;
struct grant;
struct store;

struct plan_view {
	bool substance;                   /* substance-use details are in it */
	struct plan_domain doms[DOM_COUNT];
	struct plan_rating *ratings;      /* oldest first */
	size_t nratings;
	const struct plan_rating *latest[DOM_COUNT];   /* per domain, or NULL */
	struct goal *goals;
	size_t ngoals;
	struct step *steps;
	size_t nsteps;
	bool relapse;                     /* the relapse-prevention plan is in it */
	struct relapse_plan rp;
	struct crisis_contact *cs;        /* the crisis contacts: always */
	size_t ncs;
};

/* What to read: the goals part (domains, ratings, goals, steps), the
 * relapse-prevention part (its plan and the crisis contacts), or both. */
enum {
	PLAN_VIEW_GOALS = 1 << 0,
	PLAN_VIEW_RELAPSE = 1 << 1,
	PLAN_VIEW_ALL = PLAN_VIEW_GOALS | PLAN_VIEW_RELAPSE,
};

/* Fills the parts of v asked for (the rest stays empty) from the store.
 * 0, or an error. */
int view_plan(struct store *s, struct arena *a, const struct grant *g, unsigned parts,
    struct plan_view *v);

/* Whether domain d is in the view (the substance-use domain only with
 * its details). */
bool view_plan_has_domain(const struct plan_view *v, enum domain d);

#endif
