/* The person's own pages: home, who looked at their record, notes, my data.
 * Only a signed-in person with a record of their own; staff and family get 404. */
#ifndef ROSC_WEB_ME_H
#define ROSC_WEB_ME_H

struct grant;
struct person;
struct req;

void web_me(struct req *r);                      /* GET  /me */
void web_me_data(struct req *r);                 /* GET  /me/data */
void web_me_log(struct req *r);                  /* GET  /me/log */
void web_me_notes(struct req *r);                /* GET  /me/notes */

/* The signed-in person's own record and a grant to all of it; NULL after
 * answering 404 (no record of their own) or 503. */
const struct grant *web_me_self(struct req *r, struct person *p);

#endif
