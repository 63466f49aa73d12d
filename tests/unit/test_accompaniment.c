/* Someone to come along: the words and checks of a request, a language's
 * name from ICU, who may go along, and what a volunteer's grant lets the
 * store do (read its own requests, write nothing else). */
#include "test.h"

#include <string.h>

#include "access/door.h"
#include "access/grant.h"
#include "base/arena.h"
#include "base/i18n.h"
#include "core/accompaniment.h"
#include "core/actor.h"
#include "policy/person.h"

static void
codes_round_trip(void **state)
{
	enum acc_status s;
	enum acc_outcome o;
	int i;

	(void)state;
	for (i = 0; i < ACC_COUNT; i++) {
		assert_true(acc_status_parse(acc_status_code((enum acc_status)i), &s));
		assert_int_equal(s, i);
	}
	for (i = 0; i < AO_COUNT; i++) {
		assert_true(acc_outcome_parse(acc_outcome_code((enum acc_outcome)i), &o));
		assert_int_equal(o, i);
	}
	assert_false(acc_status_parse("done", &s));
	assert_false(acc_outcome_parse(NULL, &o));
	assert_true(acc_live(ACC_OPEN) && acc_live(ACC_ACCEPTED));
	assert_false(acc_live(ACC_REPORTED) || acc_live(ACC_WITHDRAWN));
}

static void
first_names(void **state)
{
	struct arena a = ARENA_INIT;

	(void)state;
	assert_string_equal(acc_first_name(&a, "Mette Larsen"), "Mette");
	assert_string_equal(acc_first_name(&a, "  Jan Visser"), "Jan");
	assert_string_equal(acc_first_name(&a, "Sam"), "Sam");
	assert_null(acc_first_name(&a, "   "));
	assert_null(acc_first_name(&a, NULL));
	arena_free(&a);
}

static size_t
check(const char *area, const char *meet, const char *lang, struct accompaniment *x,
    struct appt_problem *p)
{
	struct acc_input in = {.area = area, .meet_at = meet, .lang = lang, .share_place = "1"};

	memset(x, 0, sizeof(*x));
	return acc_check_input(&in, "nl", x, p, 8);
}

static void
input_checks(void **state)
{
	char long_area[ACC_AREA_MAX + 2];
	struct accompaniment x;
	struct appt_problem p[8];

	(void)state;
	assert_int_equal(check("Nørrebro", "Ved stationen", NULL, &x, p), 0);
	assert_string_equal(x.area, "Nørrebro");
	assert_string_equal(x.lang, "nl");           /* the default given */
	assert_true(x.share_place);
	assert_false(x.share_phone);                  /* not unless asked */
	assert_int_equal(check("Amager", "", "pl", &x, p), 0);
	assert_null(x.meet_at);
	assert_string_equal(x.lang, "pl");
	assert_int_equal(check("", NULL, NULL, &x, p), 1);
	assert_string_equal(p[0].field, "area");
	assert_string_equal(p[0].code, "required");
	memset(long_area, 'x', sizeof(long_area) - 1);
	long_area[sizeof(long_area) - 1] = '\0';
	assert_int_equal(check(long_area, NULL, "xx", &x, p), 2);
	assert_string_equal(p[0].code, "too_long");
	assert_string_equal(p[1].field, "lang");
	assert_string_equal(p[1].code, "invalid_choice");
	assert_int_equal(check("\xff\xfe", NULL, NULL, &x, p), 1);
	assert_string_equal(p[0].code, "invalid_format");
	/* Exactly at the limit, counted in characters, not bytes. */
	char at[ACC_AREA_MAX * 2 + 1] = "";
	for (int i = 0; i < ACC_AREA_MAX; i++)
		strcat(at, "ø");
	assert_int_equal(check(at, NULL, NULL, &x, p), 0);
}

static void
report_checks(void **state)
{
	enum acc_outcome o;
	const char *code;

	(void)state;
	assert_null(acc_check_report("went_together", NULL, true, &o, &code));
	assert_int_equal(o, AO_WENT_TOGETHER);
	assert_string_equal(acc_check_report("went_together", NULL, false, &o, &code), "outcome");
	assert_string_equal(code, "illegal_transition");
	assert_string_equal(acc_check_report("no_show", NULL, false, &o, &code), "outcome");
	assert_null(acc_check_report("cancelled", NULL, false, &o, &code));
	assert_string_equal(acc_check_report("other", "  ", true, &o, &code), "note");
	assert_string_equal(code, "required");
	assert_null(acc_check_report("other", "We met at the station", false, &o, &code));
	assert_string_equal(acc_check_report("", NULL, true, &o, &code), "outcome");
	assert_string_equal(code, "required");
	assert_string_equal(acc_check_report("maybe", NULL, true, &o, &code), "outcome");
	assert_string_equal(code, "invalid_choice");
}

static void
language_names(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(lang_name("pl", LANG_EN, buf, sizeof(buf)), "Polish");
	assert_string_equal(lang_name("pl", LANG_NL, buf, sizeof(buf)), "Pools");
	assert_string_equal(lang_name("pl", LANG_DA, buf, sizeof(buf)), "polsk");
	assert_string_equal(lang_name("da", LANG_EN, buf, sizeof(buf)), "Danish");
	assert_true(acc_lang_valid("ti") && !acc_lang_valid("xx") && !acc_lang_valid(NULL));
}

static void
who_goes_along(void **state)
{
	struct actor a = {0};

	(void)state;
	a.user.kind = USER_STAFF;
	a.org_id = "org";
	a.role = ROLE_VOLUNTEER;
	assert_true(policy_may_accompany(&a));
	a.role = ROLE_COORDINATOR;
	assert_false(policy_may_accompany(&a));
	a.role = ROLE_VOLUNTEER;
	a.org_id = NULL;
	assert_false(policy_may_accompany(&a));
	a.org_id = "org";
	a.user.disabled_us = 1;
	assert_false(policy_may_accompany(&a));
	a.user.disabled_us = 0;
	a.user.kind = USER_PERSON;
	assert_false(policy_may_accompany(&a));
	assert_false(policy_may_accompany(NULL));
}

static void
a_volunteers_grant(void **state)
{
	struct arena a = ARENA_INIT;
	const struct grant *g = door_command_line_job(&a, "p1", "org", "u1");
	const char *org, *user;
	int c;

	(void)state;
	/* Its own requests only: no category, and no write anywhere else. */
	assert_true(grant_job(g, &org, &user));
	assert_string_equal(org, "org");
	assert_string_equal(user, "u1");
	assert_true(grant_job_writes(g));
	assert_false(grant_writes(g));
	for (c = 0; c < CAT_COUNT; c++)
		assert_false(grant_covers(g, (enum category)c));
	/* Any other grant is no volunteer's. */
	g = door_command_line(&a, "p1");
	assert_false(grant_job(g, &org, &user));
	assert_false(grant_job_writes(g));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes_round_trip),
		cmocka_unit_test(first_names),
		cmocka_unit_test(input_checks),
		cmocka_unit_test(report_checks),
		cmocka_unit_test(language_names),
		cmocka_unit_test(who_goes_along),
		cmocka_unit_test(a_volunteers_grant),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
