/* Programme outcome reports as JSON (view/outcome.h). */
#ifndef ROSC_API_REPORTS_H
#define ROSC_API_REPORTS_H

struct req;

void api_report(struct req *r);   /* GET /api/v1/reports/{name} */

#endif
