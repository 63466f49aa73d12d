#ifndef ROSC_WEB_PLAN_PRINT_H
#define ROSC_WEB_PLAN_PRINT_H

struct req;

void web_plan_print(struct req *r);              /* GET  /persons/{id}/plan/print */

#endif
