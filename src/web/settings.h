/* My settings: language, password, signing out everywhere, API tokens.
 * Signed in, everyone for their own account and tokens only. */
#ifndef ROSC_WEB_SETTINGS_H
#define ROSC_WEB_SETTINGS_H

struct req;

void web_settings(struct req *r);            /* GET  /me/settings */
void web_settings_language(struct req *r);   /* POST /me/settings/language */
void web_settings_password(struct req *r);   /* POST /me/settings/password */
void web_token_create(struct req *r);        /* POST /me/tokens */
void web_token_revoke(struct req *r);        /* POST /me/tokens/{id}/revoke */

#endif
