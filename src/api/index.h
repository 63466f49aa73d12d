/* The API's front door: what this server is and where things are.
 * Anyone, signed in or not. */
#ifndef ROSC_API_INDEX_H
#define ROSC_API_INDEX_H

struct req;

/* GET /api/v1/ */
void api_index(struct req *r);

#endif
