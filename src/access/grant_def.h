/* The inside of a grant: included only in src/access/ (scripts/lint.sh
 * checks), so that nothing else can make one. */
#ifndef ROSC_ACCESS_GRANT_DEF_H
#define ROSC_ACCESS_GRANT_DEF_H

#include "access/grant.h"
#include "policy/person.h"

struct grant {
	const char *person_id;
	const char *actor_id, *org_id;  /* who, for which organisation (NULL: none) */
	enum person_action act;
	unsigned cats;                  /* CAT_BIT()s allowed */
	unsigned noted;                 /* those of them noted in the log so far */
	const char *action;             /* how it is logged: "read", "write", "list" */
	enum why why;
	const struct relation *rel;     /* the facts it was decided on */
	const char *ref_org;            /* set: only the referrals sent to this organisation */
	/* Set: a volunteer's grant, to the requests for company sent to
	 * job_org alone (and their details, if job_user accepted one); it
	 * covers no category. */
	const char *job_org, *job_user;
	/* Set: a grant to messages (door_messages()), read as msg_user acting
	 * for msg_org (NULL: none). */
	const char *msg_user, *msg_org;
	/* Set: a facilitator's grant (door_group_members()), to the person's
	 * name, membership and attendance in this group alone; it covers no
	 * category. */
	const char *group_id;
};

struct list_grant {
	const char *user_id, *org_id;
};

#endif
