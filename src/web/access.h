/* The way pages reach a person's data: through the policy door, with the
 * access logged. Not a page of its own. */
#ifndef ROSC_WEB_ACCESS_H
#define ROSC_WEB_ACCESS_H

#include "policy/person.h"

struct req;

/* Today's date in UTC ("YYYY-MM-DD"), from the request's clock. */
const char *today_utc(struct req *r);

/* The relation between the request's actor and person_id, loaded once per
 * request and person. NULL if the store fails. */
/* Loads the actor's relation to everyone in whose network they are, for a
 * list: person_relation() then answers from it. Returns 0 or an error. */
int person_relations_prefetch(struct req *r);
const struct relation *person_relation(struct req *r, const char *person_id);

/* Asks the policy door whether the actor may do act on person_id's data
 * in category cat. When allowed for anyone but the person, notes the
 * access for the log ("read" for PA_READ, else "write"), which the server
 * writes durably before answering. A malformed id is denied like a
 * missing one. */
struct decision person_access(struct req *r, const char *person_id,
    enum person_action act, enum category cat);

/* Like person_access for PA_READ of basic details, for a person shown in
 * a list or search: logged once per person, actor and day. */
struct decision person_access_list(struct req *r, const char *person_id);

/* Answers a refusal: 403 with a page that says, in plain words, what the
 * person has not shared (for those who are or were in the network), or
 * the same 404 as for a person who does not exist. */
void person_denied(struct req *r, const struct decision *d, enum category cat);

#endif
