/* Questionnaire definitions as JSON. */
#ifndef ROSC_API_QUESTIONNAIRES_H
#define ROSC_API_QUESTIONNAIRES_H

struct req;

/* GET /api/v1/questionnaires, GET /api/v1/questionnaires/{id} */
void api_questionnaires(struct req *r);
void api_questionnaire(struct req *r);

#endif
