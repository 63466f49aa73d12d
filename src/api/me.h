/* Who am I, as JSON: the signed-in user or the API token's owner.
 * Signed in, by session or bearer token. */
#ifndef ROSC_API_ME_H
#define ROSC_API_ME_H

struct req;

void api_me(struct req *r);   /* GET /api/v1/me */
/* How far the access log was found intact (the twin of /me/log's line). */
void api_me_log_check(struct req *r);   /* GET /api/v1/me/log/check */

#endif
