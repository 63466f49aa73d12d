/* The plan on paper: one clean A4 document, printed by the browser.
 * Signed in; whoever may read the plan (CAT_PLAN, as on screen). */
#ifndef ROSC_WEB_PLAN_PRINT_H
#define ROSC_WEB_PLAN_PRINT_H

struct req;

void web_plan_print(struct req *r);              /* GET  /persons/{id}/plan/print */

#endif
