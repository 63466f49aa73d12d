/* Goals written through FHIR (src/fhir/goal.c). */
#ifndef ROSC_FHIR_GOAL_H
#define ROSC_FHIR_GOAL_H

struct req;

/*   POST /fhir/R4/Goal        signed in: whoever may co-write the plan */
void fhir_goal_create(struct req *r);
/*   PUT  /fhir/R4/Goal/{id}   the same, with If-Match */
void fhir_goal_update(struct req *r);

#endif
