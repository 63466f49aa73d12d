/* An organisation's report on a pathway template, against a small data
 * set counted by hand: outcomes, where pathways are now, median phase
 * days, deviations, the start guarantee, and which counts are too small
 * to show. */
#include "test.h"

#include "base/arena.h"
#include "base/i18n.h"
#include "core/pathway_report.h"

#define TODAY "2027-05-01"

/* Two versions: the newest has phases contact, start, treat; the older
 * one had intake instead of start. */
static struct pw_phase v2_phases[] = {{.code = "contact"}, {.code = "start"}, {.code = "treat"}};
static struct pw_phase v1_phases[] = {{.code = "contact"}, {.code = "intake"}, {.code = "treat"}};
static struct pw_template v2 = {.code = "t", .version = 2, .phases = v2_phases, .nphases = 3};
static struct pw_template v1 = {.code = "t", .version = 1, .phases = v1_phases, .nphases = 3};

/* The start guarantee: p1, p5, p6, p10 start in time, p9 on its last day,
 * p2 late; p3 is past its last day unstarted; p4 is not due yet; p7 was
 * declined (no clock); p8 has no guarantee and is in an added phase. */
static struct pw_report_pathway pathways[] = {
	/* id, status, first contact, start due, started, current phase */
	{"p1", PWR_RUNNING, "2027-03-01", "2027-03-15", "2027-03-10", "treat", NULL},
	{"p2", PWR_RUNNING, "2027-03-01", "2027-03-15", "2027-03-20", "treat", NULL},
	{"p3", PWR_RUNNING, "2027-04-01", "2027-04-15", NULL, "contact", NULL},
	{"p4", PWR_OFFERED, "2027-04-25", "2027-05-09", NULL, NULL, NULL},
	{"p5", PWR_FINISHED, "2027-01-01", "2027-01-15", "2027-01-10", NULL, NULL},
	{"p6", PWR_STOPPED, "2027-02-01", "2027-02-15", "2027-02-14", NULL, NULL},
	{"p7", PWR_DECLINED, "2027-03-01", "2027-03-15", NULL, NULL, NULL},
	{"p8", PWR_RUNNING, "2027-02-01", NULL, "2027-02-05", "", NULL},
	{"p9", PWR_RUNNING, "2027-02-01", "2027-02-15", "2027-02-15", "legacy", NULL},
	{"p10", PWR_FINISHED, "2027-01-01", "2027-01-15", "2027-01-12", NULL, NULL},
};

static struct pw_report_phase phases[] = {
	/* contact, done: 3, 5, 6, 7, 9 and 14 days; median 6.5 */
	{"p1", "contact", NULL, "2027-03-01", "2027-03-04", PWP_DONE},
	{"p2", "contact", NULL, "2027-03-01", "2027-03-06", PWP_DONE},
	{"p5", "contact", NULL, "2027-01-01", "2027-01-07", PWP_DONE},
	{"p6", "contact", NULL, "2027-02-01", "2027-02-08", PWP_DONE},
	{"p9", "contact", NULL, "2027-02-01", "2027-02-10", PWP_DONE},
	{"p10", "contact", NULL, "2027-01-01", "2027-01-15", PWP_DONE},
	/* Not durations: skipped, still current, a day missing, backwards. */
	{"p8", "contact", NULL, "2027-02-01", "2027-02-02", PWP_SKIPPED},
	{"p3", "contact", NULL, "2027-04-20", NULL, PWP_CURRENT},
	{"p6", "contact", NULL, NULL, "2027-02-08", PWP_DONE},
	{"p6", "contact", NULL, "2027-02-08", "2027-02-01", PWP_DONE},
	/* treat: 30 and 40 days, too few to show */
	{"p5", "treat", NULL, "2027-01-10", "2027-02-09", PWP_DONE},
	{"p10", "treat", NULL, "2027-01-12", "2027-02-21", PWP_DONE},
	{"p1", "treat", NULL, "2027-03-10", NULL, PWP_CURRENT},
	/* The older version's phase, and one added for a person. */
	{"p8", "intake", NULL, "2027-02-02", "2027-02-12", PWP_DONE},
	{"p8", "", "Extra", "2027-02-12", "2027-02-24", PWP_DONE},
	{"p4", "start", NULL, NULL, NULL, PWP_WAITING},
};

static struct pw_report_dev devs[] = {
	{PWD_DECLINE, PWD_PERSON_WISH}, {PWD_DECLINE, PWD_PERSON_WISH},
	{PWD_DECLINE, PWD_PERSON_WISH}, {PWD_DECLINE, PWD_PERSON_WISH},
	{PWD_DECLINE, PWD_PERSON_WISH}, {PWD_LENGTHEN, PWD_NEEDS_TIME},
	{PWD_LENGTHEN, PWD_NEEDS_TIME}, {PWD_LENGTHEN, PWD_HEALTH},
	{PWD_SKIP, PWD_GOING_WELL}, {PWD_STOP, PWD_PERSON_WISH},
};

#define N(x) (sizeof(x) / sizeof((x)[0]))

static const struct pw_report_rows rows = {pathways, N(pathways), phases, N(phases), devs, N(devs)};

static void
outcomes(void **state)
{
	const struct pw_template *ts[] = {&v2, &v1};
	struct arena a = ARENA_INIT;
	struct pw_report r;

	(void)state;
	pw_report_make(&a, &rows, ts, 2, TODAY, &r);
	assert_int_equal(r.offered, 10);
	assert_int_equal(r.waiting, 1);
	assert_int_equal(r.agreed, 8);      /* 5 running, 2 finished, 1 stopped */
	assert_int_equal(r.running, 5);
	assert_int_equal(r.finished, 2);
	assert_int_equal(r.stopped, 1);
	assert_int_equal(r.declined, 1);
	arena_free(&a);
}

static void
phases_now_and_medians(void **state)
{
	static const char *const order[] = {"contact", "start", "treat", "intake", "legacy", ""};
	static const int now[] = {1, 0, 2, 0, 1, 1};
	static const int done[] = {6, 0, 2, 1, 0, 1};
	const struct pw_template *ts[] = {&v2, NULL, &v1};
	struct arena a = ARENA_INIT;
	struct pw_report r;
	size_t i;

	(void)state;
	pw_report_make(&a, &rows, ts, 3, TODAY, &r);
	assert_int_equal(r.nlines, N(order));
	for (i = 0; i < N(order); i++) {
		assert_string_equal(r.lines[i].code, order[i]);
		assert_int_equal(r.lines[i].now, now[i]);
		assert_int_equal(r.lines[i].done, done[i]);
	}
	/* Each template phase points at the newest version that has it. */
	assert_ptr_equal(r.lines[0].phase, &v2_phases[0]);
	assert_ptr_equal(r.lines[3].phase, &v1_phases[1]);
	assert_null(r.lines[4].phase);
	assert_null(r.lines[5].phase);
	assert_true(r.lines[0].median_days == 6.5);
	assert_true(r.lines[2].median_days == 35.0);
	assert_true(r.lines[3].median_days == 10.0);
	assert_true(r.lines[5].median_days == 12.0);
	assert_true(pw_report_median_shown(&r.lines[0]));
	assert_false(pw_report_median_shown(&r.lines[2]));   /* over 2 phases */
	assert_false(pw_report_median_shown(&r.lines[1]));   /* over none */
	arena_free(&a);
}

static void
deviations(void **state)
{
	struct arena a = ARENA_INIT;
	struct pw_report r;

	(void)state;
	pw_report_make(&a, &rows, NULL, 0, TODAY, &r);
	assert_int_equal(r.ndevs, 10);
	assert_int_equal(r.by_kind[PWD_DECLINE], 5);
	assert_int_equal(r.by_kind[PWD_LENGTHEN], 3);
	assert_int_equal(r.by_kind[PWD_SKIP], 1);
	assert_int_equal(r.by_kind[PWD_STOP], 1);
	assert_int_equal(r.by_kind[PWD_ADD_PHASE], 0);
	assert_int_equal(r.by_reason[PWD_PERSON_WISH], 6);
	assert_int_equal(r.by_reason[PWD_NEEDS_TIME], 2);
	assert_int_equal(r.by_reason[PWD_HEALTH], 1);
	assert_int_equal(r.by_reason[PWD_GOING_WELL], 1);
	assert_int_equal(r.by_reason[PWD_OTHER], 0);
	/* Without a template read, phases come in the rows' order, then the
	 * current phases', then the added ones. */
	assert_int_equal(r.nlines, 6);
	assert_string_equal(r.lines[0].code, "contact");
	assert_string_equal(r.lines[1].code, "treat");
	assert_string_equal(r.lines[3].code, "start");
	assert_string_equal(r.lines[4].code, "legacy");
	assert_string_equal(r.lines[5].code, "");
	arena_free(&a);
}

static void
start_guarantee(void **state)
{
	struct arena a = ARENA_INIT;
	struct pw_report r;

	(void)state;
	pw_report_make(&a, &rows, NULL, 0, TODAY, &r);
	/* p1, p5, p6, p9 and p10 in time; p2 late; p3 not started past its
	 * last day. p4 is not due yet, p7 was declined, p8 has none. */
	assert_int_equal(r.guarantee, 7);
	assert_int_equal(r.on_time, 5);
	assert_int_equal(pw_report_share_percent(&r), 71);
	/* 2 late: the share would tell a count under 5. */
	assert_false(pw_report_share_shown(&r));
	/* A day earlier p3's last day has not passed: it is not counted. */
	pw_report_make(&a, &rows, NULL, 0, "2027-04-15", &r);
	assert_int_equal(r.guarantee, 6);
	arena_free(&a);
}

static void
small_counts(void **state)
{
	struct pw_report r;

	(void)state;
	assert_false(pw_report_small(0));
	assert_true(pw_report_small(1));
	assert_true(pw_report_small(4));
	assert_false(pw_report_small(5));
	assert_false(pw_report_small(120));
	memset(&r, 0, sizeof(r));
	assert_false(pw_report_share_shown(&r));
	assert_int_equal(pw_report_share_percent(&r), 0);
	r.guarantee = 4;
	r.on_time = 4;
	assert_false(pw_report_share_shown(&r));       /* 4 in all */
	r.guarantee = 10;
	r.on_time = 10;
	assert_true(pw_report_share_shown(&r));        /* none late */
	assert_int_equal(pw_report_share_percent(&r), 100);
	r.guarantee = 12;
	r.on_time = 7;
	assert_true(pw_report_share_shown(&r));
	assert_int_equal(pw_report_share_percent(&r), 58);
	r.on_time = 9;
	assert_false(pw_report_share_shown(&r));       /* 3 late */
	r.on_time = 3;
	assert_false(pw_report_share_shown(&r));       /* 3 in time */
	r.guarantee = 8;
	r.on_time = 0;
	assert_true(pw_report_share_shown(&r));        /* none in time, 8 late */
	assert_int_equal(pw_report_share_percent(&r), 0);
}

static void
nothing_offered(void **state)
{
	const struct pw_template *ts[] = {&v2};
	const struct pw_report_rows none = {0};
	struct arena a = ARENA_INIT;
	struct pw_report r;

	(void)state;
	pw_report_make(&a, &none, ts, 1, TODAY, &r);
	assert_int_equal(r.offered, 0);
	assert_int_equal(r.guarantee, 0);
	assert_int_equal(r.nlines, 3);
	assert_int_equal(r.lines[2].now, 0);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(outcomes),
		cmocka_unit_test(phases_now_and_medians),
		cmocka_unit_test(deviations),
		cmocka_unit_test(start_guarantee),
		cmocka_unit_test(small_counts),
		cmocka_unit_test(nothing_offered),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
