/* Organisations: the list, adding one, changing or disabling one.
 * System administrators only (the route table, and the policy again). */
#ifndef ROSC_WEB_ADMIN_ORGS_H
#define ROSC_WEB_ADMIN_ORGS_H

struct req;

void web_admin_orgs(struct req *r);         /* GET  /admin/organisations */
void web_admin_org_create(struct req *r);   /* POST /admin/organisations */
void web_admin_org(struct req *r);          /* GET  /admin/organisations/{id} */
void web_admin_org_update(struct req *r);   /* POST /admin/organisations/{id} */

#endif
