/* Recovery check-ups as JSON (web/checkups.c has the pages' rules). */
#ifndef ROSC_API_CHECKUPS_H
#define ROSC_API_CHECKUPS_H

struct req;

void api_checkups(struct req *r);
void api_checkups_set(struct req *r);

#endif
