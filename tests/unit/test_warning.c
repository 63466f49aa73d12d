/* Early-warning rules: the shipped set reads; each kind fires exactly at
 * its threshold and not one step below; a rule keeps its words and
 * values through JSON; due dates in working days; bad rule sets refused
 * with every problem named. */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/embedded.h"
#include "base/i18n.h"
#include "core/warning.h"

#define DAY (INT64_C(86400) * 1000000)
#define NOW (INT64_C(1800000000) * 1000000)

static struct warn_rules shipped;
static struct arena keep = ARENA_INIT;

static const struct warn_rule *
rule(const char *code)
{
	size_t i;

	for (i = 0; i < shipped.n; i++)
		if (strcmp(shipped.rules[i].code, code) == 0)
			return &shipped.rules[i];
	fail_msg("no rule %s", code);
	return NULL;
}

static int
setup(void **state)
{
	struct jr_problem p[8];
	size_t n;

	(void)state;
	n = warn_parse(&keep, (const char *)warning_rules_shipped[0].data,
	    warning_rules_shipped[0].len, &shipped, p, 8);
	if (n > 0)
		fprintf(stderr, "%s: %s\n", p[0].path, p[0].code);
	return n == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&keep);
	return 0;
}

static void
shipped_set(void **state)
{
	(void)state;
	assert_int_equal(shipped.n, 10);
	assert_int_equal(rule("craving-high")->threshold, 8);
	assert_int_equal(rule("craving-high")->times, 2);
	assert_int_equal(rule("craving-high")->within_days, 7);
	assert_string_equal(rule("who5-low")->questionnaire, "who-5");
	assert_int_equal(rule("who5-low")->threshold, 28);
	assert_int_equal(rule("who5-drop")->threshold, 10);
	assert_int_equal(rule("barc10-drop")->threshold, 5);
	assert_int_equal(rule("help-now")->due_hours, 2);
	assert_int_equal(rule("use-reported")->due_working_days, 2);
	assert_int_equal(warn_kind_category(rule("use-reported")->kind), CAT_SUBSTANCE);
	assert_int_equal(warn_kind_category(rule("craving-high")->kind), CAT_QUESTIONNAIRES);
	assert_int_equal(warn_kind_category(rule("appointment-missed")->kind), CAT_APPOINTMENTS);
	assert_int_equal(rule("checkup-missed")->threshold, 7);
	assert_int_equal(warn_kind_category(rule("checkup-missed")->kind), CAT_QUESTIONNAIRES);
}

static bool
fires(const char *code, const struct warn_facts *f, struct warn_hit *h)
{
	return warn_eval(rule(code), f, h);
}

static void
use_reported(void **state)
{
	struct warn_checkin c[] = {{NOW - DAY, 3, 0}, {NOW - 2 * DAY, 3, -1}};
	struct warn_facts f = {.now_us = NOW, .checkins = c, .ncheckins = 2};
	struct warn_hit h;

	(void)state;
	/* None, or skipped: nothing. A little: it fires, on that check-in. */
	assert_false(fires("use-reported", &f, &h));
	c[1].use = 1;
	assert_true(fires("use-reported", &f, &h));
	assert_int_equal(h.evidence_us, NOW - 2 * DAY);
	c[0].use = 2;
	assert_true(fires("use-reported", &f, &h));
	assert_int_equal(h.evidence_us, NOW - DAY);
	assert_int_equal(h.value, 2);
}

static void
craving_twice_in_a_week(void **state)
{
	struct warn_checkin c[] = {{NOW, 8, 0}, {NOW - 3 * DAY, 2, 0}, {NOW - 7 * DAY, 8, 0}};
	struct warn_facts f = {.now_us = NOW, .checkins = c, .ncheckins = 3};
	struct warn_hit h;

	(void)state;
	/* 8 and 8, exactly seven days apart: it fires. */
	assert_true(fires("craving-high", &f, &h));
	assert_int_equal(h.evidence_us, NOW);
	assert_int_equal(h.value, 8);
	/* One below the threshold: no. */
	c[2].craving = 7;
	assert_false(fires("craving-high", &f, &h));
	/* 8 and 8, a moment more than seven days apart: no. */
	c[2].craving = 8;
	c[2].at_us = NOW - 7 * DAY - 1;
	assert_false(fires("craving-high", &f, &h));
	/* Once alone is not twice. */
	c[2].craving = 0;
	assert_false(fires("craving-high", &f, &h));
	/* Craving not given counts for nothing. */
	c[1].craving = -1;
	assert_false(fires("craving-high", &f, &h));
	/* An older pair still fires, on its newer check-in. */
	c[0].craving = 3;
	c[1].craving = 9;
	c[1].at_us = NOW - 3 * DAY;
	c[2].craving = 10;
	c[2].at_us = NOW - 5 * DAY;
	assert_true(fires("craving-high", &f, &h));
	assert_int_equal(h.evidence_us, NOW - 3 * DAY);
}

static void
scores(void **state)
{
	struct warn_score s[] = {{"who-5", NOW, 28}, {"barc-10", NOW - DAY, 40},
		{"who-5", NOW - 30 * DAY, 38}, {"barc-10", NOW - 90 * DAY, 45}};
	struct warn_facts f = {.now_us = NOW, .scores = s, .nscores = 4};
	struct warn_hit h;

	(void)state;
	/* WHO-5 at 28: low. At 29 (one above): not. */
	assert_true(fires("who5-low", &f, &h));
	assert_int_equal(h.value, 28);
	assert_int_equal(h.evidence_us, NOW);
	s[0].score = 29;
	assert_false(fires("who5-low", &f, &h));
	/* 38 to 28: a drop of 10 fires; 38 to 29 (9) does not. */
	s[0].score = 28;
	assert_true(fires("who5-drop", &f, &h));
	assert_int_equal(h.previous, 38);
	assert_int_equal(h.value, 28);
	s[0].score = 29;
	assert_false(fires("who5-drop", &f, &h));
	/* BARC-10 45 to 40: a fall of 5 fires; to 41 (4) does not. */
	assert_true(fires("barc10-drop", &f, &h));
	assert_int_equal(h.evidence_us, NOW - DAY);
	s[1].score = 41;
	assert_false(fires("barc10-drop", &f, &h));
	/* A rise is no drop; one score alone is no drop. */
	s[1].score = 50;
	assert_false(fires("barc10-drop", &f, &h));
	f.nscores = 2;
	assert_false(fires("barc10-drop", &f, &h));
}

static void
check_ins_stopped(void **state)
{
	struct warn_facts f = {.now_us = NOW, .every_days = 1, .rhythm_since_us = NOW - 30 * DAY,
		.last_checkin_us = NOW - 3 * DAY};
	struct warn_hit h;

	(void)state;
	/* Daily, three periods: exactly three days fires, on that check-in. */
	assert_true(fires("checkins-stopped", &f, &h));
	assert_int_equal(h.evidence_us, NOW - 3 * DAY);
	assert_int_equal(h.value, 3);
	f.last_checkin_us = NOW - 3 * DAY + 1;
	assert_false(fires("checkins-stopped", &f, &h));
	/* Weekly: 21 days. */
	f.every_days = 7;
	f.last_checkin_us = NOW - 20 * DAY;
	assert_false(fires("checkins-stopped", &f, &h));
	f.last_checkin_us = NOW - 21 * DAY;
	assert_true(fires("checkins-stopped", &f, &h));
	/* Counted from the choice of rhythm when that came later. */
	f.rhythm_since_us = NOW - 2 * DAY;
	assert_false(fires("checkins-stopped", &f, &h));
	/* No rhythm chosen: never. */
	f.every_days = 0;
	f.rhythm_since_us = NOW - 300 * DAY;
	assert_false(fires("checkins-stopped", &f, &h));
}

static void
missed_referral_help(void **state)
{
	struct warn_facts f = {.now_us = NOW, .missed_us = NOW - 14 * DAY, .missed_id = "a1",
		.referral_due_us = NOW, .referral_id = "r1"};
	struct warn_hit h;

	(void)state;
	assert_true(fires("appointment-missed", &f, &h));
	assert_string_equal(h.about_id, "a1");
	f.missed_us = NOW - 14 * DAY - 1;
	assert_false(fires("appointment-missed", &f, &h));
	/* A referral's answer due now: overdue by 0 days fires. */
	assert_true(fires("referral-unanswered", &f, &h));
	assert_string_equal(h.about_id, "r1");
	f.referral_due_us = NOW + 1;
	assert_false(fires("referral-unanswered", &f, &h));
	assert_false(fires("help-now", &f, &h));
	f.help_us = NOW - 5;
	f.help_id = "h1";
	assert_true(fires("help-now", &f, &h));
	assert_int_equal(h.evidence_us, NOW - 5);
}

/* A missed check-up: the task comes `threshold` (7) days after the
 * reminder, exactly then and not a microsecond before; its evidence is
 * the check-up's due time, and it is about the check-up. */
static void
missed_checkup(void **state)
{
	int64_t due = NOW - 20 * DAY, reminded = NOW - 7 * DAY;
	struct warn_facts f = {.now_us = NOW, .checkup_due_us = due,
		.checkup_reminded_us = reminded, .checkup_id = "c1"};
	struct warn_hit h;
	struct warn_rule r = *rule("checkup-missed");

	(void)state;
	assert_true(fires("checkup-missed", &f, &h));
	assert_int_equal(h.evidence_us, due);
	assert_string_equal(h.about_id, "c1");
	assert_int_equal(h.value, 20);
	f.checkup_reminded_us = reminded + 1;
	assert_false(fires("checkup-missed", &f, &h));
	/* One day below the threshold (6 days after the reminder): not yet. */
	f.checkup_reminded_us = NOW - 6 * DAY;
	assert_false(fires("checkup-missed", &f, &h));
	/* Not reminded (or none missed): nothing. */
	f.checkup_reminded_us = 0;
	assert_false(fires("checkup-missed", &f, &h));
	f.checkup_reminded_us = reminded;
	f.checkup_due_us = 0;
	assert_false(fires("checkup-missed", &f, &h));
	/* A threshold of 0 fires as soon as the reminder has gone. */
	r.threshold = 0;
	f.checkup_due_us = due;
	f.checkup_reminded_us = NOW;
	assert_true(warn_eval(&r, &f, &h));
}

static void
disabled_rule(void **state)
{
	struct warn_rule r = *rule("help-now");
	struct warn_facts f = {.now_us = NOW, .help_us = NOW};
	struct warn_hit h;

	(void)state;
	r.enabled = false;
	assert_false(warn_eval(&r, &f, &h));
}

static void
words_and_json(void **state)
{
	struct arena a = ARENA_INIT;
	struct warn_hit h = {.value = 24, .previous = 40};
	struct warn_rule back;
	char *json;

	(void)state;
	assert_string_equal(warn_reason(&a, rule("craving-high"), &h, LANG_EN),
	    "Craving of 8 or more, 2 times within 7 days");
	assert_string_equal(warn_reason(&a, rule("who5-drop"), &h, LANG_DA),
	    "WHO-5-trivselsscore faldet fra 40 til 24");
	assert_string_equal(warn_task(&a, rule("use-reported"), LANG_NL),
	    "Neem binnen 2 werkdagen contact op");
	json = warn_rule_json(&a, rule("craving-high"));
	assert_non_null(json);
	assert_int_equal(warn_rule_read(&a, json, &back), 0);
	assert_int_equal(back.kind, WK_CRAVING);
	assert_int_equal(back.threshold, 8);
	assert_int_equal(back.times, 2);
	assert_int_equal(back.within_days, 7);
	assert_int_equal(back.due_working_days, 2);
	assert_string_equal(back.reason.t[LANG_NL], rule("craving-high")->reason.t[LANG_NL]);
	json = warn_rule_json(&a, rule("help-now"));
	assert_int_equal(warn_rule_read(&a, json, &back), 0);
	assert_int_equal(back.due_hours, 2);
	arena_free(&a);
}

static void
working_days(void **state)
{
	char out[11];

	(void)state;
	warn_add_working_days("2026-12-07", 2, out);     /* Monday */
	assert_string_equal(out, "2026-12-09");
	warn_add_working_days("2026-12-10", 2, out);     /* Thursday */
	assert_string_equal(out, "2026-12-14");
	warn_add_working_days("2026-12-11", 1, out);     /* Friday */
	assert_string_equal(out, "2026-12-14");
	warn_add_working_days("2026-12-12", 2, out);     /* Saturday: from Monday */
	assert_string_equal(out, "2026-12-16");
	warn_add_working_days("2026-12-13", 5, out);     /* Sunday */
	assert_string_equal(out, "2026-12-21");
}

static void
bad_sets(void **state)
{
	struct arena a = ARENA_INIT;
	struct jr_problem p[16];
	struct warn_rules r;
	const char *bad = "{\"format\":\"rosc-warning-rules/1\",\"rules\":["
	    "{\"code\":\"a\",\"kind\":\"help_now\",\"threshold\":3,\"due\":{\"hours\":2},"
	    "\"reason\":{\"en\":\"x\",\"nl\":\"x\",\"da\":\"x\"},"
	    "\"task\":{\"en\":\"x\",\"nl\":\"x\",\"da\":\"x\"}},"
	    "{\"code\":\"a\",\"kind\":\"sky_falls\",\"due\":{\"hours\":2,\"working_days\":1},"
	    "\"reason\":{\"en\":\"x\",\"nl\":\"x\",\"da\":\"x\"},"
	    "\"task\":{\"en\":\"x\",\"nl\":\"x\"}}]}";
	size_t n;

	(void)state;
	n = warn_parse(&a, bad, strlen(bad), &r, p, 16);
	assert_int_equal(n, 5);
	assert_string_equal(p[0].path, "rules[0].threshold");
	assert_string_equal(p[0].code, "not_allowed");
	assert_string_equal(p[1].path, "rules[1].kind");
	assert_string_equal(p[1].code, "unknown_kind");
	assert_string_equal(p[2].path, "rules[1].due");
	assert_string_equal(p[2].code, "not_allowed");
	assert_string_equal(p[3].path, "rules[1].task.da");
	assert_string_equal(p[4].path, "rules[1].code");
	assert_string_equal(p[4].code, "duplicate");
	assert_int_equal(warn_parse(&a, "[]", 2, &r, p, 16), 1);
	assert_string_equal(p[0].code, "invalid_json");
	assert_int_equal(warn_parse(&a, "{\"format\":\"x\",\"rules\":[]}", 25, &r, p, 16), 2);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_set),
		cmocka_unit_test(use_reported),
		cmocka_unit_test(craving_twice_in_a_week),
		cmocka_unit_test(scores),
		cmocka_unit_test(check_ins_stopped),
		cmocka_unit_test(missed_referral_help),
		cmocka_unit_test(missed_checkup),
		cmocka_unit_test(disabled_rule),
		cmocka_unit_test(words_and_json),
		cmocka_unit_test(working_days),
		cmocka_unit_test(bad_sets),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, setup, teardown);
}
