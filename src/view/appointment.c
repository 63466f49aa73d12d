/* An appointment's links to the person's network and plan (see
 * appointment.h). */
#include "view/appointment.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "base/id.h"
#include "core/appointment.h"
#include "core/plan.h"
#include "store/network.h"
#include "store/plan.h"
#include "store/store.h"

int
view_appointment_links(struct store *s, struct arena *a, const struct grant *g,
    const char *today, const char *member_id, const char *goal_id, struct appointment *x,
    unsigned *bad)
{
	int rc;

	*bad = 0;
	x->with_member_id = NULL;
	x->goal_id = NULL;
	if (member_id != NULL && *member_id != '\0') {
		struct network_member *net = NULL;
		size_t nnet = 0, i;

		if (grant_covers(g, CAT_BASIC) && (rc = store_network(s, a, g, &net, &nnet)) != 0)
			return rc;
		for (i = 0; i < nnet; i++)
			if (strcmp(net[i].id, member_id) == 0 &&
			    (net[i].until_date == NULL || strcmp(net[i].until_date, today) >= 0))
				x->with_member_id = net[i].id;
		if (x->with_member_id == NULL)
			*bad |= APPT_BAD_MEMBER;
	}
	if (goal_id != NULL && *goal_id != '\0') {
		struct goal goal;

		rc = id_valid(goal_id, strlen(goal_id)) && grant_covers(g, CAT_PLAN) ?
		    store_goal_get(s, a, g, goal_id, &goal) : ERR_NOT_FOUND;
		if (rc == ERR_NOT_FOUND || rc == STORE_WITHHELD)
			*bad |= APPT_BAD_GOAL;
		else if (rc != 0)
			return rc;
		else
			x->goal_id = goal.id;
	}
	return *bad != 0 ? ERR_INVALID : 0;
}
