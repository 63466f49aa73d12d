/* The plan as the actor may see it (see plan.h). */
#include "view/plan.h"

#include <string.h>

#include "access/grant.h"
#include "store/plan.h"

int
view_plan(struct store *s, struct arena *a, const struct grant *g, unsigned parts,
    struct plan_view *v)
{
	size_t i;
	int rc;

	memset(v, 0, sizeof(*v));
	v->substance = grant_covers(g, CAT_SUBSTANCE);
	if ((parts & PLAN_VIEW_GOALS) &&
	    ((rc = store_plan_domains(s, a, g, v->doms)) != 0 ||
	     (rc = store_plan_ratings(s, a, g, &v->ratings, &v->nratings)) != 0 ||
	     (rc = store_goals(s, a, g, &v->goals, &v->ngoals)) != 0 ||
	     (rc = store_steps(s, a, g, &v->steps, &v->nsteps)) != 0))
		return rc;
	if (parts & PLAN_VIEW_RELAPSE) {
		if ((rc = store_crisis_contacts(s, a, g, &v->cs, &v->ncs)) != 0)
			return rc;
		if ((rc = store_relapse_plan(s, a, g, &v->rp)) < 0)
			return rc;
		v->relapse = rc == 0;
	}
	/* Ratings come oldest first: the last one per domain is the latest. */
	for (i = 0; i < v->nratings; i++)
		if ((unsigned)v->ratings[i].domain < DOM_COUNT)
			v->latest[v->ratings[i].domain] = &v->ratings[i];
	return 0;
}

bool
view_plan_has_domain(const struct plan_view *v, enum domain d)
{
	return domain_category(d) != CAT_SUBSTANCE || v->substance;
}
