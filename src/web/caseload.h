#ifndef ROSC_WEB_CASELOAD_H
#define ROSC_WEB_CASELOAD_H

struct req;

void web_caseload(struct req *r);                /* GET  /persons */

#endif
