/* A person's recovery plan as JSON: domains, goals, relapse plan, contacts.
 * Signed in (session or token); whoever may read the plan; the read is logged. */
#ifndef ROSC_API_PLAN_H
#define ROSC_API_PLAN_H

struct req;

void api_plan(struct req *r);                    /* GET  /api/v1/persons/{id}/plan */

#endif
