/* Suggestions that start from strengths, on a page of the person's own. */
#ifndef ROSC_WEB_SUGGESTIONS_H
#define ROSC_WEB_SUGGESTIONS_H

struct req;

void web_ideas(struct req *r);                 /* GET /me/ideas */
void web_suggestion_dismiss(struct req *r);   /* POST /me/suggestions/dismiss */

#endif
