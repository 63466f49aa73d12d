/* Programme outcomes (core/outcome.c): small counts hidden and their
 * complements with them, shares and means only over enough people, the
 * median of a histogram in any order, whole-month periods, and which
 * sections each report holds. Every expected value is worked out in the
 * comment beside it. */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "core/outcome.h"

static struct oc_count
cnt(long n)
{
	return (struct oc_count){n, n};
}

static void
small_cells(void **state)
{
	struct oc_count c[4];
	bool hide[4];

	(void)state;
	/* 1 to 4 people: hidden; 0 and 5 or more: shown. No total: nothing
	 * more. */
	c[0] = cnt(0);
	c[1] = cnt(1);
	c[2] = cnt(4);
	c[3] = cnt(5);
	oc_suppress(c, 4, NULL, hide);
	assert_false(hide[0]);
	assert_true(hide[1]);
	assert_true(hide[2]);
	assert_false(hide[3]);

	/* Counted in events, judged in people: 12 check-ups of 3 people. */
	c[0] = (struct oc_count){12, 3};
	oc_suppress(c, 1, NULL, hide);
	assert_true(hide[0]);
}

static void
complementary(void **state)
{
	struct oc_count c[4], total;
	bool hide[4];

	(void)state;
	/* 10 = 6 + 3 + 0 + 1? Two small ones (3, 1): their sum 4 is known,
	 * neither alone; nothing more is hidden. */
	c[0] = cnt(6);
	c[1] = cnt(3);
	c[2] = cnt(0);
	c[3] = cnt(1);
	total = cnt(10);
	oc_suppress(c, 4, &total, hide);
	assert_false(hide[0]);
	assert_true(hide[1]);
	assert_false(hide[2]);
	assert_true(hide[3]);

	/* 20 = 12 + 6 + 2 + 0: the 2 alone would be 20 - 12 - 6 - 0, so the
	 * smallest other non-zero count (6) goes too; the zero stays. */
	c[0] = cnt(12);
	c[1] = cnt(6);
	c[2] = cnt(2);
	c[3] = cnt(0);
	total = cnt(20);
	oc_suppress(c, 4, &total, hide);
	assert_false(hide[0]);
	assert_true(hide[1]);
	assert_true(hide[2]);
	assert_false(hide[3]);

	/* The total itself small (3): nothing to work out from it. */
	c[0] = cnt(3);
	c[1] = cnt(0);
	total = cnt(3);
	oc_suppress(c, 2, &total, hide);
	assert_true(hide[0]);
	assert_false(hide[1]);
}

static void
median(void **state)
{
	int d1[] = {5, 0, 2, 1, 3};
	long n1[] = {1, 1, 1, 1, 1};
	int d2[] = {10, 1, 7, 3, 2};
	long n2[] = {1, 2, 1, 1, 1};
	int d3[] = {4};
	long n3[] = {0};
	struct oc_days a = {d1, n1, 5, 5}, b = {d2, n2, 5, 5}, c = {d3, n3, 1, 0};

	(void)state;
	/* 0 1 2 3 5: the middle is 2. */
	assert_true(oc_median(&a) == 2.0);
	/* 1 1 2 3 7 10: (2 + 3) / 2. */
	assert_true(oc_median(&b) == 2.5);
	/* Nothing counted. */
	assert_true(oc_median(&c) == 0.0);
}

static const struct oc_figure *
fig(const struct oc_report_out *o, enum oc_section s, const char *m, const char *g)
{
	const struct oc_figure *f = oc_find(o, s, m, g);

	assert_non_null(f);
	return f;
}

static void
figures(void **state)
{
	struct arena a = ARENA_INIT;
	struct oc_counts c;
	struct oc_report_out o;
	const struct oc_figure *f;

	(void)state;
	memset(&c, 0, sizeof(c));
	/* Served 18: 15 new, 3 continuing. The 3 is hidden, and the 15 with
	 * it (18 - 3); so is the share. */
	c.served.all = cnt(18);
	c.served.yes = cnt(15);
	c.served.no = cnt(3);
	/* Retention at 3 months: 9 of 15 kept, 6 left: 60 %. */
	c.retain[0].all = cnt(15);
	c.retain[0].yes = cnt(9);
	c.retain[0].no = cnt(6);
	/* At 6: 11 of 15 kept, 4 left: the 4 and the 11 hidden, no share. */
	c.retain[1].all = cnt(15);
	c.retain[1].yes = cnt(11);
	c.retain[1].no = cnt(4);
	/* BARC-10 at the first answer: 6 people, sum 250 (41.7), 2 at 47+
	 * (hidden: no share); at 6 months 5 people, 212 then 237: change 5. */
	c.barc[0] = (struct oc_scores){6, 250, 0, 2, 0, 0};
	c.barc[1] = (struct oc_scores){5, 212, 237, 2, 4, 0};
	/* 4 people at 12 months: means hidden. */
	c.barc[2] = (struct oc_scores){4, 160, 180, 0, 0, 0};
	/* Referrals: 10; 5 got help, 3, 1 and 1 elsewhere. */
	c.referral_all = cnt(10);
	c.referrals[RS_GOT_HELP] = cnt(5);
	c.referrals[RS_COULD_NOT_GET_HELP] = cnt(3);
	c.referrals[RS_NO_LONGER_INTERESTED] = cnt(1);
	c.referrals[RS_SENT] = cnt(1);

	oc_make(&a, OR_OUTCOMES, &c, &o);
	f = fig(&o, OS_SERVED, "served", "");
	assert_true(f->shown && f->value == 18);
	assert_false(fig(&o, OS_SERVED, "new", "")->shown);
	assert_false(fig(&o, OS_SERVED, "continuing", "")->shown);
	assert_false(fig(&o, OS_SERVED, "share_new", "")->shown);

	f = fig(&o, OS_RETENTION, "share", "3");
	assert_true(f->shown && f->value == 60.0 && f->unit == OU_PERCENT);
	assert_true(fig(&o, OS_RETENTION, "left", "3")->shown);
	assert_false(fig(&o, OS_RETENTION, "retained", "6")->shown);
	assert_false(fig(&o, OS_RETENTION, "left", "6")->shown);
	assert_false(fig(&o, OS_RETENTION, "share", "6")->shown);
	assert_true(fig(&o, OS_RETENTION, "due", "6")->shown);
	/* Nothing due at 12 months: 0 shown, no share. */
	assert_true(fig(&o, OS_RETENTION, "due", "12")->shown);
	assert_false(fig(&o, OS_RETENTION, "share", "12")->shown);

	f = fig(&o, OS_BARC10, "mean", "0");
	assert_true(f->shown && f->value > 41.66 && f->value < 41.67);
	assert_false(fig(&o, OS_BARC10, "share_good", "0")->shown);
	assert_true(fig(&o, OS_BARC10, "change", "6")->value == 5.0);
	assert_true(fig(&o, OS_BARC10, "mean_then", "6")->value == 47.4);
	assert_false(fig(&o, OS_BARC10, "mean_first", "12")->shown);
	assert_null(oc_find(&o, OS_BARC10, "share_better", "6"));   /* WHO-5 only */
	assert_non_null(oc_find(&o, OS_WHO5, "share_better", "6"));

	assert_true(fig(&o, OS_REFERRALS, "referrals", "got_help")->shown);
	assert_false(fig(&o, OS_REFERRALS, "referrals", "could_not_get_help")->shown);
	assert_false(fig(&o, OS_REFERRALS, "referrals", "sent")->shown);
	f = fig(&o, OS_REFERRALS, "share_got_help", "");
	assert_true(f->shown && f->value == 50.0);
	/* No got-help days: the median is not shown (0 people). */
	assert_false(fig(&o, OS_REFERRALS, "median_days", "got_help")->shown);

	/* One report holds only its sections. */
	oc_make(&a, OR_REFERRALS, &c, &o);
	assert_null(oc_find(&o, OS_SERVED, "served", ""));
	assert_non_null(oc_find(&o, OS_REFERRALS, "referrals", ""));
	arena_free(&a);
}

static void
period(void **state)
{
	char first[11], last[11];

	(void)state;
	assert_null(oc_period("2025-01", "2025-12", first, last));
	assert_string_equal(first, "2025-01-01");
	assert_string_equal(last, "2025-12-31");
	assert_null(oc_period("2028-02", "2028-02", first, last));   /* a leap year */
	assert_string_equal(last, "2028-02-29");
	assert_null(oc_period("2026-02", "2026-02", first, last));
	assert_string_equal(last, "2026-02-28");
	assert_string_equal(oc_period("2025-13", "2025-12", first, last), "month");
	assert_string_equal(oc_period("2025-1", "2025-12", first, last), "month");
	assert_string_equal(oc_period("2025-01", "2025-12-01", first, last), "month");
	assert_string_equal(oc_period("2025-06", "2025-05", first, last), "order");
	assert_null(oc_period("2016-01", "2025-12", first, last));     /* 120 months */
	assert_string_equal(oc_period("2015-12", "2025-12", first, last), "long");
}

static void
codes(void **state)
{
	enum oc_report r;
	int i;

	(void)state;
	for (i = 0; i < OR_COUNT; i++) {
		assert_true(oc_report_parse(oc_report_code((enum oc_report)i), &r));
		assert_int_equal(r, i);
	}
	assert_false(oc_report_parse("Outcomes", &r));
	assert_false(oc_report_parse(NULL, &r));
	/* Every section is in "outcomes" and in exactly one other report. */
	for (i = 0; i < OS_COUNT; i++) {
		int k, in = 0;

		assert_true(oc_report_has(OR_OUTCOMES, (enum oc_section)i));
		for (k = 1; k < OR_COUNT; k++)
			in += oc_report_has((enum oc_report)k, (enum oc_section)i);
		assert_int_equal(in, 1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_cells),
		cmocka_unit_test(complementary),
		cmocka_unit_test(median),
		cmocka_unit_test(figures),
		cmocka_unit_test(period),
		cmocka_unit_test(codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
