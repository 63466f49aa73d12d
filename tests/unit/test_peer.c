/* Matching peers: every preference is respected (each hard filter alone
 * and together), an excluded peer or one not taking new people is never
 * suggested, and the ranking counts the soft things that fit. */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "core/peer.h"

#define L(x) (1u << (x))
#define MON 1u
#define TUE 2u
#define WED 4u
#define THU 8u
#define SAT 32u

/* Four peers: Amira (da, ar; København; day; woman 30-44; alcohol, opioids;
 * video), Sanne (nl, en; Amsterdam; day and evening; woman 45-59;
 * cannabis, stimulants; video), Lars (da; København, Frederiksberg;
 * evening; man 45-59; alcohol; no video), Pieter (nl; Utrecht; not taking
 * new people). */
static struct peer_profile peers[4];

static void
setup_peers(void)
{
	memset(peers, 0, sizeof(peers));
	peers[0] = (struct peer_profile){.id = "a1", .name = "Amira", .story = "",
		.langs = L(PL_DA) | L(PL_AR), .substances = L(PS_ALCOHOL) | L(PS_OPIOIDS),
		.days = MON | TUE | WED, .times = PEER_TIME_DAY, .gender = PG_WOMAN,
		.age = PAGE_30_44, .areas = "København", .taking_new = true, .video = true};
	peers[1] = (struct peer_profile){.id = "s2", .name = "Sanne", .story = "",
		.langs = L(PL_NL) | L(PL_EN), .substances = L(PS_CANNABIS) | L(PS_STIMULANTS),
		.days = TUE | THU, .times = PEER_TIMES_ALL, .gender = PG_WOMAN,
		.age = PAGE_45_59, .areas = "Amsterdam", .taking_new = true, .video = true};
	peers[2] = (struct peer_profile){.id = "l3", .name = "Lars", .story = "",
		.langs = L(PL_DA), .substances = L(PS_ALCOHOL), .days = MON | THU | SAT,
		.times = PEER_TIME_EVENING, .gender = PG_MAN, .age = PAGE_45_59,
		.areas = "København, Frederiksberg", .taking_new = true, .video = false};
	peers[3] = (struct peer_profile){.id = "p4", .name = "Pieter", .story = "",
		.langs = L(PL_NL) | L(PL_DA), .substances = PS_COUNT > 0 ? 0x3F : 0,
		.days = PEER_DAYS_ALL, .times = PEER_TIMES_ALL, .gender = PG_MAN,
		.age = PAGE_30_44, .areas = "Utrecht, København", .taking_new = false,
		.video = true};
}

static struct peer_pref
any_pref(void)
{
	return (struct peer_pref){.substance = -1, .gender = PG_NONE, .age = PAGE_NONE,
		.set = true};
}

/* The names suggested, in order, as "Amira,Lars". */
static const char *
names(struct arena *a, const struct peer_pref *p, const char *const *ex, size_t nex)
{
	struct peer_fit fit[8];
	size_t n = peer_match(a, p, peers, 4, ex, nex, fit, 8), i;
	char *s = arena_strdup(a, "");

	for (i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%s", s, i ? "," : "", peers[fit[i].index].name);
	return s;
}

static void
nothing_asked(void **state)
{
	struct arena a = ARENA_INIT;
	struct peer_pref p = any_pref();

	(void)state;
	setup_peers();
	/* Not taking new people: never, even with nothing asked. */
	assert_string_equal(names(&a, &p, NULL, 0), "Amira,Lars,Sanne");
	arena_free(&a);
}

static void
each_filter_alone(void **state)
{
	struct arena a = ARENA_INIT;
	struct peer_pref p;

	(void)state;
	setup_peers();
	p = any_pref();
	p.langs = L(PL_AR);
	assert_string_equal(names(&a, &p, NULL, 0), "Amira");
	p.langs = L(PL_NL);                  /* Pieter speaks it, but takes no one */
	assert_string_equal(names(&a, &p, NULL, 0), "Sanne");
	p.langs = L(PL_SO);
	assert_string_equal(names(&a, &p, NULL, 0), "");

	p = any_pref();
	p.gender = PG_MAN;
	assert_string_equal(names(&a, &p, NULL, 0), "Lars");
	p.gender = PG_NONBINARY;
	assert_string_equal(names(&a, &p, NULL, 0), "");

	p = any_pref();
	p.substance = PS_OPIOIDS;
	assert_string_equal(names(&a, &p, NULL, 0), "Amira");
	p.substance = PS_ALCOHOL;
	assert_string_equal(names(&a, &p, NULL, 0), "Amira,Lars");

	p = any_pref();
	p.age = PAGE_45_59;
	assert_string_equal(names(&a, &p, NULL, 0), "Lars,Sanne");

	p = any_pref();
	p.days = SAT;
	assert_string_equal(names(&a, &p, NULL, 0), "Lars");

	p = any_pref();
	p.times = PEER_TIME_EVENING;
	assert_string_equal(names(&a, &p, NULL, 0), "Lars,Sanne");

	/* Area: only those there, unless both meet by video. */
	p = any_pref();
	p.area = "frederiksberg";            /* case-folded */
	assert_string_equal(names(&a, &p, NULL, 0), "Lars");
	p.area = "KØBENHAVN";
	assert_string_equal(names(&a, &p, NULL, 0), "Amira,Lars");
	p.video = true;                      /* Sanne by video; Lars is near */
	assert_string_equal(names(&a, &p, NULL, 0), "Amira,Lars,Sanne");
	p.area = "Aarhus";                   /* nobody near: only by video */
	assert_string_equal(names(&a, &p, NULL, 0), "Amira,Sanne");
	arena_free(&a);
}

static void
filters_together(void **state)
{
	struct arena a = ARENA_INIT;
	struct peer_pref p = any_pref();
	struct peer_fit fit[4];
	size_t n;

	(void)state;
	setup_peers();
	/* Danish, alcohol, a woman, by day in København: Amira alone. */
	p.langs = L(PL_DA);
	p.substance = PS_ALCOHOL;
	p.gender = PG_WOMAN;
	p.times = PEER_TIME_DAY;
	p.area = "København";
	assert_string_equal(names(&a, &p, NULL, 0), "Amira");
	n = peer_match(&a, &p, peers, 4, NULL, 0, fit, 4);
	assert_int_equal(n, 1);
	assert_true(fit[0].area);
	assert_true(fit[0].substance);
	assert_true(fit[0].gender);
	assert_int_equal(fit[0].langs, L(PL_DA));
	/* Evening too: nobody who is a woman. */
	p.times = PEER_TIME_EVENING;
	assert_string_equal(names(&a, &p, NULL, 0), "");
	/* Each filter can rule out the one who fits the rest. */
	p = any_pref();
	p.langs = L(PL_DA);
	p.age = PAGE_45_59;
	p.substance = PS_ALCOHOL;
	assert_string_equal(names(&a, &p, NULL, 0), "Lars");
	p.days = TUE;
	assert_string_equal(names(&a, &p, NULL, 0), "");
	arena_free(&a);
}

static void
excluded_never(void **state)
{
	struct arena a = ARENA_INIT;
	struct peer_pref p = any_pref();
	const char *ex[] = {"l3"};
	const char *all[] = {"a1", "s2", "l3", "p4"};

	(void)state;
	setup_peers();
	assert_string_equal(names(&a, &p, ex, 1), "Amira,Sanne");
	p.gender = PG_MAN;                   /* the only one who fits is excluded */
	assert_string_equal(names(&a, &p, ex, 1), "");
	p = any_pref();
	assert_string_equal(names(&a, &p, all, 4), "");
	/* Taking no one: not even when everything else fits perfectly. */
	p.langs = L(PL_NL);
	p.area = "Utrecht";
	assert_string_equal(names(&a, &p, NULL, 0), "");
	arena_free(&a);
}

static void
ranking(void **state)
{
	struct arena a = ARENA_INIT;
	struct peer_pref p = any_pref();
	struct peer_fit fit[4];

	(void)state;
	setup_peers();
	/* København with video: Amira and Lars near (2 each), Amira meets by
	 * video too (+1): Amira, Lars, then Sanne by video only. */
	p.area = "København";
	p.video = true;
	assert_string_equal(names(&a, &p, NULL, 0), "Amira,Lars,Sanne");
	/* Thursday evening and both languages she speaks: Sanne's, all days
	 * and times asked, two languages shared. */
	p = any_pref();
	p.langs = L(PL_NL) | L(PL_EN) | L(PL_DA);
	p.days = THU;
	assert_string_equal(names(&a, &p, NULL, 0), "Sanne,Lars");
	peer_match(&a, &p, peers, 4, NULL, 0, fit, 4);
	assert_true(fit[0].score > fit[1].score);
	/* max caps what is written. */
	p = any_pref();
	assert_int_equal(peer_match(&a, &p, peers, 4, NULL, 0, fit, 2), 2);
	arena_free(&a);
}

static void
codes_and_areas(void **state)
{
	enum peer_lang l;
	enum peer_gender g;
	enum peer_age ag;
	enum peer_substance s;
	struct arena a = ARENA_INIT;

	(void)state;
	assert_true(peer_lang_parse("ar", &l));
	assert_int_equal(l, PL_AR);
	assert_false(peer_lang_parse("xx", &l));
	assert_true(peer_gender_parse("", &g));
	assert_int_equal(g, PG_NONE);
	assert_false(peer_gender_parse("other", &g));
	assert_true(peer_age_parse("60+", &ag));
	assert_int_equal(ag, PAGE_60_UP);
	assert_true(peer_substance_parse("opioids", &s));
	assert_false(peer_substance_parse("gambling", &s));
	assert_null(peer_areas_check("København, Frederiksberg"));
	assert_null(peer_areas_check(""));
	assert_string_equal(peer_areas_check("København,,Frederiksberg"), "invalid_format");
	assert_string_equal(peer_areas_check("a,b,c,d,e,f,g,h,i,j,k"), "too_long");
	assert_string_equal(peer_areas_check("\xff"), "invalid_format");
	assert_true(peer_areas_has(&a, " Amsterdam ,Utrecht", "utrecht"));
	assert_false(peer_areas_has(&a, "Amsterdam", "Amster"));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nothing_asked),
		cmocka_unit_test(each_filter_alone),
		cmocka_unit_test(filters_together),
		cmocka_unit_test(excluded_never),
		cmocka_unit_test(ranking),
		cmocka_unit_test(codes_and_areas),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
