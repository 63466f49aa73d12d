/* What I share: consent given or withdrawn per recipient and category.
 * Only the person themself (a record of their own); anyone else gets 404. */
#ifndef ROSC_WEB_CONSENTS_H
#define ROSC_WEB_CONSENTS_H

struct req;

void web_consents(struct req *r);                /* GET  /me/consents */
void web_consents_update(struct req *r);         /* POST /me/consents */

#endif
