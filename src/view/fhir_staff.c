/* Staff accounts as FHIR: each as a Practitioner (its id the account's)
 * and each of its roles in an organisation as a PractitionerRole (its id
 * the account's and the organisation's together). Who sees which is the
 * door's scope (door_staff_scope()): the caller's own account and roles,
 * the members of the organisation they act for with their roles there,
 * and for a person the staff of their own network (with their roles in
 * the organisations they are in it for); nothing about anyone else. */
#include "view/fhir.h"

#include <stdio.h>
#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "base/id.h"
#include "core/account.h"
#include "store/accounts.h"
#include "store/network.h"

void
fhir_role_id(char out[FHIR_ROLE_ID_LEN + 1], const char *user_id, const char *org_id)
{
	snprintf(out, FHIR_ROLE_ID_LEN + 1, "%.32s%.32s", user_id, org_id);
}

static json_t *
practitioner(const struct user *u)
{
	json_t *o = json_object();

	json_object_set_new(o, "resourceType", json_string("Practitioner"));
	json_object_set_new(o, "id", json_string(u->id));
	json_object_set_new(o, "active", json_boolean(u->disabled_us == 0));
	json_object_set_new(o, "name", json_pack("[{s:s}]", "text", u->display_name));
	return o;
}

static json_t *
practitioner_role(const struct membership *m)
{
	json_t *o = json_object();
	char id[FHIR_ROLE_ID_LEN + 1];

	fhir_role_id(id, m->user_id, m->org_id);
	json_object_set_new(o, "resourceType", json_string("PractitionerRole"));
	json_object_set_new(o, "id", json_string(id));
	json_object_set_new(o, "active", json_true());
	json_object_set_new(o, "practitioner",
	    fhir_ref("Practitioner", m->user_id, m->display_name));
	json_object_set_new(o, "organization", fhir_ref("Organization", m->org_id, m->org_name));
	json_object_set_new(o, "code", json_pack("[o]",
	    fhir_concept(FHIR_ROSC ":staff-role", role_code(m->role), NULL)));
	return o;
}

/* Whether user_id is one of ms[0..n). */
static bool
among(const struct membership *ms, size_t n, const char *user_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ms[i].user_id, user_id) == 0)
			return true;
	return false;
}

/* The caller's own memberships (sc->user_id) and those of sc->org_id. */
static int
scope_members(struct fhir_ctx *x, const struct staff_scope *sc, struct membership **mine,
    size_t *nmine, struct membership **org, size_t *norg)
{
	int rc;

	*nmine = *norg = 0;
	*mine = *org = NULL;
	if (sc->user_id != NULL &&
	    (rc = store_memberships_of_user(x->s, x->a, sc->user_id, mine, nmine)) != 0)
		return rc;
	if (sc->org_id != NULL &&
	    (rc = store_org_members(x->s, x->a, sc->org_id, org, norg)) != 0)
		return rc;
	return 0;
}

/* The staff of the person's own network (sc->network), each account
 * once: ms[0..*n) with a user and not family or a supporter. */
static int
network_staff(struct fhir_ctx *x, const struct staff_scope *sc, struct network_member **out,
    size_t *n)
{
	struct network_member *ms;
	size_t nm, i, k = 0;
	int rc;

	*n = 0;
	*out = NULL;
	if (sc->network == NULL)
		return 0;
	if ((rc = store_network(x->s, x->a, sc->network, &ms, &nm)) != 0)
		return rc;
	for (i = 0; i < nm; i++)
		if (ms[i].user_id != NULL && ms[i].role != NET_FAMILY &&
		    ms[i].role != NET_SUPPORTER)
			ms[k++] = ms[i];
	*out = ms;
	*n = k;
	return 0;
}

static bool
seen_user(const struct network_member *ms, size_t n, const char *user_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ms[i].user_id, user_id) == 0)
			return true;
	return false;
}

/* Whether the same account and organisation came before ms[n]. */
static bool
seen_role(const struct network_member *ms, size_t n, const struct network_member *m)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ms[i].user_id, m->user_id) == 0 && ms[i].org_id != NULL &&
		    strcmp(ms[i].org_id, m->org_id) == 0)
			return true;
	return false;
}

static int
collect_practitioners(struct fhir_ctx *x, const struct staff_scope *sc,
    struct fhir_list *out)
{
	struct membership *mine, *org;
	struct network_member *net;
	size_t nmine, norg, nnet, i;
	struct user u;
	int rc;

	if ((rc = scope_members(x, sc, &mine, &nmine, &org, &norg)) != 0)
		return rc;
	if (sc->user_id != NULL) {
		if ((rc = store_user_get(x->s, x->a, sc->user_id, &u)) != 0)
			return rc == ERR_NOT_FOUND ? 0 : rc;
		fhir_list_add(x->a, out, practitioner(&u), CAT_BASIC);
	}
	for (i = 0; i < norg; i++) {
		if (sc->user_id != NULL && strcmp(org[i].user_id, sc->user_id) == 0)
			continue;
		if (among(org, i, org[i].user_id))
			continue;
		if ((rc = store_user_get(x->s, x->a, org[i].user_id, &u)) == ERR_NOT_FOUND)
			continue;
		if (rc != 0)
			return rc;
		fhir_list_add(x->a, out, practitioner(&u), CAT_BASIC);
	}
	if ((rc = network_staff(x, sc, &net, &nnet)) != 0)
		return rc;
	for (i = 0; i < nnet; i++) {
		if (seen_user(net, i, net[i].user_id))
			continue;
		if ((rc = store_user_get(x->s, x->a, net[i].user_id, &u)) == ERR_NOT_FOUND)
			continue;
		if (rc != 0)
			return rc;
		fhir_list_add(x->a, out, practitioner(&u), CAT_BASIC);
	}
	return 0;
}

static int
collect_roles(struct fhir_ctx *x, const struct staff_scope *sc, struct fhir_list *out)
{
	struct membership *mine, *org;
	struct network_member *net;
	size_t nmine, norg, nnet, i;
	int rc;

	if ((rc = scope_members(x, sc, &mine, &nmine, &org, &norg)) != 0)
		return rc;
	for (i = 0; i < nmine; i++)
		fhir_list_add(x->a, out, practitioner_role(&mine[i]), CAT_BASIC);
	for (i = 0; i < norg; i++)
		if (sc->user_id == NULL || strcmp(org[i].user_id, sc->user_id) != 0)
			fhir_list_add(x->a, out, practitioner_role(&org[i]), CAT_BASIC);
	/* The roles the person's staff hold in the organisations they are in
	 * the network for (a role since given up is not there). */
	if ((rc = network_staff(x, sc, &net, &nnet)) != 0)
		return rc;
	for (i = 0; i < nnet; i++) {
		struct membership m;

		if (net[i].org_id == NULL || seen_role(net, i, &net[i]))
			continue;
		rc = store_membership_get(x->s, x->a, net[i].user_id, net[i].org_id, &m);
		if (rc == ERR_NOT_FOUND)
			continue;
		if (rc != 0)
			return rc;
		fhir_list_add(x->a, out, practitioner_role(&m), CAT_BASIC);
	}
	return 0;
}

static const struct fhir_param practitioner_params[] = {
	{"name", FP_STRING, "name", "the start of the name"},
	{"active", FP_TOKEN, "active", "true unless the account is disabled"},
	{NULL, 0, NULL, NULL},
};

static const struct fhir_param role_params[] = {
	{"practitioner", FP_REFERENCE, "practitioner", "the staff member (Practitioner/ID)"},
	{"organization", FP_REFERENCE, "organization", "the organisation (Organization/ID)"},
	{"role", FP_TOKEN, "code", "the role (" FHIR_ROSC ":staff-role)"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_practitioner_kind = {
	.type = "Practitioner", .access = FA_STAFF,
	.collect_staff = collect_practitioners, .params = practitioner_params,
};

const struct fhir_kind fhir_practitionerrole_kind = {
	.type = "PractitionerRole", .access = FA_STAFF,
	.collect_staff = collect_roles, .params = role_params,
};
