/* The one door for a person's data: (actor, acting organisation, action,
 * person, category) -> allow or deny, with the reason. The facts about the
 * relationship come from store_relation(); this decides, nothing else. */
#ifndef ROSC_POLICY_PERSON_H
#define ROSC_POLICY_PERSON_H

#include <stdbool.h>

#include "core/actor.h"
#include "core/person.h"

enum person_action {
	PA_READ,              /* see data in the category */
	PA_WRITE_NOTE,        /* write a journal note */
	PA_MANAGE_NETWORK,    /* add people to, or end, the network */
	PA_EDIT_RECORD,       /* change the person's details */
	PA_MANAGE_CONSENT,    /* give or withdraw consent: the person alone */
	PA_EDIT_PLAN,         /* co-write the plan: goals, steps, texts, comments */
	PA_ANSWER_REFERRAL,   /* answer a referral sent to the acting organisation */
};

enum why { WHY_NONE, WHY_OWN, WHY_DUTY, WHY_CONSENT, WHY_EMERGENCY };

struct decision {
	bool allow;
	enum why why;
	/* When denied: 403 for someone who is or was in the person's network
	 * (they are told, in plain words, what is not shared), else 404 (the
	 * same as for a person who does not exist: nothing leaks). */
	unsigned status;
};

struct decision policy_person(const struct actor *a, const struct relation *rel,
    enum person_action act, enum category cat);

/* Whether the actor acts for an organisation that receives an open
 * referral for the person, as its staff (not a volunteer): they may
 * answer it and read what the person shared with that organisation. */
bool policy_receives_referral(const struct actor *a, const struct relation *rel);

/* May the actor ask for emergency access ("break the glass") to a person
 * outside their care? Only staff in a role with a duty of care
 * (organisation admin, coordinator, professional: never volunteers, peer
 * workers or family) whose organisation admin gave them the right
 * (membership.may_break_glass), acting for that organisation. */
bool policy_may_break_glass(const struct actor *a);

/* Has the actor's sign-in confirmed a second factor, as breaking the glass
 * needs? (A session that did; never an API token.) */
bool policy_glass_factor_ok(const struct actor *a);

/* May the actor review the emergency accesses to the persons whose home
 * organisation they act for? Its organisation admins and coordinators. */
bool policy_may_review_emergencies(const struct actor *a);

/* May the actor go along to appointments (a volunteer bridge builder),
 * for the volunteer organisation they act for? Volunteers only: they see
 * the requests sent to that organisation, through door_jobs(). */
bool policy_may_accompany(const struct actor *a);

/* May the actor see a person's Help now presses and acknowledge them (the
 * door then asks, for the person, what it asks for their basic details)?
 * Staff acting for an organisation, in a role that answers a call for
 * help: not volunteers (they see only the job they accepted), and never
 * family or supporters, whom the person tells by message if they chose
 * to. */
bool policy_may_see_help_now(const struct actor *a);
/* May the actor read and write messages with the person (core/message.h)?
 * The person always; anyone else only while they are in the person's
 * network now and may read the person's journal notes there (by duty or
 * by the person's consent: messages are in the "notes" category), never
 * by emergency access or as the receiver of a referral alone. Family and
 * supporters write messages with that consent too. A refusal is always a
 * 404: a thread one may not see is answered as one that is not there. */
struct decision policy_may_message(const struct actor *a, const struct relation *rel);
/* May the actor log coaching sessions with the person? A peer worker
 * acting for an organisation through which they are in the person's
 * network now; the door then checks that the place itself is a peer
 * worker's (store_peer_member()). */
bool policy_may_write_coaching(const struct actor *a, const struct relation *rel);
/* "duty", "consent", "emergency" (for the access log); NULL for own/none. */
const char *why_code(enum why w);

#endif
