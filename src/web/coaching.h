/* Coaching sessions a peer worker logged with a person (see coaching.c). */
#ifndef ROSC_WEB_COACHING_H
#define ROSC_WEB_COACHING_H

struct req;

void web_coaching(struct req *r);              /* GET  /persons/{id}/coaching */
void web_coaching_add(struct req *r);          /* POST /persons/{id}/coaching */

#endif
