#ifndef ROSC_API_ME_H
#define ROSC_API_ME_H

struct req;

void api_me(struct req *r);   /* GET /api/v1/me */

#endif
