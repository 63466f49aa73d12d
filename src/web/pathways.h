/* A person's pathways: pages (web/pathways.c). */
#ifndef ROSC_WEB_PATHWAYS_H
#define ROSC_WEB_PATHWAYS_H

#include <stdbool.h>

struct buf;
struct grant;
struct pathway_full;
struct pw_template;
struct req;

void web_pathways(struct req *r);
void web_pathway_offer(struct req *r);
void web_pathway(struct req *r);
void web_pathway_agree(struct req *r);
void web_pathway_decline(struct req *r);
void web_pathway_next(struct req *r);
void web_pathway_adapt_form(struct req *r);
void web_pathway_adapt(struct req *r);
void web_pathway_item(struct req *r);

/* The clocks of one pathway (today in its zone), as HTML into b. */
void web_pathway_clock(struct req *r, struct buf *b, const struct pathway_full *f,
    const struct pw_template *t, const char *today, bool self);
/* The person's pathways under way or offered, with their clocks, for a
 * home page (g: the door's grant to the plan). 0 or a store error. */
int web_pathway_home(struct req *r, struct buf *b, const struct grant *g, bool self);

#endif
