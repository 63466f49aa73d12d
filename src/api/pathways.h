/* Pathway templates, and a person's pathways, as JSON. */
#ifndef ROSC_API_PATHWAYS_H
#define ROSC_API_PATHWAYS_H

struct req;

/* GET /api/v1/pathway-templates, GET /api/v1/pathway-templates/{id} */
void api_pathway_templates(struct req *r);
void api_pathway_template(struct req *r);
/* GET, POST /api/v1/persons/{id}/pathways */
void api_person_pathways(struct req *r);
void api_person_pathway_offer(struct req *r);

#endif
