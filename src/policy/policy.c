#include "policy/policy.h"

#include <string.h>

static bool
is_sysadmin(const struct actor *a)
{
	return a != NULL && a->user.sysadmin && a->user.disabled_us == 0;
}

static bool
is_org_admin(const struct actor *a)
{
	return a != NULL && a->org_id != NULL && a->role == ROLE_ORG_ADMIN;
}

enum verdict
policy_route(const struct actor *a, enum access need)
{
	if (need == ACCESS_ANYONE)
		return VERDICT_ALLOW;
	if (a == NULL || a->user.disabled_us != 0)
		return VERDICT_SIGN_IN;
	switch (need) {
	case ACCESS_SIGNED_IN:
		return VERDICT_ALLOW;
	case ACCESS_STAFF:
		if (a->user.kind != USER_STAFF)
			return VERDICT_DENY;
		if (a->org_id == NULL)
			return a->norgs > 0 ? VERDICT_CHOOSE_ORG : VERDICT_DENY;
		return VERDICT_ALLOW;
	case ACCESS_ORG_ADMIN:
		if (is_sysadmin(a) || is_org_admin(a))
			return VERDICT_ALLOW;
		if (a->user.kind == USER_STAFF && a->org_id == NULL && a->norgs > 0)
			return VERDICT_CHOOSE_ORG;
		return VERDICT_DENY;
	case ACCESS_SYSADMIN:
		return is_sysadmin(a) ? VERDICT_ALLOW : VERDICT_DENY;
	default:
		return VERDICT_DENY;
	}
}

bool
policy_may_manage_members(const struct actor *a, const char *org_id)
{
	if (is_sysadmin(a))
		return true;
	return is_org_admin(a) && org_id != NULL && strcmp(a->org_id, org_id) == 0;
}

bool
policy_may_change_membership(const struct actor *a, const char *org_id,
    const char *target_id)
{
	if (!policy_may_manage_members(a, org_id) || target_id == NULL)
		return false;
	return is_sysadmin(a) || strcmp(a->user.id, target_id) != 0;
}

bool
policy_may_manage_orgs(const struct actor *a)
{
	return is_sysadmin(a);
}

bool
policy_may_manage_user(const struct actor *a, const char *target_id, bool in_my_org,
    bool in_other_orgs, bool target_is_sysadmin)
{
	if (a == NULL || target_id == NULL)
		return false;
	if (strcmp(a->user.id, target_id) == 0)
		return false;            /* not oneself: use the settings page */
	if (is_sysadmin(a))
		return true;
	/* An organisation admin manages the accounts that are only theirs:
	 * never a system admin, never someone another organisation shares. */
	return is_org_admin(a) && in_my_org && !in_other_orgs && !target_is_sysadmin;
}

bool
policy_staff_scope(const struct actor *a, bool *self, const char **org_id,
    bool *own_network)
{
	*self = false;
	*org_id = NULL;
	*own_network = false;
	if (a == NULL || a->user.disabled_us != 0)
		return false;
	if (a->user.kind == USER_PERSON) {
		*own_network = true;
		return true;
	}
	if (a->user.kind != USER_STAFF)
		return false;
	*self = true;
	*org_id = a->org_id;
	return true;
}

bool
policy_may_use_api(const struct actor *a)
{
	if (a == NULL || a->user.disabled_us != 0)
		return false;
	/* A token acts for the organisation it was made for, and every
	 * endpoint asks the door: a volunteer's token reaches the requests
	 * for company (door_jobs()) and nothing of any person beyond them. */
	return true;
}

bool
policy_may_read_audit(const struct actor *a)
{
	return is_sysadmin(a);
}

static bool
acts_for(const struct actor *a, const char *org_id)
{
	return a != NULL && a->user.disabled_us == 0 && a->user.kind == USER_STAFF &&
	    a->org_id != NULL && org_id != NULL && strcmp(a->org_id, org_id) == 0;
}

bool
policy_may_read_reports(const struct actor *a, const char *org_id)
{
	return acts_for(a, org_id) && (a->role == ROLE_ORG_ADMIN || a->role == ROLE_COORDINATOR);
}

bool
policy_may_edit_service(const struct actor *a, const char *managed_by)
{
	return acts_for(a, managed_by) && a->role == ROLE_ORG_ADMIN;
}

bool
policy_may_edit_pathways(const struct actor *a, const char *org_id)
{
	return acts_for(a, org_id) && a->role == ROLE_ORG_ADMIN;
}

bool
policy_may_update_capacity(const struct actor *a, const char *managed_by)
{
	return acts_for(a, managed_by) && (a->role == ROLE_ORG_ADMIN ||
	    a->role == ROLE_COORDINATOR || a->role == ROLE_PROFESSIONAL);
}

bool
policy_may_run_groups(const struct actor *a, const char *org_id)
{
	return acts_for(a, org_id) && (a->role == ROLE_ORG_ADMIN ||
	    a->role == ROLE_COORDINATOR || a->role == ROLE_PEER_WORKER);
}

bool
policy_may_be_facilitator(enum role r)
{
	return r == ROLE_ORG_ADMIN || r == ROLE_COORDINATOR || r == ROLE_PROFESSIONAL ||
	    r == ROLE_PEER_WORKER;
}

bool
policy_is_facilitator(const struct actor *a, const char *org_id, const char *facilitator_id)
{
	return acts_for(a, org_id) && facilitator_id != NULL &&
	    strcmp(a->user.id, facilitator_id) == 0 && policy_may_be_facilitator(a->role);
}

const char *
access_name(enum access need)
{
	switch (need) {
	case ACCESS_ANYONE: return "anyone";
	case ACCESS_SIGNED_IN: return "signed_in";
	case ACCESS_STAFF: return "staff";
	case ACCESS_ORG_ADMIN: return "org_admin";
	case ACCESS_SYSADMIN: return "sysadmin";
	}
	return "?";
}
