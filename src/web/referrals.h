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

/* Referrals as cards (service, status in the viewer's words, goal,
 * reason, a flag when an answer is overdue), for the plan and the
 * person's home page. self: in the person's own words. */
void web_referral_items(struct req *r, struct buf *b, const struct referral *xs, size_t n,
    bool self);
/* Whether an answer to x is overdue at now. */
bool web_referral_overdue(const struct referral *x, int64_t now);

#endif
