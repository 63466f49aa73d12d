/* A person's referrals as JSON (see referrals.c). */
#ifndef ROSC_API_REFERRALS_H
#define ROSC_API_REFERRALS_H

struct req;

void api_referrals(struct req *r);
void api_referral_create(struct req *r);
void api_referral_status(struct req *r);

#endif
