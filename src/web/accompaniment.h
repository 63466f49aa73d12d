/* Someone to come along to an appointment: a volunteer's pages (the
 * requests, accepting, reporting) and the person's and team's (asking,
 * withdrawing, seeing who will come). */
#ifndef ROSC_WEB_ACCOMPANIMENT_H
#define ROSC_WEB_ACCOMPANIMENT_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct grant;
struct req;
struct appointment;
struct list_grant;

/* A volunteer (web/accompaniment.c). */
void web_jobs(struct req *r);
void web_job(struct req *r);
void web_job_accept(struct req *r);
void web_job_release(struct req *r);
void web_job_report(struct req *r);

/* The person and their team (web/accompany_ask.c). */
void web_accompany_ask(struct req *r);          /* GET  .../appointments/{aid}/company */
void web_accompany_ask_save(struct req *r);     /* POST .../appointments/{aid}/company */
void web_accompany_withdraw(struct req *r);     /* POST .../company/{cid}/withdraw */
/* The appointment page's section: who will come, or whether someone was
 * asked, and what the viewer may do about it. may_write: the person or
 * their team. 0 or an error. */
int web_accompany_section(struct req *r, struct buf *b, const struct grant *g,
    const struct appointment *x, bool may_write);

#endif
