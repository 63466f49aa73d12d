/* Self-help meetings and a person's favourites as JSON (api/meetings.c). */
#ifndef ROSC_API_MEETINGS_H
#define ROSC_API_MEETINGS_H

struct req;

void api_meetings(struct req *r);
void api_meeting(struct req *r);
void api_meeting_favourites(struct req *r);
void api_meeting_favourite_add(struct req *r);
void api_meeting_favourite_remove(struct req *r);

#endif
