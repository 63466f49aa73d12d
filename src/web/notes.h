/* Journal notes: what the network writes about its work with a person.
 * Signed in; reading and writing as the door decides (duty, consent, emergency). */
#ifndef ROSC_WEB_NOTES_H
#define ROSC_WEB_NOTES_H

struct req;

void web_notes(struct req *r);                   /* GET  /persons/{id}/notes */
void web_note_create(struct req *r);             /* POST /persons/{id}/notes */

#endif
