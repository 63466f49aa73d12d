#ifndef ROSC_WEB_REMINDERS_H
#define ROSC_WEB_REMINDERS_H

struct req;

void web_reminders(struct req *r);
void web_reminders_save(struct req *r);

#endif
