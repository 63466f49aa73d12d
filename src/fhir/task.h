/* A referral's status moved through FHIR (src/fhir/task.c). */
#ifndef ROSC_FHIR_TASK_H
#define ROSC_FHIR_TASK_H

struct req;

/*   PUT /fhir/R4/Task/{id}   signed in: the parties to the referral, with
 *        If-Match */
void fhir_task_update(struct req *r);

#endif
