/* Editing the directory's services, for the organisation that runs them
 * (dir_organization.managed_by). Who may do what: policy/policy.h. */
#ifndef ROSC_WEB_ADMIN_SERVICES_H
#define ROSC_WEB_ADMIN_SERVICES_H

struct req;

void web_admin_services(struct req *r);          /* GET  /admin/services */
void web_admin_service_new(struct req *r);       /* GET  /admin/services/new */
void web_admin_service_create(struct req *r);    /* POST /admin/services/new */
void web_admin_service(struct req *r);           /* GET  /admin/services/{id} */
void web_admin_service_update(struct req *r);    /* POST /admin/services/{id} */
void web_admin_service_capacity(struct req *r);  /* POST /admin/services/{id}/capacity */

#endif
