/* The language switch: sets the lang cookie and goes back, a plain link.
 * Anyone, signed in or not; it changes nothing else. */
#ifndef ROSC_WEB_LANG_H
#define ROSC_WEB_LANG_H

struct req;

/* GET /lang?set=CODE&next=PATH */
void web_lang_set(struct req *r);

#endif
