/* A person's overview as the actor may see it (see overview.h). */
#include "view/overview.h"

#include <string.h>

#include "store/network.h"
#include "store/notes.h"
#include "store/persons.h"
#include "store/plan.h"

int
view_overview(struct store *s, struct arena *a, const struct grant *basic,
    const struct grant *plan, const struct grant *notes, struct overview *o)
{
	struct note *ns;
	size_t n = 0;
	int rc;

	memset(o, 0, sizeof(*o));
	if ((rc = store_person_get(s, a, basic, &o->p)) != 0)
		return rc;
	if (store_network(s, a, basic, &o->net, &o->nnet) != 0)
		o->nnet = 0;
	if (plan != NULL) {
		o->plan = true;
		if (store_goals(s, a, plan, &o->goals, &o->ngoals) != 0)
			o->ngoals = 0;
		if (store_steps(s, a, plan, &o->steps, &o->nsteps) != 0)
			o->nsteps = 0;
	}
	if (notes != NULL) {
		o->notes = true;
		if (store_notes(s, a, notes, &ns, &n) == 0 && n > 0)
			o->latest = &ns[0];
	}
	return 0;
}
