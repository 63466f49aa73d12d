/* Programme outcome reports: pages and CSV for an organisation's admins
 * and coordinators (policy_may_read_reports()). */
#ifndef ROSC_WEB_REPORTS_H
#define ROSC_WEB_REPORTS_H

struct req;

void web_reports(struct req *r);      /* GET /reports, GET /reports/{name} */
void web_report_csv(struct req *r);   /* GET /reports/{name}/csv */

#endif
