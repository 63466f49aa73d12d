/* Referrals: the person's, the sender's and the receiving
 * organisation's pages (see referrals.c). */
#ifndef ROSC_WEB_REFERRALS_H
#define ROSC_WEB_REFERRALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;
struct req;
struct referral;

void web_referrals(struct req *r);
void web_referral_new(struct req *r);
void web_referral_create(struct req *r);
void web_referral(struct req *r);
void web_referral_accept(struct req *r);
void web_referral_status(struct req *r);
void web_referral_inbox(struct req *r);

/* The referrals of a person that the actor may see, through the door
 * (a receiving organisation sees only those sent to it, even where the
 * plan is shared with it), and logged; goal_id: only those for that goal.
 * For the plan and goal pages. 0 or an error. */
int web_referrals_for(struct req *r, const char *person_id, const char *goal_id,
    struct referral **out, size_t *n);
/* Referrals as cards (service, status in the viewer's words, goal,
 * reason, a flag when an answer is overdue), for the plan and the
 * person's home page. self: in the person's own words. */
void web_referral_items(struct req *r, struct buf *b, const struct referral *xs, size_t n,
    bool self);
/* Referrals one to a line (service, status, a flag when overdue), for
 * the plan page. */
void web_referral_lines(struct req *r, struct buf *b, const struct referral *xs, size_t n,
    bool self);
/* Referrals as short links (service and organisation), for the person's
 * home page: the ones waiting for their choice. */
void web_referral_links(struct buf *b, const struct referral *xs, size_t n);
/* Whether an answer to x is overdue at now. */
bool web_referral_overdue(const struct referral *x, int64_t now);

/* The sender's side (the proposer, the person's coordinators): the
 * referrals whose answer is overdue, of the persons whose plan the door
 * lets the actor see in a list. 0 or an error. */
struct referral_row;
int web_referrals_overdue(struct req *r, struct referral_row **out, size_t *n);
bool web_referral_row_overdue(const struct referral_row *rows, size_t n,
    const char *person_id);
/* Those referrals as a section of the task list ("Referral to X: no answer
 * for N days"); nothing when there are none. */
int web_referrals_overdue_section(struct req *r, struct buf *b);

#endif
