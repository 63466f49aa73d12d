/* The relapse-prevention plan ("my plan for hard days") and crisis contacts.
 * Signed in; reading needs the plan, saving needs co-writing it. */
#ifndef ROSC_WEB_RELAPSE_H
#define ROSC_WEB_RELAPSE_H

struct req;

void web_relapse(struct req *r);                 /* GET  /persons/{id}/plan/relapse */
void web_relapse_save(struct req *r);            /* POST /persons/{id}/plan/relapse */
void web_crisis_contacts_save(struct req *r);    /* POST /persons/{id}/plan/relapse/contacts */

#endif
