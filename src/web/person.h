/* A person's record: registering, the overview, and changing the details.
 * Staff register; reading and changing as the door decides (PA_EDIT_RECORD). */
#ifndef ROSC_WEB_PERSON_H
#define ROSC_WEB_PERSON_H

struct req;

void web_person_new(struct req *r);              /* GET  /persons/new */
void web_person_create(struct req *r);           /* POST /persons/new */
void web_person(struct req *r);                  /* GET  /persons/{id} */
void web_person_edit(struct req *r);             /* GET  /persons/{id}/edit */
void web_person_update(struct req *r);           /* POST /persons/{id}/edit */

#endif
