/* Pathway templates: the shipped ones read cleanly and round-trip through
 * JSON; a malformed one is refused with the JSON path of each problem. */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "base/embedded.h"
#include "base/i18n.h"
#include "base/clock.h"
#include "core/pathway.h"
#include "core/pathway_run.h"

static void
shipped_round_trip(void **state)
{
	struct arena a = ARENA_INIT;
	struct pw_problem p[8];
	size_t i, k, n;

	(void)state;
	assert_int_equal(pathways_shipped_count, 3);
	for (i = 0; i < pathways_shipped_count; i++) {
		struct pw_template t, u;
		const char *once, *twice;

		n = pw_parse(&a, (const char *)pathways_shipped[i].data, pathways_shipped[i].len, &t,
		    p, 8);
		if (n > 0)
			fail_msg("%s: %s: %s", pathways_shipped[i].name, p[0].path, p[0].code);
		assert_true(t.nphases >= 3);
		assert_true(t.nsources >= 1);
		for (k = 0; k < t.nphases; k++) {
			assert_non_null(t.phases[k].name.t[LANG_DA]);
			assert_non_null(t.phases[k].name.t[LANG_NL]);
			assert_true(t.phases[k].nsources > 0);   /* each phase names a source */
		}
		once = pw_write(&a, &t);
		assert_non_null(once);
		assert_int_equal(pw_parse(&a, once, strlen(once), &u, p, 8), 0);
		twice = pw_write(&a, &u);
		assert_string_equal(once, twice);
		assert_int_equal(pw_total_days(&t), pw_total_days(&u));
	}
	arena_free(&a);
}

static void
danish_guarantee(void **state)
{
	struct arena a = ARENA_INIT;
	struct pw_problem p[8];
	struct pw_template t;
	size_t i;

	(void)state;
	for (i = 0; i < pathways_shipped_count; i++)
		if (strcmp(pathways_shipped[i].name, "dk-alcohol-outpatient.json") == 0)
			break;
	assert_true(i < pathways_shipped_count);
	assert_int_equal(pw_parse(&a, (const char *)pathways_shipped[i].data,
	    pathways_shipped[i].len, &t, p, 8), 0);
	assert_string_equal(t.code, "dk-alcohol-outpatient");
	assert_string_equal(t.country, "DK");
	assert_int_equal(t.start_within_days, 14);
	assert_non_null(strstr(pw_text(&t.purpose, LANG_DA), "14 dage"));
	arena_free(&a);
}

static bool
has(const struct pw_problem *p, size_t n, const char *path, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(p[i].path, path) == 0 && strcmp(p[i].code, code) == 0)
			return true;
	return false;
}

static void
problems_by_path(void **state)
{
	static const char bad[] =
	    "{\"format\": \"other/1\", \"code\": \"Bad Code\", \"version\": 0,"
	    " \"name\": {\"en\": \"A\"}, \"colour\": \"red\","
	    " \"sources\": [{\"id\": \"s1\", \"title\": \"T\", \"url\": \"ftp://x\"},"
	    "   {\"id\": \"s1\", \"title\": \"T\", \"url\": \"https://x\"}],"
	    " \"phases\": [{\"code\": \"p\", \"name\": {\"en\": \"P\", \"nl\": \"P\", \"da\": \"P\"},"
	    "   \"expected_days\": 0, \"sources\": [\"nope\"], \"extra\": 1,"
	    "   \"appointments\": [{\"title\": {\"en\": \"x\", \"nl\": \"x\", \"da\": \"x\"},"
	    "     \"kind\": \"party\", \"day\": -1, \"minutes\": 60}],"
	    "   \"questionnaires\": [{\"code\": \"PHQ-9\", \"when\": \"start\"}],"
	    "   \"goals\": [{\"title\": {\"en\": \"g\", \"nl\": \"g\", \"da\": \"g\"}, \"domain\": \"moon\"}]},"
	    "  {\"code\": \"p\"}, 7]}";
	struct arena a = ARENA_INIT;
	struct pw_problem p[64];
	struct pw_template t;
	size_t n;

	(void)state;
	n = pw_parse(&a, bad, strlen(bad), &t, p, 64);
	assert_true(has(p, n, "format", "invalid_choice"));
	assert_true(has(p, n, "code", "invalid_format"));
	assert_true(has(p, n, "version", "out_of_range"));
	assert_true(has(p, n, "name.nl", "required"));
	assert_true(has(p, n, "name.da", "required"));
	assert_true(has(p, n, "purpose", "required"));
	assert_true(has(p, n, "colour", "unknown_field"));
	assert_true(has(p, n, "sources[0].url", "invalid_format"));
	assert_true(has(p, n, "sources[1].id", "duplicate"));
	assert_true(has(p, n, "phases[0].purpose", "required"));
	assert_true(has(p, n, "phases[0].move_on", "required"));
	assert_true(has(p, n, "phases[0].expected_days", "out_of_range"));
	assert_true(has(p, n, "phases[0].sources[0]", "unknown_source"));
	assert_true(has(p, n, "phases[0].extra", "unknown_field"));
	assert_true(has(p, n, "phases[0].appointments[0].kind", "invalid_choice"));
	assert_true(has(p, n, "phases[0].appointments[0].day", "out_of_range"));
	assert_true(has(p, n, "phases[0].questionnaires[0].code", "invalid_choice"));
	assert_true(has(p, n, "phases[0].goals[0].domain", "invalid_choice"));
	assert_true(has(p, n, "phases[1].code", "duplicate"));
	assert_true(has(p, n, "phases[2]", "invalid_format"));
	arena_free(&a);
}

/* Where text stops being JSON, for the editor; each code in words. */
static void
json_error_place_and_words(void **state)
{
	static const char broken[] = "{\n  \"code\": \"a\",\n  \"version\": ,\n}";
	int line, column;

	(void)state;
	assert_true(pw_json_error_at(broken, strlen(broken), &line, &column));
	assert_int_equal(line, 3);
	assert_true(column > 0);
	assert_false(pw_json_error_at("{}", 2, &line, &column));
	assert_string_equal(pw_problem_text("required"), "missing");
	assert_string_equal(pw_problem_text("unknown_source"), "names no source of the template");
	assert_string_equal(pw_problem_text("something_new"), "something_new");
}

static void
not_json(void **state)
{
	struct arena a = ARENA_INIT;
	struct pw_problem p[4];
	struct pw_template t;
	static const char twice[] = "{\"code\": \"a\", \"code\": \"b\"}";

	(void)state;
	assert_int_equal(pw_parse(&a, "{", 1, &t, p, 4), 1);
	assert_string_equal(p[0].path, "$");
	assert_string_equal(p[0].code, "invalid_json");
	/* A member twice is not taken as the last one silently. */
	assert_int_equal(pw_parse(&a, twice, strlen(twice), &t, p, 4), 1);
	assert_string_equal(p[0].code, "invalid_json");
	assert_int_equal(pw_parse(&a, "\"\xff\"", 3, &t, p, 4), 1);
	assert_int_equal(pw_parse(&a, "[]", 2, &t, p, 4), 1);
	assert_string_equal(p[0].code, "invalid_format");
	arena_free(&a);
}

/* Running pathways: calendar days, not seconds */

static int64_t
at(const char *iso)
{
	int64_t us = 0;

	assert_int_equal(clock_parse_instant(iso, &us), 0);
	return us;
}

static void
today_in_zone_across_summer_time(void **state)
{
	char d[11];

	(void)state;
	/* Copenhagen: UTC+1 until 28 March 2027 02:00, then UTC+2 until 31 October. */
	pw_today(at("2027-03-27T23:30:00Z"), "Europe/Copenhagen", d);
	assert_string_equal(d, "2027-03-28");
	pw_today(at("2027-03-28T21:30:00Z"), "Europe/Copenhagen", d);
	assert_string_equal(d, "2027-03-28");
	pw_today(at("2027-03-28T22:30:00Z"), "Europe/Copenhagen", d);
	assert_string_equal(d, "2027-03-29");
	pw_today(at("2027-10-31T22:30:00Z"), "Europe/Copenhagen", d);
	assert_string_equal(d, "2027-10-31");
	pw_today(at("2027-10-31T23:30:00Z"), "Europe/Copenhagen", d);
	assert_string_equal(d, "2027-11-01");
	/* An unknown zone counts in UTC rather than not at all. */
	pw_today(at("2027-10-31T23:30:00Z"), "Nowhere/Else", d);
	assert_string_equal(d, "2027-10-31");
	assert_int_equal(clock_date_diff("2027-12-31", "2028-01-01"), 1);
	assert_int_equal(clock_date_diff("2028-02-28", "2028-03-01"), 2);
	pw_date_add("2028-02-28", 1, d);
	assert_string_equal(d, "2028-02-29");
	assert_int_equal(clock_date_diff("2027-02-30", "2027-03-01"), INT32_MIN);
}

static void
start_guarantee_clock(void **state)
{
	struct pathway p = {0};
	struct pw_clock c;

	(void)state;
	p.status = PWR_RUNNING;
	p.first_contact = "2027-03-20";
	p.start_due = "2027-04-03";
	p.phase = -1;
	pw_clock(&p, "2027-03-20", &c);
	assert_int_equal(c.day, 0);
	assert_int_equal(c.guarantee, 14);
	assert_int_equal(c.start, PWS_WAITING);
	pw_clock(&p, "2027-03-29", &c);
	assert_int_equal(c.day, 9);
	assert_int_equal(c.days_left, 5);
	assert_int_equal(c.start, PWS_WAITING);
	/* Day 10: four days left; across the change to summer time on 28 March. */
	pw_clock(&p, "2027-03-30", &c);
	assert_int_equal(c.day, 10);
	assert_int_equal(c.days_left, 4);
	assert_int_equal(c.start, PWS_AT_RISK);
	/* Day 14 is the last day; day 15 breaks it. */
	pw_clock(&p, "2027-04-03", &c);
	assert_int_equal(c.start, PWS_AT_RISK);
	assert_int_equal(c.days_left, 0);
	pw_clock(&p, "2027-04-04", &c);
	assert_int_equal(c.start, PWS_BROKEN);
	assert_int_equal(c.days_left, -1);
	p.started = "2027-04-03";
	pw_clock(&p, "2027-05-01", &c);
	assert_int_equal(c.start, PWS_MET);
	p.started = "2027-04-04";
	pw_clock(&p, "2027-05-01", &c);
	assert_int_equal(c.start, PWS_MET_LATE);
	/* Stopped before a start: no clock left to show. */
	p.started = NULL;
	p.status = PWR_STOPPED;
	pw_clock(&p, "2027-05-01", &c);
	assert_int_equal(c.start, PWS_NONE);
	/* No guarantee in the template: none. */
	p.status = PWR_RUNNING;
	p.start_due = NULL;
	pw_clock(&p, "2027-05-01", &c);
	assert_int_equal(c.guarantee, 0);
	assert_int_equal(c.start, PWS_NONE);
}

static void
phase_clock(void **state)
{
	struct pathway p = {0};
	struct pw_clock c;

	(void)state;
	p.status = PWR_RUNNING;
	p.first_contact = "2027-03-20";
	p.phase = 0;
	p.phase_due = "2027-03-27";
	pw_clock(&p, "2027-03-27", &c);
	assert_true(c.in_phase);
	assert_int_equal(c.phase_left, 0);
	assert_false(c.overdue);
	pw_clock(&p, "2027-03-28", &c);
	assert_true(c.overdue);
	assert_int_equal(c.phase_left, -1);
	p.status = PWR_OFFERED;
	pw_clock(&p, "2027-03-28", &c);
	assert_false(c.in_phase);
	assert_false(c.overdue);
}

static void
starting_proposes_the_first_phase_only(void **state)
{
	struct arena a = ARENA_INIT;
	struct pw_problem pr[4];
	struct pw_template t;
	struct pathway p = {0};
	struct pathway_phase *ph;
	struct pathway_item *xs;
	size_t n, i, j, want;
	int ended, begun;

	(void)state;
	assert_int_equal(pw_parse(&a, (const char *)pathways_shipped[0].data,
	    pathways_shipped[0].len, &t, pr, 4), 0);
	ph = pw_new_phases(&a, &t);
	for (i = 0; i < t.nphases; i++) {
		assert_int_equal(ph[i].status, PWP_WAITING);
		assert_int_equal(ph[i].expected_days, t.phases[i].expected_days);
	}
	p.status = PWR_OFFERED;
	p.first_contact = "2027-03-20";
	assert_int_equal(pw_begin(&a, &p, ph, t.nphases, "2027-03-20"), 0);
	assert_int_equal(p.status, PWR_RUNNING);
	assert_int_equal(ph[0].status, PWP_CURRENT);
	assert_string_equal(ph[0].started, "2027-03-20");
	for (i = 1; i < t.nphases; i++)
		assert_int_equal(ph[i].status, PWP_WAITING);
	n = pw_new_items(&a, &t.phases[0], ph[0].seq, &xs);
	want = t.phases[0].ngoals + t.phases[0].nactivities + t.phases[0].nappointments;
	assert_int_equal(n, want);
	for (i = 0; i < n; i++) {
		assert_int_equal(xs[i].status, PWI_PROPOSED);
		assert_int_equal(xs[i].phase, 0);
		assert_non_null(pw_item_text(&t.phases[0], xs[i].kind, xs[i].src, LANG_DA));
		for (j = 0; j < i; j++)
			assert_string_not_equal(xs[i].id, xs[j].id);
	}
	/* Goals, then steps, then appointments. */
	for (i = 1; i < n; i++)
		assert_true(xs[i - 1].kind <= xs[i].kind);
	/* The first phase ends: treatment has started; the next one begins. */
	assert_true(pw_advance(&a, &p, ph, t.nphases, PWP_DONE, "2027-03-25", 1, &ended, &begun));
	assert_int_equal(ended, 0);
	assert_int_equal(begun, 1);
	assert_string_equal(p.started, "2027-03-25");
	assert_string_equal(ph[1].started, "2027-03-25");
	assert_int_equal(p.phase, 1);
	/* Skipping the rest completes it; the start stays as it was. */
	ph[2].status = PWP_SKIPPED;
	while (p.status == PWR_RUNNING)
		assert_true(pw_advance(&a, &p, ph, t.nphases, PWP_SKIPPED, "2027-04-01", 7, &ended,
		    &begun));
	assert_int_equal(p.status, PWR_FINISHED);
	assert_int_equal(p.ended_us, 7);
	assert_int_equal(p.phase, -1);
	assert_string_equal(p.started, "2027-03-25");
	assert_int_equal(ph[2].started == NULL, 1);
	assert_false(pw_advance(&a, &p, ph, t.nphases, PWP_DONE, "2027-04-02", 8, &ended, &begun));
	arena_free(&a);
}

static void
parsed_once_per_version(void **state)
{
	const struct pw_template *t, *u;
	const char *json = (const char *)pathways_shipped[1].data;

	(void)state;
	assert_null(pw_cached("v1"));
	t = pw_cache("v1", json, pathways_shipped[1].len);
	assert_non_null(t);
	assert_true(t->nphases >= 3);
	u = pw_cache("v1", json, pathways_shipped[1].len);
	assert_ptr_equal(t, u);
	assert_ptr_equal(pw_cached("v1"), t);
	/* A bad text is not kept, and does not stand in for a good one. */
	assert_null(pw_cache("bad", "{", 1));
	assert_null(pw_cached("bad"));
}

/* Agreeing is the page's and the API's alike: started, with the first
 * phase's proposals; names and texts from the template, or the person's
 * own for what was added. */
static void
agreeing_and_what_things_are_called(void **state)
{
	struct arena a = ARENA_INIT;
	struct pw_problem pr[4];
	struct pw_template t;
	struct pathway p = {0};
	struct pathway_phase *ph, added = {0};
	struct pathway_item *xs, own = {0};
	enum pw_start s;
	size_t n, i;
	int begun;

	(void)state;
	assert_int_equal(pw_parse(&a, (const char *)pathways_shipped[0].data,
	    pathways_shipped[0].len, &t, pr, 4), 0);
	ph = pw_new_phases(&a, &t);
	p.status = PWR_OFFERED;
	p.first_contact = "2027-03-20";
	n = pw_agree(&a, &p, ph, t.nphases, &t, "2027-03-21", 42, "u1", &begun, &xs);
	assert_int_equal(begun, 0);
	assert_int_equal(p.status, PWR_RUNNING);
	assert_int_equal(p.agreed_us, 42);
	assert_string_equal(p.agreed_by, "u1");
	assert_int_equal(p.phase, 0);
	assert_string_equal(ph[0].started, "2027-03-21");
	assert_int_equal(n, t.phases[0].ngoals + t.phases[0].nactivities +
	    t.phases[0].nappointments);
	for (i = 0; i < n; i++) {
		assert_int_equal(xs[i].phase, 0);
		assert_string_equal(pw_item_title(&t, ph, t.nphases, &xs[i], LANG_EN),
		    pw_item_text(&t.phases[0], xs[i].kind, xs[i].src, LANG_EN));
	}
	assert_string_equal(pw_phase_name(&t, &ph[1], LANG_DA), t.phases[1].name.t[LANG_DA]);
	added.code = "";
	added.name = "Familiesamtaler";
	assert_string_equal(pw_phase_name(&t, &added, LANG_EN), "Familiesamtaler");
	added.name = NULL;
	assert_null(pw_phase_name(&t, &added, LANG_EN));
	own.src = -1;
	own.kind = PWI_STEP;
	own.title = "Gå en tur";
	assert_string_equal(pw_item_title(&t, ph, t.nphases, &own, LANG_EN), "Gå en tur");
	own.title = NULL;
	own.phase = 99;
	assert_null(pw_item_title(&t, ph, t.nphases, &own, LANG_EN));
	/* Nothing left to begin: running, with nothing proposed. */
	for (i = 0; i < t.nphases; i++)
		ph[i].status = PWP_SKIPPED;
	assert_int_equal(pw_agree(&a, &p, ph, t.nphases, &t, "2027-03-21", 43, "u1", &begun,
	    &xs), 0);
	assert_int_equal(begun, -1);
	/* The start's codes, for the API. */
	assert_string_equal(pw_start_code(PWS_AT_RISK), "at_risk");
	assert_string_equal(pw_start_code(PWS_MET_LATE), "met_late");
	assert_true(pw_start_parse("broken", &s));
	assert_int_equal(s, PWS_BROKEN);
	assert_false(pw_start_parse("late", &s));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_round_trip),
		cmocka_unit_test(danish_guarantee),
		cmocka_unit_test(problems_by_path),
		cmocka_unit_test(json_error_place_and_words),
		cmocka_unit_test(not_json),
		cmocka_unit_test(today_in_zone_across_summer_time),
		cmocka_unit_test(start_guarantee_clock),
		cmocka_unit_test(phase_clock),
		cmocka_unit_test(starting_proposes_the_first_phase_only),
		cmocka_unit_test(parsed_once_per_version),
		cmocka_unit_test(agreeing_and_what_things_are_called),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
