/* The public service directory as JSON, in Open Referral HSDS 3.0 field
 * names (rosc's own under "x_rosc"). Anyone; no token needed. */
#ifndef ROSC_API_SERVICES_H
#define ROSC_API_SERVICES_H

struct req;

void api_services(struct req *r);                /* GET /api/v1/services */
void api_service(struct req *r);                 /* GET /api/v1/services/{id} */

#endif
