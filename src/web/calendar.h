#ifndef ROSC_WEB_CALENDAR_H
#define ROSC_WEB_CALENDAR_H

struct req;

void web_calendar(struct req *r);
void web_calendar_create(struct req *r);
void web_calendar_revoke(struct req *r);
void web_calendar_feed(struct req *r);

#endif
