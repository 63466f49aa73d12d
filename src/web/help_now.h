/* Help now: the person's page of who to call and telling their people;
 * staff acknowledging a press, and the open presses on the caseload. */
#ifndef ROSC_WEB_HELP_NOW_H
#define ROSC_WEB_HELP_NOW_H

struct buf;
struct req;

void web_help_now(struct req *r);               /* GET  /me/help */
void web_help_now_press(struct req *r);         /* POST /me/help */
void web_help_now_people(struct req *r);        /* GET  /me/help/people */
void web_help_now_people_save(struct req *r);   /* POST /me/help/people */
void web_help_now_ack(struct req *r);           /* POST /persons/{id}/help-now/{hid}/seen */

/* For the caseload (GET /persons): the presses nobody has acknowledged
 * yet of the persons in the staff member's network, each with an "I have
 * seen it" button, as a section at the top; nothing for anyone else or
 * when there are none. Each person shown passes door_help_now() (noted
 * in their log as a read of basic details). 0 or an error. */
int web_help_now_caseload(struct req *r, struct buf *b);

#endif
