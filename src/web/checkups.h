/* Recovery check-ups (core/checkup.h) on pages: the schedule, a plan set
 * or stopped by staff who may write the person's plan, a check-up
 * recorded done, and the person's next one on their home page. */
#ifndef ROSC_WEB_CHECKUPS_H
#define ROSC_WEB_CHECKUPS_H

struct buf;
struct grant;
struct req;

void web_checkups(struct req *r);
void web_checkups_set(struct req *r);
void web_checkups_stop(struct req *r);
void web_checkup_done(struct req *r);

/* When a pathway's phase of code phase_code begins today (the person's
 * "YYYY-MM-DD" in zone tz): if it is aftercare (a code that begins with
 * "aftercare": "aftercare" in the Danish template, "aftercare-and-
 * reintegration" in the Dutch one), no check-up plan is in force, and the
 * actor may write the person's check-ups and appointments, a plan with
 * the defaults (quarterly for two years from today, WHO-5 and BARC-10, a
 * conversation at 10:00 with their coordinator, else a peer worker) into
 * *out, and the grant to write it with; else NULL. */
struct checkup_build;
const struct grant *web_checkups_aftercare(struct req *r, const char *person_id,
    const char *phase_code, const char *pathway_id, const char *today, const char *tz,
    struct checkup_build **out);

/* The person's next check-up for their home page (g: their own grant),
 * nothing if none; 0 or an enum err. */
int web_checkups_home(struct req *r, struct buf *b, const struct grant *g, const char *tz);

#endif
