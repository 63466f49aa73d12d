/* An invitation or password reset: a one-time link that sets a password.
 * Anyone holding the link (pre-session CSRF token); it then signs them in. */
#ifndef ROSC_WEB_INVITE_H
#define ROSC_WEB_INVITE_H

struct req;

void web_invite(struct req *r);          /* GET  /invite/{token} */
void web_invite_accept(struct req *r);   /* POST /invite/{token} */

#endif
