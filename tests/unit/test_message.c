/* Messages: the checks on a message and a subject, unread counts per
 * participant, the notice that says nothing of the message, and who may
 * take part (policy_may_message()). */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "core/actor.h"
#include "core/message.h"
#include "policy/person.h"

static void
bodies(void **state)
{
	char big[MESSAGE_MAX * 2 + 8];

	(void)state;
	assert_null(message_check_body("Hej Karin"));
	assert_null(message_check_body("Two lines\r\nand a\ttab"));
	assert_string_equal(message_check_body(NULL), "required");
	assert_string_equal(message_check_body(""), "required");
	assert_string_equal(message_check_body(" \r\n\t "), "required");
	assert_string_equal(message_check_body("bad \xff byte"), "invalid_format");
	assert_string_equal(message_check_body("a bell \a"), "invalid_format");
	assert_string_equal(message_check_body("\xc3\x28"), "invalid_format");
	/* Characters, not bytes: MESSAGE_MAX times "ø" is fine, one more is not. */
	memset(big, 0, sizeof(big));
	for (size_t i = 0; i < MESSAGE_MAX; i++)
		memcpy(big + 2 * i, "\xc3\xb8", 2);
	assert_null(message_check_body(big));
	memcpy(big + 2 * MESSAGE_MAX, "x", 2);
	assert_string_equal(message_check_body(big), "too_long");
}

static void
subjects(void **state)
{
	char big[MESSAGE_SUBJECT_MAX + 2];

	(void)state;
	assert_null(message_check_subject("Min første uge"));
	assert_string_equal(message_check_subject(""), "required");
	assert_string_equal(message_check_subject("   "), "required");
	assert_string_equal(message_check_subject("two\nlines"), "invalid_format");
	assert_string_equal(message_check_subject("tab\there"), "invalid_format");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_string_equal(message_check_subject(big), "too_long");
	big[sizeof(big) - 2] = '\0';
	assert_null(message_check_subject(big));
}

static void
unread(void **state)
{
	(void)state;
	/* Each participant has their own mark: the same thread counts
	 * differently for each. */
	assert_int_equal(message_unread(3, 2), 1);
	assert_int_equal(message_unread(3, 3), 0);
	assert_int_equal(message_unread(3, 0), 3);
	assert_int_equal(message_unread(1, 0), 1);
	/* A mark never makes a count below nothing. */
	assert_int_equal(message_unread(2, 5), 0);
}

static void
notice(void **state)
{
	struct arena a = ARENA_INIT;
	const char *subject, *body;
	enum lang l;

	(void)state;
	for (l = 0; l < LANG_COUNT; l++) {
		i18n_use(l);
		message_notice(&a, "https://rosc.example.org", &subject, &body);
		assert_non_null(strstr(body, "https://rosc.example.org/signin"));
		assert_true(strlen(subject) > 0);
		assert_null(strchr(subject, '\n'));
	}
	i18n_use(LANG_EN);
	message_notice(&a, "https://rosc.example.org", &subject, &body);
	assert_string_equal(subject, "You have a new message in rosc");
	arena_free(&a);
}

static struct actor
staff(enum role role)
{
	struct actor a;

	memset(&a, 0, sizeof(a));
	a.user.id = "u";
	a.user.kind = USER_STAFF;
	a.org_id = "o";
	a.role = role;
	return a;
}

static void
who_may_take_part(void **state)
{
	struct actor karin = staff(ROLE_COORDINATOR), family;
	struct relation rel;
	struct decision d;

	(void)state;
	memset(&family, 0, sizeof(family));
	family.user.id = "f";
	family.user.kind = USER_FAMILY;

	/* The person, always. */
	memset(&rel, 0, sizeof(rel));
	rel.exists = rel.is_self = true;
	assert_true(policy_may_message(&karin, &rel).allow);

	/* Another organisation's coordinator in the network: only with
	 * consent to notes. */
	memset(&rel, 0, sizeof(rel));
	rel.exists = true;
	rel.member = NET_CURRENT;
	rel.member_for_org = true;
	rel.consent = CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_PLAN);
	d = policy_may_message(&karin, &rel);
	assert_false(d.allow);
	assert_int_equal(d.status, 404);
	rel.consent |= CAT_BIT(CAT_NOTES);
	d = policy_may_message(&karin, &rel);
	assert_true(d.allow);
	assert_int_equal(d.why, WHY_CONSENT);

	/* The home organisation's staff by duty. */
	rel.consent = 0;
	rel.home_org = true;
	d = policy_may_message(&karin, &rel);
	assert_true(d.allow);
	assert_int_equal(d.why, WHY_DUTY);

	/* Who left the network: gone, consent or not, and a 404, not a 403. */
	rel.member = NET_PAST;
	rel.member_for_org = false;
	rel.consent = CAT_ALL;
	d = policy_may_message(&karin, &rel);
	assert_false(d.allow);
	assert_int_equal(d.status, 404);

	/* Emergency access or a referral received opens no messages. */
	rel.member = NET_NEVER;
	rel.home_org = false;
	rel.emergency = true;
	rel.referral_in = true;
	karin.may_break_glass = true;
	assert_false(policy_may_message(&karin, &rel).allow);

	/* Family in the network, with consent to notes, may write too. */
	memset(&rel, 0, sizeof(rel));
	rel.exists = true;
	rel.member = NET_CURRENT;
	rel.member_family = true;
	assert_false(policy_may_message(&family, &rel).allow);
	rel.consent = CAT_BIT(CAT_NOTES);
	assert_true(policy_may_message(&family, &rel).allow);

	/* A disabled account, or a person who does not exist: nothing. */
	family.user.disabled_us = 1;
	assert_false(policy_may_message(&family, &rel).allow);
	rel.exists = false;
	assert_false(policy_may_message(&karin, &rel).allow);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bodies),
		cmocka_unit_test(subjects),
		cmocka_unit_test(unread),
		cmocka_unit_test(notice),
		cmocka_unit_test(who_may_take_part),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
