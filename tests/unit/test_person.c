#include "test.h"

#include "base/arena.h"
#include "policy/person.h"

static struct actor
staff(const char *org, enum role role)
{
	struct actor a = {0};

	a.user.id = "u-actor";
	a.user.kind = USER_STAFF;
	a.org_id = org;
	a.role = role;
	a.norgs = 1;
	return a;
}

/* The consent matrix, at the door: every category x consent given / not
 * given x home organisation or another x in the network now / before /
 * never x emergency, for staff; and family, the person, sysadmins. */
static void
consent_matrix(void **state)
{
	struct actor prof = staff("o-home", ROLE_PROFESSIONAL);
	struct actor vol = staff("o-other", ROLE_VOLUNTEER);
	struct actor plain = staff("o-home", ROLE_PROFESSIONAL);
	struct decision d;
	int cat, given, home, member, emergency;

	prof.may_break_glass = true;
	vol.may_break_glass = true;     /* given by mistake: a volunteer never may */

	for (cat = 0; cat < CAT_COUNT; cat++)
	for (given = 0; given <= 1; given++)
	for (home = 0; home <= 1; home++)
	for (member = NET_NEVER; member <= NET_CURRENT; member++)
	for (emergency = 0; emergency <= 1; emergency++) {
		struct relation rel = {0};
		bool want;
		unsigned want_status;

		rel.exists = true;
		rel.home_org = home;
		rel.member = (enum net_state)member;
		rel.member_for_org = member == NET_CURRENT;
		rel.consent = given ? CAT_BIT(cat) : 0;
		rel.emergency = emergency;
		want = emergency || (member == NET_CURRENT && (home || given));
		want_status = member == NET_NEVER ? 404 : 403;
		d = policy_person(&prof, &rel, PA_READ, (enum category)cat);
		if (d.allow != want || (!want && d.status != want_status))
			fail_msg("cat %d given %d home %d member %d emergency %d: allow %d status %u",
			    cat, given, home, member, emergency, d.allow, d.status);
		if (d.allow)
			assert_int_equal(d.why, emergency ? WHY_EMERGENCY :
			    home ? WHY_DUTY : WHY_CONSENT);
		/* Without the right to break the glass, emergency access in
		 * force (given before the right was taken away) opens nothing. */
		d = policy_person(&plain, &rel, PA_READ, (enum category)cat);
		assert_int_equal(d.allow, member == NET_CURRENT && (home || given));
		/* A volunteer from another organisation: consent only. */
		rel.home_org = false;
		d = policy_person(&vol, &rel, PA_READ, (enum category)cat);
		want = member == NET_CURRENT && given;
		assert_int_equal(d.allow, want);
	}
}

/* Breaking the glass is for roles with a duty of care whose organisation
 * admin gave them the right, acting for that organisation. */
static void
who_may_break_the_glass(void **state)
{
	static const enum role duty[] = {ROLE_ORG_ADMIN, ROLE_COORDINATOR, ROLE_PROFESSIONAL};
	static const enum role other[] = {ROLE_PEER_WORKER, ROLE_VOLUNTEER, ROLE_NONE};
	struct actor a, family = {0};
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		a = staff("o-clinic", duty[i]);
		assert_false(policy_may_break_glass(&a));
		a.may_break_glass = true;
		assert_true(policy_may_break_glass(&a));
		a.org_id = NULL;
		assert_false(policy_may_break_glass(&a));
		a = staff("o-clinic", other[i]);
		a.may_break_glass = true;
		assert_false(policy_may_break_glass(&a));
	}
	family.user.kind = USER_FAMILY;
	family.may_break_glass = true;
	assert_false(policy_may_break_glass(&family));
	assert_false(policy_may_break_glass(NULL));

	/* And a second factor confirmed at this sign-in: a session's, never an
	 * API token's. */
	a = staff("o-clinic", ROLE_PROFESSIONAL);
	a.may_break_glass = true;
	a.session_hash = "h";
	assert_false(policy_glass_factor_ok(&a));
	a.second_factor_us = 1;
	assert_true(policy_glass_factor_ok(&a));
	a.session_hash = NULL;
	a.token_id = "t";
	assert_false(policy_glass_factor_ok(&a));
	assert_false(policy_glass_factor_ok(NULL));
}

static void
consent_for_one_category_only(void **state)
{
	struct actor housing = staff("o-housing", ROLE_PROFESSIONAL);
	struct relation rel = {0};

	rel.exists = true;
	rel.member = NET_CURRENT;
	rel.member_for_org = true;
	rel.consent = CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_PLAN);
	assert_true(policy_person(&housing, &rel, PA_READ, CAT_PLAN).allow);
	assert_false(policy_person(&housing, &rel, PA_READ, CAT_SUBSTANCE).allow);
	assert_int_equal(policy_person(&housing, &rel, PA_READ, CAT_SUBSTANCE).status, 403);
	assert_false(policy_person(&housing, &rel, PA_READ, CAT_NOTES).allow);
	/* Consent to read notes lets staff write one; never to manage. */
	rel.consent |= CAT_BIT(CAT_NOTES);
	assert_true(policy_person(&housing, &rel, PA_WRITE_NOTE, CAT_NOTES).allow);
	/* Consent to the plan lets network staff co-write it. */
	assert_true(policy_person(&housing, &rel, PA_EDIT_PLAN, CAT_PLAN).allow);
	assert_false(policy_person(&housing, &rel, PA_EDIT_PLAN, CAT_SUBSTANCE).allow);
	assert_false(policy_person(&housing, &rel, PA_MANAGE_NETWORK, CAT_BASIC).allow);
	assert_false(policy_person(&housing, &rel, PA_EDIT_RECORD, CAT_BASIC).allow);
	assert_false(policy_person(&housing, &rel, PA_MANAGE_CONSENT, CAT_BASIC).allow);
	/* An organisation's consent is for its staff in the network only. */
	rel.member_for_org = false;
	assert_false(policy_person(&housing, &rel, PA_READ, CAT_PLAN).allow);
	assert_int_equal(policy_person(&housing, &rel, PA_READ, CAT_PLAN).status, 403);
	rel.member = NET_NEVER;
	assert_int_equal(policy_person(&housing, &rel, PA_READ, CAT_PLAN).status, 404);
}

/* The organisation a referral was sent to: its staff (not volunteers)
 * answer it and read exactly what the person shared with it; nothing
 * else, and nothing once the referral is no longer open. */
static void
receiving_organisation(void **state)
{
	static const enum role staff_roles[] = {ROLE_ORG_ADMIN, ROLE_COORDINATOR,
		ROLE_PROFESSIONAL, ROLE_PEER_WORKER};
	struct actor vol = staff("o-recv", ROLE_VOLUNTEER), family = {0}, a;
	struct relation rel = {0};
	size_t i;
	int cat, act;

	(void)state;
	rel.exists = true;
	rel.referral_in = true;
	rel.consent = CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_PLAN);
	for (i = 0; i < 4; i++) {
		a = staff("o-recv", staff_roles[i]);
		assert_true(policy_receives_referral(&a, &rel));
		assert_true(policy_person(&a, &rel, PA_ANSWER_REFERRAL, CAT_BASIC).allow);
		for (cat = 0; cat < CAT_COUNT; cat++) {
			struct decision d = policy_person(&a, &rel, PA_READ, (enum category)cat);

			assert_int_equal(d.allow, (rel.consent & CAT_BIT(cat)) != 0);
			if (d.allow)
				assert_int_equal(d.why, WHY_CONSENT);
			else
				assert_int_equal(d.status, 403);
			/* Reading only: no notes, no plan edits, no record. */
			for (act = PA_WRITE_NOTE; act <= PA_EDIT_PLAN; act++)
				assert_false(policy_person(&a, &rel, (enum person_action)act,
				    (enum category)cat).allow);
		}
	}
	/* Volunteers and family are not the organisation answering. */
	assert_false(policy_receives_referral(&vol, &rel));
	assert_false(policy_person(&vol, &rel, PA_ANSWER_REFERRAL, CAT_BASIC).allow);
	assert_false(policy_person(&vol, &rel, PA_READ, CAT_BASIC).allow);
	family.user.kind = USER_FAMILY;
	assert_false(policy_person(&family, &rel, PA_ANSWER_REFERRAL, CAT_BASIC).allow);
	assert_false(policy_person(&family, &rel, PA_READ, CAT_BASIC).allow);
	/* Once the referral is closed: nothing, as for a stranger. */
	a = staff("o-recv", ROLE_PROFESSIONAL);
	rel.referral_in = false;
	assert_false(policy_person(&a, &rel, PA_ANSWER_REFERRAL, CAT_BASIC).allow);
	assert_false(policy_person(&a, &rel, PA_READ, CAT_BASIC).allow);
	assert_int_equal(policy_person(&a, &rel, PA_READ, CAT_BASIC).status, 404);
	/* Without consent (the referral open): answering still, reading not. */
	rel.referral_in = true;
	rel.consent = 0;
	assert_true(policy_person(&a, &rel, PA_ANSWER_REFERRAL, CAT_BASIC).allow);
	assert_false(policy_person(&a, &rel, PA_READ, CAT_BASIC).allow);
	/* The person answers no referral of their own. */
	rel.is_self = true;
	assert_false(policy_person(&a, &rel, PA_ANSWER_REFERRAL, CAT_BASIC).allow);
}

static void
family_self_and_others(void **state)
{
	struct actor family = {0}, self = {0}, admin = {0}, coord = staff("o-home", ROLE_COORDINATOR);
	struct actor peer = staff("o-home", ROLE_PEER_WORKER);
	struct relation rel = {0};

	family.user.id = "u-fam";
	family.user.kind = USER_FAMILY;
	rel.exists = true;
	rel.member = NET_CURRENT;
	rel.member_family = true;
	rel.consent = CAT_BIT(CAT_BASIC);
	assert_true(policy_person(&family, &rel, PA_READ, CAT_BASIC).allow);
	assert_int_equal(policy_person(&family, &rel, PA_READ, CAT_BASIC).why, WHY_CONSENT);
	assert_false(policy_person(&family, &rel, PA_READ, CAT_PLAN).allow);
	assert_false(policy_person(&family, &rel, PA_WRITE_NOTE, CAT_BASIC).allow);
	assert_false(policy_person(&family, &rel, PA_EDIT_PLAN, CAT_BASIC).allow);
	rel.emergency = true;          /* emergency access is for staff only */
	assert_false(policy_person(&family, &rel, PA_READ, CAT_PLAN).allow);

	self.user.id = "u-self";
	self.user.kind = USER_PERSON;
	memset(&rel, 0, sizeof(rel));
	rel.exists = true;
	rel.is_self = true;
	assert_true(policy_person(&self, &rel, PA_READ, CAT_NOTES).allow);
	assert_int_equal(policy_person(&self, &rel, PA_READ, CAT_NOTES).why, WHY_OWN);
	assert_true(policy_person(&self, &rel, PA_MANAGE_CONSENT, CAT_PLAN).allow);
	assert_true(policy_person(&self, &rel, PA_EDIT_RECORD, CAT_BASIC).allow);
	assert_true(policy_person(&self, &rel, PA_EDIT_PLAN, CAT_SUBSTANCE).allow);
	assert_false(policy_person(&self, &rel, PA_WRITE_NOTE, CAT_NOTES).allow);
	assert_null(why_code(WHY_OWN));

	/* A system admin manages accounts, not records. */
	admin.user.id = "u-admin";
	admin.user.kind = USER_STAFF;
	admin.user.sysadmin = true;
	memset(&rel, 0, sizeof(rel));
	rel.exists = true;
	assert_int_equal(policy_person(&admin, &rel, PA_READ, CAT_BASIC).status, 404);

	/* Home-organisation duty: coordinators manage the network; a peer
	 * worker reads but does not manage. */
	rel.member = NET_CURRENT;
	rel.member_for_org = true;
	rel.home_org = true;
	assert_true(policy_person(&coord, &rel, PA_MANAGE_NETWORK, CAT_BASIC).allow);
	assert_true(policy_person(&peer, &rel, PA_READ, CAT_SUBSTANCE).allow);
	assert_false(policy_person(&peer, &rel, PA_MANAGE_NETWORK, CAT_BASIC).allow);

	/* Missing, disabled, nobody: 404. */
	rel.exists = false;
	assert_int_equal(policy_person(&coord, &rel, PA_READ, CAT_BASIC).status, 404);
	rel.exists = true;
	coord.user.disabled_us = 1;
	assert_false(policy_person(&coord, &rel, PA_READ, CAT_BASIC).allow);
	assert_false(policy_person(NULL, &rel, PA_READ, CAT_BASIC).allow);
	assert_false(policy_person(&peer, &rel, PA_READ, (enum category)99).allow);
}

static void
names(void **state)
{
	struct arena a = ARENA_INIT;
	static const char *order[] = {"Ahmed", "anders", "Zoe", "Æbelø", "ærø", "Ørsted",
	    "Østergaard", "ågård", "Åse"};
	size_t i;

	assert_string_equal(person_name_key(&a, "ÆRØ Østergaard ÅSE"), "ærø østergaard åse");
	assert_string_equal(person_name_key(&a, "Bram van IJzendoorn"), "bram van ijzendoorn");
	assert_string_equal(person_name_key(&a, "Zeynep Yılmaz"), "zeynep yılmaz");
	for (i = 1; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(person_name_sort(&a, order[i - 1]), person_name_sort(&a, order[i])) >= 0)
			fail_msg("\"%s\" should sort before \"%s\"", order[i - 1], order[i]);
	assert_string_equal(national_id_masked(&a, "010190-1234"), "•••• 1234");
	assert_null(national_id_masked(&a, NULL));
	arena_free(&a);
}

static void
codes(void **state)
{
	enum category c;
	enum net_role r;
	int i;

	for (i = 0; i < CAT_COUNT; i++) {
		assert_true(category_parse(category_code((enum category)i), &c));
		assert_int_equal(c, i);
	}
	assert_false(category_parse("everything", &c));
	for (i = 0; i < NET_ROLE_COUNT; i++) {
		assert_true(net_role_parse(net_role_code((enum net_role)i), &r));
		assert_int_equal(r, i);
	}
	assert_false(net_role_parse(NULL, &r));
}

/* Coaching sessions: only a peer worker in the network now, acting for
 * the organisation of their place, may log one; never the person, other
 * staff, family, a former member or someone outside. */
static void
who_may_log_coaching(void **state)
{
	struct actor peer = staff("o-peers", ROLE_PEER_WORKER);
	struct actor coord = staff("o-peers", ROLE_COORDINATOR);
	struct actor fam = {0};
	struct relation rel = {0};

	(void)state;
	fam.user.id = "u-fam";
	fam.user.kind = USER_FAMILY;
	rel.exists = true;
	rel.member = NET_CURRENT;
	rel.member_for_org = true;
	assert_true(policy_may_write_coaching(&peer, &rel));
	assert_false(policy_may_write_coaching(&coord, &rel));
	rel.member_family = true;
	assert_false(policy_may_write_coaching(&fam, &rel));
	rel.member_family = false;
	rel.member_for_org = false;            /* in it for another organisation */
	assert_false(policy_may_write_coaching(&peer, &rel));
	rel.member_for_org = true;
	rel.member = NET_PAST;
	assert_false(policy_may_write_coaching(&peer, &rel));
	rel.member = NET_CURRENT;
	peer.user.disabled_us = 1;
	assert_false(policy_may_write_coaching(&peer, &rel));
	peer.user.disabled_us = 0;
	rel.is_self = true;
	assert_false(policy_may_write_coaching(&peer, &rel));
	rel.is_self = false;
	rel.exists = false;
	assert_false(policy_may_write_coaching(&peer, &rel));
	assert_false(policy_may_write_coaching(NULL, &rel));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(consent_matrix),
		cmocka_unit_test(who_may_break_the_glass),
		cmocka_unit_test(consent_for_one_category_only),
		cmocka_unit_test(receiving_organisation),
		cmocka_unit_test(family_self_and_others),
		cmocka_unit_test(names),
		cmocka_unit_test(codes),
		cmocka_unit_test(who_may_log_coaching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
