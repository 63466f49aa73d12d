#include "policy/person.h"

static struct decision
allow(enum why why)
{
	return (struct decision){true, why, 0};
}

static struct decision
deny(const struct relation *rel)
{
	/* Someone who is or was in the network, or who receives a referral
	 * for the person, is told; anyone else learns nothing, not even that
	 * the person exists. */
	return (struct decision){false, WHY_NONE,
	    rel->member != NET_NEVER || rel->referral_in ? 403 : 404};
}

bool
policy_receives_referral(const struct actor *a, const struct relation *rel)
{
	return a != NULL && rel != NULL && rel->exists && rel->referral_in &&
	    a->user.kind == USER_STAFF && a->org_id != NULL && a->user.disabled_us == 0 &&
	    a->role != ROLE_VOLUNTEER && a->role != ROLE_NONE;
}

static struct decision in_network(const struct actor *a, const struct relation *rel,
    enum person_action act, enum category cat);

struct decision
policy_person(const struct actor *a, const struct relation *rel, enum person_action act,
    enum category cat)
{
	struct decision d;
	bool receiver;

	if (a == NULL || rel == NULL || !rel->exists || a->user.disabled_us != 0 ||
	    (unsigned)cat >= CAT_COUNT)
		return (struct decision){false, WHY_NONE, 404};

	/* Nothing about me without me: the person sees everything of theirs
	 * and alone decides on consent. Journal notes are the network's
	 * words about the person, so the person reads but does not write them. */
	if (rel->is_self) {
		if (act == PA_WRITE_NOTE || act == PA_MANAGE_NETWORK ||
		    act == PA_ANSWER_REFERRAL)
			return (struct decision){false, WHY_NONE, 403};
		return allow(WHY_OWN);
	}
	if (act == PA_MANAGE_CONSENT)
		return deny(rel);

	/* The organisation a referral was sent to: its staff answer it and
	 * read what the person shared with that organisation, nothing else
	 * (whether or not they are in the network too). */
	receiver = policy_receives_referral(a, rel);
	if (act == PA_ANSWER_REFERRAL)
		return receiver ? allow(WHY_CONSENT) : deny(rel);
	d = in_network(a, rel, act, cat);
	if (!d.allow && receiver && act == PA_READ && (rel->consent & CAT_BIT(cat)))
		return allow(WHY_CONSENT);
	return d;
}

static struct decision
in_network(const struct actor *a, const struct relation *rel, enum person_action act,
    enum category cat)
{
	bool staff;

	staff = a->user.kind == USER_STAFF && a->org_id != NULL;

	/* Break the glass: time-limited, for the organisation it was asked
	 * for, and only while the actor still holds the right to. */
	if (rel->emergency && policy_may_break_glass(a)) {
		if (act == PA_READ || act == PA_WRITE_NOTE)
			return allow(WHY_EMERGENCY);
		return deny(rel);
	}
	if (rel->member != NET_CURRENT)
		return deny(rel);

	/* The home organisation's staff in the network work by duty. */
	if (staff && rel->member_for_org && rel->home_org) {
		if (act == PA_READ || act == PA_WRITE_NOTE || act == PA_EDIT_PLAN)
			return allow(WHY_DUTY);
		if ((act == PA_MANAGE_NETWORK || act == PA_EDIT_RECORD) &&
		    (a->role == ROLE_COORDINATOR || a->role == ROLE_ORG_ADMIN ||
		     a->role == ROLE_PROFESSIONAL))
			return allow(WHY_DUTY);
		return deny(rel);
	}

	/* Everyone else in the network needs the person's consent, given to
	 * their organisation (used only by its staff who are in the network)
	 * or to them by name. */
	if (!(rel->consent & CAT_BIT(cat)))
		return deny(rel);
	if (staff && rel->member_for_org &&
	    (act == PA_READ || act == PA_WRITE_NOTE || act == PA_EDIT_PLAN))
		return allow(WHY_CONSENT);
	if (rel->member_family && act == PA_READ)
		return allow(WHY_CONSENT);
	return deny(rel);
}

const char *
why_code(enum why w)
{
	switch (w) {
	case WHY_DUTY: return "duty";
	case WHY_CONSENT: return "consent";
	case WHY_EMERGENCY: return "emergency";
	default: return NULL;
	}
}

bool
policy_may_accompany(const struct actor *a)
{
	return a != NULL && a->user.kind == USER_STAFF && a->org_id != NULL &&
	    a->user.disabled_us == 0 && a->role == ROLE_VOLUNTEER;
}

bool
policy_may_see_help_now(const struct actor *a)
{
	return a != NULL && a->user.kind == USER_STAFF && a->org_id != NULL &&
	    a->user.disabled_us == 0 && a->role != ROLE_VOLUNTEER;
}

bool
policy_may_break_glass(const struct actor *a)
{
	if (a == NULL || a->user.kind != USER_STAFF || a->org_id == NULL ||
	    a->user.disabled_us != 0 || !a->may_break_glass)
		return false;
	return a->role == ROLE_ORG_ADMIN || a->role == ROLE_COORDINATOR ||
	    a->role == ROLE_PROFESSIONAL;
}

bool
policy_glass_factor_ok(const struct actor *a)
{
	return a != NULL && a->session_hash != NULL && a->second_factor_us > 0;
}

bool
policy_may_review_emergencies(const struct actor *a)
{
	return a != NULL && a->user.kind == USER_STAFF && a->org_id != NULL &&
	    a->user.disabled_us == 0 &&
	    (a->role == ROLE_ORG_ADMIN || a->role == ROLE_COORDINATOR);
}

struct decision
policy_may_message(const struct actor *a, const struct relation *rel)
{
	struct relation in;
	struct decision d;

	if (a == NULL || rel == NULL || !rel->exists || a->user.disabled_us != 0)
		return (struct decision){false, WHY_NONE, 404};
	if (rel->is_self)
		return allow(WHY_OWN);
	if (rel->member != NET_CURRENT)
		return (struct decision){false, WHY_NONE, 404};
	/* As a member of the network only: the glass broken or a referral
	 * received opens no one's messages. */
	in = *rel;
	in.emergency = false;
	in.referral_in = false;
	d = policy_person(a, &in, PA_READ, CAT_NOTES);
	if (!d.allow)
		d.status = 404;
	return d;
}

bool
policy_may_write_coaching(const struct actor *a, const struct relation *rel)
{
	return a != NULL && rel != NULL && rel->exists && !rel->is_self &&
	    a->user.kind == USER_STAFF && a->org_id != NULL && a->user.disabled_us == 0 &&
	    a->role == ROLE_PEER_WORKER && rel->member == NET_CURRENT && rel->member_for_org;
}
