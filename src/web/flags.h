/* Early warnings and their follow-up (see flags.c). */
#ifndef ROSC_WEB_FLAGS_H
#define ROSC_WEB_FLAGS_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct grant;
struct req;

void web_flags(struct req *r);
void web_flag_resolve(struct req *r);
void web_my_flags(struct req *r);
/* The person's home page: their open flags, "your team was told", in b.
 * 0 or an error of the store. */
int web_flags_home(struct req *r, struct buf *b, const struct grant *g, const char *tz);
/* The caseload's "needs action first": the early warnings given to the
 * actor that the door lets them see, the most urgent first, at most max,
 * in b (nothing if none); kept between requests while the change
 * counters pgen and agen (store_change_counters()) stay. 0 or an error
 * of the store. */
int web_flags_caseload(struct req *r, struct buf *b, size_t max, int64_t pgen, int64_t agen);

#endif
