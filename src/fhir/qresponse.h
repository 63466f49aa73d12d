/* Questionnaire responses written through FHIR (src/fhir/qresponse.c). */
#ifndef ROSC_FHIR_QRESPONSE_H
#define ROSC_FHIR_QRESPONSE_H

struct req;

/*   POST /fhir/R4/QuestionnaireResponse   signed in: the person, and
 *        staff who may write their questionnaires */
void fhir_qresponse_create(struct req *r);

#endif
