/* A person's questionnaires: what they can fill in, their results over
 * time, the form to answer one and a response with its score. Signed in;
 * reading and answering as the door decides (the person; staff by duty
 * or with consent to their questionnaires). */
#ifndef ROSC_WEB_QUESTIONNAIRES_H
#define ROSC_WEB_QUESTIONNAIRES_H

#include <stdbool.h>

struct buf;
struct req;

void web_questionnaires(struct req *r);        /* GET  /persons/{id}/questionnaires */
void web_questionnaire_new(struct req *r);     /* GET  /persons/{id}/questionnaires/{code}/new */
void web_questionnaire_answer(struct req *r);  /* POST /persons/{id}/questionnaires/{code}/new */
void web_questionnaire_response(struct req *r); /* GET /persons/{id}/questionnaire-responses/{rid} */

/* The code a pathway names an instrument by ("WHO-5", "AUDIT") as the
 * questionnaire code ("who-5"), in out (at least 61 bytes); false if it
 * cannot be one. */
bool web_questionnaire_code(const char *name, char *out, unsigned size);

#endif
