/* The audit log page: changes to accounts, roles, organisations, tokens; sign-ins.
 * System administrators only; rosc audit verify checks the chain. */
#ifndef ROSC_WEB_ADMIN_AUDIT_H
#define ROSC_WEB_ADMIN_AUDIT_H

struct req;

void web_admin_audit(struct req *r);   /* GET /admin/audit */

#endif
