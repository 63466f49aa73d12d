/* The self-help meeting finder and a person's meetings (web/meetings.c). */
#ifndef ROSC_WEB_MEETINGS_H
#define ROSC_WEB_MEETINGS_H

struct req;

void web_meetings(struct req *r);
void web_meeting(struct req *r);
void web_meeting_favourites(struct req *r);
void web_meeting_favourite_add(struct req *r);
void web_meeting_favourite_remove(struct req *r);

#endif
