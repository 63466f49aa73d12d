/* Who am I, as JSON: the signed-in user or the API token's owner.
 * Signed in, by session or bearer token. */
#ifndef ROSC_API_ME_H
#define ROSC_API_ME_H

struct req;

void api_me(struct req *r);   /* GET /api/v1/me */

#endif
