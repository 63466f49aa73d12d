/* Pathway templates for an organisation's admins: new versions as JSON,
 * and a report per template. Who may: policy_may_edit_pathways(). */
#ifndef ROSC_WEB_ADMIN_PATHWAYS_H
#define ROSC_WEB_ADMIN_PATHWAYS_H

struct req;

void web_admin_pathways(struct req *r);         /* GET  /admin/pathways */
void web_admin_pathway_save(struct req *r);     /* POST /admin/pathways */
void web_admin_pathway_new(struct req *r);      /* GET  /admin/pathways/new?from=ID */
void web_admin_pathway_report(struct req *r);   /* GET  /admin/pathways/{code}/report */

#endif
