/* The recovery plan in the person's own words: domains, ratings, history.
 * Signed in; reading needs the plan (the door), changing co-writing it. */
#ifndef ROSC_WEB_PLAN_H
#define ROSC_WEB_PLAN_H

struct req;

void web_plan(struct req *r);                    /* GET  /persons/{id}/plan */
void web_plan_comment(struct req *r);            /* POST /persons/{id}/plan/comments */
void web_plan_domain(struct req *r);             /* GET  /persons/{id}/plan/domains/{domain} */
void web_plan_domain_save(struct req *r);        /* POST /persons/{id}/plan/domains/{domain} */
void web_plan_history(struct req *r);            /* GET  /persons/{id}/plan/history */
void web_plan_ratings(struct req *r);            /* POST /persons/{id}/plan/ratings */

#endif
