#ifndef ROSC_API_MYDATA_H
#define ROSC_API_MYDATA_H

struct req;

void api_my_data(struct req *r);                 /* GET  /api/v1/me/data */

#endif
