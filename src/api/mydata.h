/* Download my data: everything rosc holds about the person, as JSON.
 * Only the person themself (session or bearer token); anyone else gets 404. */
#ifndef ROSC_API_MYDATA_H
#define ROSC_API_MYDATA_H

#include <stddef.h>

struct person;
struct grant;
struct req;

void api_my_data(struct req *r);                 /* GET  /api/v1/me/data */

/* The size in bytes (*len) of what GET /api/v1/me/data would send p now,
 * found by building the same export and counting it (nothing is kept, and
 * the person's own reading is not logged). Returns 0, or an error if the
 * door or the store says no. */
int api_my_data_size(struct req *r, const struct grant *g, const struct person *p,
    size_t *len);

#endif
