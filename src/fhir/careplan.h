/* The recovery plan's steps written through FHIR (src/fhir/careplan.c). */
#ifndef ROSC_FHIR_CAREPLAN_H
#define ROSC_FHIR_CAREPLAN_H

struct req;

/*   PUT /fhir/R4/CarePlan/{id}   whoever may co-write the plan, with If-Match */
void fhir_careplan_update(struct req *r);

#endif
