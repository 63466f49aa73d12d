#ifndef ROSC_API_INDEX_H
#define ROSC_API_INDEX_H

struct req;

/* GET /api/v1/ */
void api_index(struct req *r);

#endif
