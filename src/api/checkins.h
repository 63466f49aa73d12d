/* A person's check-ins as JSON (see checkins.c). */
#ifndef ROSC_API_CHECKINS_H
#define ROSC_API_CHECKINS_H

struct req;

void api_checkins(struct req *r);          /* GET  /api/v1/persons/{id}/checkins */
void api_checkin_create(struct req *r);    /* POST /api/v1/persons/{id}/checkins */

#endif
