/* Signing in and out, and choosing the organisation to act for.
 * Signing in is for anyone (throttled); the rest for the signed in. */
#ifndef ROSC_WEB_SIGNIN_H
#define ROSC_WEB_SIGNIN_H

struct req;

void web_signin(struct req *r);               /* GET  /signin */
void web_signin_post(struct req *r);          /* POST /signin */
void web_signin_code(struct req *r);          /* GET  /signin/code */
void web_signin_code_post(struct req *r);     /* POST /signin/code */
void web_choose_org(struct req *r);           /* GET  /signin/organisation */
void web_choose_org_post(struct req *r);      /* POST /signin/organisation */
void web_signout(struct req *r);              /* POST /signout */
void web_signout_everywhere(struct req *r);   /* POST /signout/everywhere */

#endif
