/* The one door for access decisions. Handlers never invent their own
 * checks: they ask here. Deny by default.
 *
 * This rules are about the application itself (which pages a
 * visitor may open, who may administer whom). Decisions about a person's
 * data, and the access log, join them with the person/consent work. */
#ifndef ROSC_POLICY_H
#define ROSC_POLICY_H

#include <stdbool.h>

#include "core/actor.h"

/* What a route needs. */
enum access {
	ACCESS_ANYONE,
	ACCESS_SIGNED_IN,     /* any account, staff or person or family */
	ACCESS_STAFF,         /* staff acting for an organisation */
	ACCESS_ORG_ADMIN,     /* organisation admin of the acting organisation, or system admin */
	ACCESS_SYSADMIN,
};

enum verdict {
	VERDICT_ALLOW,
	VERDICT_SIGN_IN,      /* nobody is signed in */
	VERDICT_CHOOSE_ORG,   /* staff who must first choose an organisation */
	VERDICT_DENY,
};

/* May this actor (NULL: nobody signed in) open a route that needs `need`? */
enum verdict policy_route(const struct actor *a, enum access need);

/* May a manage the memberships of the acting organisation (add people,
 * change roles)? System admins may manage any organisation's. */
bool policy_may_manage_members(const struct actor *a, const char *org_id);

/* May a change target_id's role in org_id? As may_manage_members, but an
 * organisation admin never changes their own role (so nobody locks their
 * organisation out by accident); a system admin may. */
bool policy_may_change_membership(const struct actor *a, const char *org_id,
    const char *target_id);

/* May a create or edit organisations? */
bool policy_may_manage_orgs(const struct actor *a);

/* May a see and manage the account `target_id` (disable, reset), given
 * whether the target belongs to a's acting organisation and to any other? */
bool policy_may_manage_user(const struct actor *a, const char *target_id,
    bool target_in_my_org, bool target_in_other_orgs, bool target_is_sysadmin);

/* May a hold API tokens? Anyone signed in and not disabled: the API
 * answers each as the pages do, through the door (a person their own
 * data, staff and family what is shared with them, a volunteer bridge
 * builder the requests for company sent to their organisation). */
bool policy_may_use_api(const struct actor *a);

/* Whose staff accounts may a see (as FHIR Practitioner and
 * PractitionerRole): their own, if they are staff, and, while acting for
 * an organisation, its members' names and roles there, which its pages
 * show them already (a group's facilitator, a step's owner); a person in
 * recovery the staff of their own network, as their network page shows
 * them. Nobody else's: a staff member in someone's network is named in
 * that network, which that person's consent guards. *self gets whether
 * a's own account is in scope, *org_id the organisation (NULL: none),
 * *own_network whether the staff of a's own network are. False if none. */
bool policy_staff_scope(const struct actor *a, bool *self, const char **org_id,
    bool *own_network);

/* May a read the audit log? */
bool policy_may_read_audit(const struct actor *a);

/* May a edit (and create) the services of a directory organisation that
 * the rosc organisation managed_by runs? Its organisation admins, acting
 * for it. */
bool policy_may_edit_service(const struct actor *a, const char *managed_by);

/* May a update the places free of such a service (the one tap)? Its
 * organisation admins, coordinators and professionals, acting for it:
 * the people who admit someone and so know when a place is taken. Peer
 * workers and volunteers do not (they do not decide admissions). */
bool policy_may_update_capacity(const struct actor *a, const char *managed_by);

/* May a make new versions of the pathway templates org_id uses, and read
 * its reports on them? Its organisation admins, acting for it. A system
 * admin acts for no organisation: shipped templates come with
 * `rosc import pathway`. */
bool policy_may_edit_pathways(const struct actor *a, const char *org_id);

/* May a read the programme outcome reports of org_id (core/outcome.h)?
 * Its organisation admins and coordinators, acting for it: the people who
 * answer for what the organisation achieves. Reports hold aggregates only,
 * counted over the persons the organisation may see: those in whose
 * network it has or had a place, in a category only where it is their
 * home organisation (duty of care) or holds their consent in force today
 * (store/outcomes.c applies this rule in SQL). A system admin acts for no
 * organisation and sees none. */
bool policy_may_read_reports(const struct actor *a, const char *org_id);

/* Peer groups (core/peer_group.h). May a create and edit the groups org_id
 * runs? Its staff who work with people in groups, acting for it:
 * organisation admins, coordinators and peer workers (not professionals,
 * whose work is one to one, nor volunteers). Nobody else, not even a
 * system admin (who acts for no organisation). */
bool policy_may_run_groups(const struct actor *a, const char *org_id);
/* May a facilitate a group of org_id: be named its facilitator? Staff of
 * the organisation in any role but volunteer. */
bool policy_may_be_facilitator(enum role r);
/* Is a the facilitator of a group (org_id's, facilitated by
 * facilitator_id), acting for that organisation? Only they see its
 * members, mark who came and write its session notes: the person gave
 * that consent by joining a group this organisation runs. */
bool policy_is_facilitator(const struct actor *a, const char *org_id,
    const char *facilitator_id);

/* The access level's name, for `rosc routes`. */
const char *access_name(enum access need);

#endif
