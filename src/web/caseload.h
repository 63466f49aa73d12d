/* The caseload: the persons in the actor's networks, for staff and family.
 * Signed in; each person shown passes the door as a list read. */
#ifndef ROSC_WEB_CASELOAD_H
#define ROSC_WEB_CASELOAD_H

struct req;

void web_caseload(struct req *r);                /* GET  /persons */

#endif
