/* Who is acting: the signed-in user, and for staff the one organisation
 * the session acts for. Every policy decision and every audit row records
 * both. */
#ifndef ROSC_CORE_ACTOR_H
#define ROSC_CORE_ACTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/account.h"

/* Sessions end after this long without a request, or this long after
 * sign-in, whichever comes first. last_seen is written at most once per
 * SESSION_TOUCH_US. */
#define SESSION_IDLE_US (INT64_C(60) * 60 * 1000000)
#define SESSION_ABSOLUTE_US (INT64_C(12) * 60 * 60 * 1000000)
#define SESSION_TOUCH_US (INT64_C(60) * 1000000)

/* Invitation and reset links last this long. */
#define INVITATION_US (INT64_C(7) * 24 * 60 * 60 * 1000000)
#define RESET_US (INT64_C(24) * 60 * 60 * 1000000)

struct actor {
	struct user user;
	/* The organisation acted for (staff), or NULL. */
	const char *org_id, *org_name, *org_time_zone;
	enum role role;
	bool may_break_glass;         /* in that organisation (see policy/person.h) */
	size_t norgs;                 /* how many organisations the user is in */
	/* How the actor was recognised: a session, or an API token. */
	const char *session_hash, *csrf;
	int64_t session_created_us, last_seen_us;
	int64_t second_factor_us;     /* this sign-in confirmed a second factor then; 0 if not */
	const char *token_id;
};

#endif
