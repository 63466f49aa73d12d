/* Goals in the person's own words, and the small steps towards them.
 * Signed in; reading needs the plan (the door), changing needs co-writing it. */
#ifndef ROSC_WEB_GOALS_H
#define ROSC_WEB_GOALS_H

struct req;

void web_goal_new(struct req *r);                /* GET  /persons/{id}/plan/goals/new */
void web_goal_create(struct req *r);             /* POST /persons/{id}/plan/goals */
void web_goal(struct req *r);                    /* GET  /persons/{id}/plan/goals/{goal} */
void web_goal_update(struct req *r);             /* POST /persons/{id}/plan/goals/{goal} */
void web_step_create(struct req *r);             /* POST /persons/{id}/plan/goals/{goal}/steps */
void web_step_update(struct req *r);             /* POST /persons/{id}/plan/goals/{goal}/steps/{step} */

#endif
