/* What an appointment names of the person's other data, checked against
 * the grant: the member of their network it is with, and the goal it is
 * for. Someone else's, a past member, or one the grant does not show is
 * no choice at all. */
#ifndef ROSC_VIEW_APPOINTMENT_H
#define ROSC_VIEW_APPOINTMENT_H

struct appointment;
struct arena;
struct grant;
struct store;

enum { APPT_BAD_MEMBER = 1, APPT_BAD_GOAL = 2 };

/* Sets x->with_member_id and x->goal_id from member_id and goal_id (NULL
 * or "": none), as ids read from the person's own data. Returns 0;
 * ERR_INVALID with *bad (APPT_BAD_*) saying which is not the person's (a
 * current member of their network, a goal the grant shows); or ERR_DB.
 * today: "YYYY-MM-DD". */
int view_appointment_links(struct store *s, struct arena *a, const struct grant *g,
    const char *today, const char *member_id, const char *goal_id, struct appointment *x,
    unsigned *bad);

#endif
