/* A person's Help now presses as JSON (see api/help_now.c). */
#ifndef ROSC_API_HELP_NOW_H
#define ROSC_API_HELP_NOW_H

struct req;

void api_help_now(struct req *r);        /* GET  /api/v1/persons/{id}/help-now */
void api_help_now_ack(struct req *r);    /* POST /api/v1/persons/{id}/help-now/{hid}/seen */

#endif
