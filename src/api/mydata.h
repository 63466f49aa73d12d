/* Download my data: everything rosc holds about the person, as JSON.
 * Only the person themself (session or bearer token); anyone else gets 404. */
#ifndef ROSC_API_MYDATA_H
#define ROSC_API_MYDATA_H

struct req;

void api_my_data(struct req *r);                 /* GET  /api/v1/me/data */
void api_my_data_fhir(struct req *r);            /* GET  /api/v1/me/data/fhir */

#endif
