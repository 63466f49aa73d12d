/* Early warnings and their follow-up (see flags.c). */
#ifndef ROSC_WEB_FLAGS_H
#define ROSC_WEB_FLAGS_H

struct buf;
struct grant;
struct req;

void web_flags(struct req *r);
void web_flag_resolve(struct req *r);
void web_my_flags(struct req *r);
/* The person's home page: their open flags, "your team was told", in b.
 * 0 or an error of the store. */
int web_flags_home(struct req *r, struct buf *b, const struct grant *g, const char *tz);

#endif
