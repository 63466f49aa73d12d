/* A person's coaching sessions, as JSON (see coaching.c). */
#ifndef ROSC_API_COACHING_H
#define ROSC_API_COACHING_H

struct req;

void api_coaching(struct req *r);              /* GET  /api/v1/persons/{id}/coaching */
void api_coaching_create(struct req *r);       /* POST /api/v1/persons/{id}/coaching */

#endif
