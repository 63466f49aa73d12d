#ifndef ROSC_API_PLAN_H
#define ROSC_API_PLAN_H

struct req;

void api_plan(struct req *r);                    /* GET  /api/v1/persons/{id}/plan */

#endif
