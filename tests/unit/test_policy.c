#include "test.h"

#include "policy/policy.h"

static struct actor
make(enum user_kind kind, bool sysadmin, const char *org, enum role role, size_t norgs)
{
	struct actor a = {0};

	a.user.id = "u-self";
	a.user.kind = kind;
	a.user.sysadmin = sysadmin;
	a.org_id = org;
	a.role = role;
	a.norgs = norgs;
	return a;
}

/* Every access level x every kind of actor. */
static void
route_levels(void **state)
{
	struct actor person = make(USER_PERSON, false, NULL, ROLE_NONE, 0);
	struct actor family = make(USER_FAMILY, false, NULL, ROLE_NONE, 0);
	struct actor volunteer = make(USER_STAFF, false, "o1", ROLE_VOLUNTEER, 1);
	struct actor coordinator = make(USER_STAFF, false, "o1", ROLE_COORDINATOR, 1);
	struct actor org_admin = make(USER_STAFF, false, "o1", ROLE_ORG_ADMIN, 1);
	struct actor unchosen = make(USER_STAFF, false, NULL, ROLE_NONE, 2);
	struct actor orphan = make(USER_STAFF, false, NULL, ROLE_NONE, 0);
	struct actor sysadmin = make(USER_STAFF, true, NULL, ROLE_NONE, 0);
	struct actor disabled = make(USER_STAFF, true, "o1", ROLE_ORG_ADMIN, 1);
	const struct {
		const struct actor *a;
		enum verdict anyone, signed_in, staff, org_admin, sysadmin;
	} t[] = {
		{NULL, VERDICT_ALLOW, VERDICT_SIGN_IN, VERDICT_SIGN_IN, VERDICT_SIGN_IN, VERDICT_SIGN_IN},
		{&person, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_DENY, VERDICT_DENY, VERDICT_DENY},
		{&family, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_DENY, VERDICT_DENY, VERDICT_DENY},
		{&volunteer, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_DENY, VERDICT_DENY},
		{&coordinator, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_DENY, VERDICT_DENY},
		{&org_admin, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_DENY},
		{&unchosen, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_CHOOSE_ORG, VERDICT_CHOOSE_ORG, VERDICT_DENY},
		{&orphan, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_DENY, VERDICT_DENY, VERDICT_DENY},
		{&sysadmin, VERDICT_ALLOW, VERDICT_ALLOW, VERDICT_DENY, VERDICT_ALLOW, VERDICT_ALLOW},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(policy_route(t[i].a, ACCESS_ANYONE), t[i].anyone);
		assert_int_equal(policy_route(t[i].a, ACCESS_SIGNED_IN), t[i].signed_in);
		assert_int_equal(policy_route(t[i].a, ACCESS_STAFF), t[i].staff);
		assert_int_equal(policy_route(t[i].a, ACCESS_ORG_ADMIN), t[i].org_admin);
		assert_int_equal(policy_route(t[i].a, ACCESS_SYSADMIN), t[i].sysadmin);
	}
	/* A disabled account gets nothing that needs an account. */
	disabled.user.disabled_us = 1;
	assert_int_equal(policy_route(&disabled, ACCESS_SIGNED_IN), VERDICT_SIGN_IN);
	assert_int_equal(policy_route(&disabled, ACCESS_SYSADMIN), VERDICT_SIGN_IN);
	/* Deny by default: an unknown level. */
	assert_int_equal(policy_route(&sysadmin, (enum access)99), VERDICT_DENY);
}

static void
members_and_users(void **state)
{
	struct actor org_admin = make(USER_STAFF, false, "o1", ROLE_ORG_ADMIN, 1);
	struct actor coordinator = make(USER_STAFF, false, "o1", ROLE_COORDINATOR, 1);
	struct actor sysadmin = make(USER_STAFF, true, NULL, ROLE_NONE, 0);

	assert_true(policy_may_manage_members(&org_admin, "o1"));
	assert_false(policy_may_manage_members(&org_admin, "o2"));
	assert_false(policy_may_manage_members(&coordinator, "o1"));
	assert_true(policy_may_manage_members(&sysadmin, "o2"));
	assert_false(policy_may_manage_members(NULL, "o1"));

	/* target in my org only / also elsewhere / a sysadmin / myself */
	assert_true(policy_may_manage_user(&org_admin, "u-other", true, false, false));
	assert_false(policy_may_manage_user(&org_admin, "u-other", true, true, false));
	assert_false(policy_may_manage_user(&org_admin, "u-other", false, false, false));
	assert_false(policy_may_manage_user(&org_admin, "u-other", true, false, true));
	assert_false(policy_may_manage_user(&org_admin, "u-self", true, false, false));
	assert_false(policy_may_manage_user(&coordinator, "u-other", true, false, false));
	assert_true(policy_may_manage_user(&sysadmin, "u-other", false, true, true));
	assert_false(policy_may_manage_user(&sysadmin, "u-self", false, false, true));
	assert_false(policy_may_manage_user(NULL, "u-other", true, false, false));

	/* An organisation admin does not change their own role. */
	assert_true(policy_may_change_membership(&org_admin, "o1", "u-other"));
	assert_false(policy_may_change_membership(&org_admin, "o1", "u-self"));
	assert_false(policy_may_change_membership(&org_admin, "o2", "u-other"));
	assert_false(policy_may_change_membership(&coordinator, "o1", "u-other"));
	assert_true(policy_may_change_membership(&sysadmin, "o1", "u-self"));
	assert_false(policy_may_change_membership(&org_admin, "o1", NULL));

	assert_true(policy_may_manage_orgs(&sysadmin));
	assert_false(policy_may_manage_orgs(&org_admin));
	assert_true(policy_may_read_audit(&sysadmin));
	assert_false(policy_may_read_audit(&org_admin));
	assert_false(policy_may_read_audit(NULL));
}

/* The directory: admins of the managing organisation edit; they and its
 * coordinators and professionals update the places free; nobody else. */
static void
directory_services(void **state)
{
	static const struct {
		enum user_kind kind;
		bool sysadmin;
		const char *org;
		enum role role;
		bool edit, capacity;
	} rows[] = {
		{USER_STAFF, false, "o1", ROLE_ORG_ADMIN, true, true},
		{USER_STAFF, false, "o1", ROLE_COORDINATOR, false, true},
		{USER_STAFF, false, "o1", ROLE_PROFESSIONAL, false, true},
		{USER_STAFF, false, "o1", ROLE_PEER_WORKER, false, false},
		{USER_STAFF, false, "o1", ROLE_VOLUNTEER, false, false},
		{USER_STAFF, false, "o2", ROLE_ORG_ADMIN, false, false},   /* another org */
		{USER_STAFF, false, NULL, ROLE_NONE, false, false},        /* none chosen */
		{USER_STAFF, true, NULL, ROLE_NONE, false, false},         /* a sysadmin */
		{USER_PERSON, false, NULL, ROLE_NONE, false, false},
		{USER_FAMILY, false, NULL, ROLE_NONE, false, false},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct actor a = make(rows[i].kind, rows[i].sysadmin, rows[i].org, rows[i].role, 1);

		assert_int_equal(policy_may_edit_service(&a, "o1"), rows[i].edit);
		assert_int_equal(policy_may_update_capacity(&a, "o1"), rows[i].capacity);
		/* a directory organisation nobody in rosc runs */
		assert_false(policy_may_edit_service(&a, NULL));
		assert_false(policy_may_update_capacity(&a, NULL));
		a.user.disabled_us = 1;
		assert_false(policy_may_edit_service(&a, "o1"));
		assert_false(policy_may_update_capacity(&a, "o1"));
	}
	assert_false(policy_may_edit_service(NULL, "o1"));
	assert_false(policy_may_update_capacity(NULL, "o1"));
}

/* Pathway templates and their reports: the acting organisation's admins. */
static void
pathway_templates(void **state)
{
	static const struct {
		enum user_kind kind;
		bool sysadmin;
		const char *org;
		enum role role;
		bool edit;
	} rows[] = {
		{USER_STAFF, false, "o1", ROLE_ORG_ADMIN, true},
		{USER_STAFF, false, "o1", ROLE_COORDINATOR, false},
		{USER_STAFF, false, "o1", ROLE_PROFESSIONAL, false},
		{USER_STAFF, false, "o1", ROLE_PEER_WORKER, false},
		{USER_STAFF, false, "o1", ROLE_VOLUNTEER, false},
		{USER_STAFF, false, "o2", ROLE_ORG_ADMIN, false},   /* another org */
		{USER_STAFF, false, NULL, ROLE_NONE, false},        /* none chosen */
		{USER_STAFF, true, NULL, ROLE_NONE, false},         /* a sysadmin: no org */
		{USER_PERSON, false, NULL, ROLE_NONE, false},
		{USER_FAMILY, false, NULL, ROLE_NONE, false},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct actor a = make(rows[i].kind, rows[i].sysadmin, rows[i].org, rows[i].role, 1);

		assert_int_equal(policy_may_edit_pathways(&a, "o1"), rows[i].edit);
		assert_false(policy_may_edit_pathways(&a, NULL));
		a.user.disabled_us = 1;
		assert_false(policy_may_edit_pathways(&a, "o1"));
	}
	assert_false(policy_may_edit_pathways(NULL, "o1"));
}

/* Peer groups: who runs an organisation's groups, who may facilitate,
 * and that only the facilitator, acting for that organisation, is one. */
static void
peer_groups(void **state)
{
	static const struct {
		enum user_kind kind;
		bool sysadmin;
		const char *org;
		enum role role;
		bool run, facilitate;
	} rows[] = {
		{USER_STAFF, false, "o1", ROLE_ORG_ADMIN, true, true},
		{USER_STAFF, false, "o1", ROLE_COORDINATOR, true, true},
		{USER_STAFF, false, "o1", ROLE_PROFESSIONAL, false, true},
		{USER_STAFF, false, "o1", ROLE_PEER_WORKER, true, true},
		{USER_STAFF, false, "o1", ROLE_VOLUNTEER, false, false},
		{USER_STAFF, false, "o2", ROLE_PEER_WORKER, false, false}, /* another org */
		{USER_STAFF, false, NULL, ROLE_NONE, false, false},
		{USER_STAFF, true, NULL, ROLE_NONE, false, false},         /* a sysadmin */
		{USER_PERSON, false, NULL, ROLE_NONE, false, false},
		{USER_FAMILY, false, NULL, ROLE_NONE, false, false},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct actor a = make(rows[i].kind, rows[i].sysadmin, rows[i].org, rows[i].role, 1);

		assert_int_equal(policy_may_run_groups(&a, "o1"), rows[i].run);
		assert_int_equal(policy_is_facilitator(&a, "o1", "u-self"), rows[i].facilitate);
		/* Someone else's group, or none. */
		assert_false(policy_is_facilitator(&a, "o1", "u-other"));
		assert_false(policy_is_facilitator(&a, "o1", NULL));
		assert_false(policy_may_run_groups(&a, NULL));
		a.user.disabled_us = 1;
		assert_false(policy_may_run_groups(&a, "o1"));
		assert_false(policy_is_facilitator(&a, "o1", "u-self"));
	}
	assert_false(policy_may_run_groups(NULL, "o1"));
	assert_false(policy_is_facilitator(NULL, "o1", "u-self"));
	assert_false(policy_may_be_facilitator(ROLE_VOLUNTEER));
	assert_true(policy_may_be_facilitator(ROLE_PEER_WORKER));
}

/* Whose staff accounts one sees: one's own (staff only), the
 * organisation one acts for, a person the staff of their own network;
 * family and the disabled none. */
static void
staff_scope(void **state)
{
	struct actor person = make(USER_PERSON, false, NULL, ROLE_NONE, 0);
	struct actor family = make(USER_FAMILY, false, NULL, ROLE_NONE, 0);
	struct actor volunteer = make(USER_STAFF, false, "o1", ROLE_VOLUNTEER, 1);
	struct actor unchosen = make(USER_STAFF, false, NULL, ROLE_NONE, 2);
	struct actor disabled = make(USER_STAFF, false, "o1", ROLE_ORG_ADMIN, 1);
	const char *org;
	bool self, own;

	(void)state;
	disabled.user.disabled_us = 1;
	assert_false(policy_staff_scope(NULL, &self, &org, &own));
	assert_true(policy_staff_scope(&person, &self, &org, &own));
	assert_false(self);
	assert_null(org);
	assert_true(own);
	assert_false(policy_staff_scope(&family, &self, &org, &own));
	assert_false(own);
	assert_false(policy_staff_scope(&disabled, &self, &org, &own));
	assert_true(policy_staff_scope(&volunteer, &self, &org, &own));
	assert_true(self);
	assert_false(own);
	assert_string_equal(org, "o1");
	assert_true(policy_staff_scope(&unchosen, &self, &org, &own));
	assert_true(self);
	assert_null(org);
	person.user.disabled_us = 1;
	assert_false(policy_staff_scope(&person, &self, &org, &own));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(route_levels),
		cmocka_unit_test(members_and_users),
		cmocka_unit_test(directory_services),
		cmocka_unit_test(pathway_templates),
		cmocka_unit_test(peer_groups),
		cmocka_unit_test(staff_scope),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
