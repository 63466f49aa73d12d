/* Accounts and their roles in organisations: adding, disabling, resets.
 * Organisation admins for their organisation's members; system admins, all. */
#ifndef ROSC_WEB_ADMIN_USERS_H
#define ROSC_WEB_ADMIN_USERS_H

struct req;

void web_admin_users(struct req *r);            /* GET  /admin/users */
void web_admin_user_create(struct req *r);      /* POST /admin/users */
void web_admin_user(struct req *r);             /* GET  /admin/users/{id} */
void web_admin_user_disable(struct req *r);     /* POST /admin/users/{id}/disable */
void web_admin_user_enable(struct req *r);      /* POST /admin/users/{id}/enable */
void web_admin_user_reset(struct req *r);       /* POST /admin/users/{id}/reset */
void web_admin_user_factor_reset(struct req *r); /* POST /admin/users/{id}/second-factor/reset */
void web_admin_user_role(struct req *r);        /* POST /admin/users/{id}/roles */
void web_admin_user_role_remove(struct req *r); /* POST /admin/users/{id}/roles/remove */

#endif
