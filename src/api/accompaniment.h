/* The requests for company a volunteer sees, as JSON. */
#ifndef ROSC_API_ACCOMPANIMENT_H
#define ROSC_API_ACCOMPANIMENT_H

struct req;

/* GET /api/v1/accompaniment-requests */
void api_jobs(struct req *r);

#endif
