/* A person's answers to questionnaires as JSON (see responses.c). */
#ifndef ROSC_API_RESPONSES_H
#define ROSC_API_RESPONSES_H

struct req;

void api_questionnaire_responses(struct req *r);       /* GET  /api/v1/persons/{id}/questionnaire-responses */
void api_questionnaire_response_create(struct req *r); /* POST /api/v1/persons/{id}/questionnaire-responses */

#endif
