/* The front page: what rosc is, in plain words; signed in, links to one's pages.
 * Anyone; a person in recovery is sent on to their own page, /me. */
#ifndef ROSC_WEB_HOME_H
#define ROSC_WEB_HOME_H

struct req;

/* GET / */
void web_home(struct req *r);

#endif
