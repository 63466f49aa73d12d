/* What a grant tells those who hold one. */
#include "access/grant_def.h"

#include <stddef.h>

const char *
grant_person(const struct grant *g)
{
	return g->person_id;
}

bool
grant_covers(const struct grant *g, enum category c)
{
	return (unsigned)c < CAT_COUNT && (g->cats & CAT_BIT(c)) != 0;
}

bool
grant_writes(const struct grant *g)
{
	/* A volunteer's grant writes nothing but its own requests; a
	 * facilitator's nothing but the attendance in their group. */
	return g->act != PA_READ && g->job_org == NULL && g->group_id == NULL;
}

const char *
grant_group(const struct grant *g)
{
	return g->group_id;
}

bool
grant_group_writes(const struct grant *g)
{
	return g->group_id != NULL && g->act != PA_READ;
}

bool
grant_is_self(const struct grant *g)
{
	return g->why == WHY_OWN;
}

enum ref_scope
grant_referral_scope(const struct grant *g, const char **org)
{
	*org = g->ref_org;
	if (g->ref_org != NULL)
		return REF_SCOPE_ORG;
	/* The organisation a referral was sent to, outside the network, sees
	 * only the referrals sent to it, even with the plan shared with it. */
	if (g->rel != NULL && g->rel->referral_in && !g->rel->is_self &&
	    g->rel->member != NET_CURRENT && !g->rel->emergency && g->org_id != NULL) {
		*org = g->org_id;
		return REF_SCOPE_ORG;
	}
	return grant_covers(g, CAT_PLAN) ? REF_SCOPE_ALL : REF_SCOPE_NONE;
}

bool
grant_job(const struct grant *g, const char **org, const char **user)
{
	*org = g->job_org;
	*user = g->job_user;
	return g->job_org != NULL && g->job_user != NULL;
}

bool
grant_job_writes(const struct grant *g)
{
	return g->job_org != NULL && g->act != PA_READ;
}

bool
grant_messages(const struct grant *g, const char **user, const char **org)
{
	*user = g->msg_user;
	*org = g->msg_org;
	return g->msg_user != NULL && grant_covers(g, CAT_NOTES);
}

const char *
list_grant_user(const struct list_grant *l)
{
	return l->user_id;
}

const char *
list_grant_org(const struct list_grant *l)
{
	return l->org_id;
}
