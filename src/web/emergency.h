/* Emergency access ("break the glass"), finding a person by national id.
 * Staff only; the person sees every emergency access, and every read is logged. */
#ifndef ROSC_WEB_EMERGENCY_H
#define ROSC_WEB_EMERGENCY_H

struct req;

void web_person_find(struct req *r);             /* GET  /persons/find */
void web_emergency(struct req *r);               /* GET  /persons/{id}/emergency */
void web_emergency_start(struct req *r);         /* POST /persons/{id}/emergency */
/* The home organisation's review: its organisation admins and coordinators. */
void web_emergency_reviews(struct req *r);       /* GET  /emergencies */
void web_emergency_review(struct req *r);        /* POST /persons/{id}/emergency/{eid}/review */

#endif
