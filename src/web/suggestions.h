/* Suggestions that start from strengths, on the person's own page. */
#ifndef ROSC_WEB_SUGGESTIONS_H
#define ROSC_WEB_SUGGESTIONS_H

struct buf;
struct grant;
struct person;
struct req;

/* The section "Ideas for you" on the person's own page (/me), from g,
 * their own grant, for p; nothing if there is none (or the store fails:
 * the page does without). */
void web_suggestions_section(struct req *r, struct buf *b, const struct grant *g,
    const struct person *p);

void web_suggestion_dismiss(struct req *r);   /* POST /me/suggestions/dismiss */

#endif
