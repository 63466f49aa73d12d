/* Suggestions that start from strengths: the needs from open goals (one
 * per life domain, reached and let-go goals left out) and then the lowest
 * BARC-10 answers, which needs a peer group or a self-help meeting fits,
 * and the one line. */
#include "test.h"

#include "base/arena.h"
#include "core/suggest.h"

static void
needs(void **state)
{
	const struct goal goals[] = {
		{.title = "Et år uden alkohol", .domain = DOM_SUBSTANCE_USE, .status = ST_IN_PROGRESS},
		{.title = "Holde fødselsdag med min søn", .domain = DOM_FAMILY, .status = ST_REACHED},
		{.title = "Tage på højskole", .domain = DOM_MEANING, .status = ST_LET_GO},
		{.title = "Min egen lejlighed", .domain = DOM_HOUSING, .status = ST_NOT_STARTED},
		{.title = "Ingen øl i weekenden", .domain = DOM_SUBSTANCE_USE, .status = ST_NOT_STARTED},
		{.title = NULL, .domain = DOM_SUBSTANCE_USE, .status = ST_NOT_STARTED}, /* withheld */
	};
	const struct q_answer barc[] = {
		{"1", 5}, {"2", 3}, {"3", 4}, {"4", 2}, {"5", 1}, {"6", 6}, {"7", 1}, {"8", 1},
		{"9", 3}, {"10", 2},
	};
	struct suggest_need n[SUGGEST_MAX_NEEDS];
	size_t k;

	(void)state;
	k = suggest_needs(goals, 6, barc, 10, n, SUGGEST_MAX_NEEDS);
	assert_int_equal(k, 5);
	assert_int_equal(n[0].domain, DOM_SUBSTANCE_USE);
	assert_string_equal(n[0].goal_title, "Et år uden alkohol");
	assert_int_equal(n[1].domain, DOM_HOUSING);
	/* Then the lowest answers: 5 (friends; 7, housing, is there already;
	 * 8 has no domain), then 4 (its domain is there), then 3 ... */
	assert_null(n[2].goal_title);
	assert_int_equal(n[2].barc_item, 5);
	assert_int_equal(n[2].domain, DOM_SOCIAL_NETWORK);
	assert_int_equal(n[3].barc_item, 2);               /* 10 is substance: there */
	assert_int_equal(n[3].domain, DOM_MEANING);
	assert_int_equal(n[4].barc_item, 9);
	assert_int_equal(n[4].domain, DOM_MENTAL_HEALTH);
	/* At most max; none without goals or answers. */
	assert_int_equal(suggest_needs(goals, 6, barc, 10, n, 1), 1);
	assert_int_equal(suggest_needs(NULL, 0, NULL, 0, n, SUGGEST_MAX_NEEDS), 0);
	assert_int_equal(suggest_barc_domain(8), -1);
	assert_int_equal(suggest_barc_domain(11), -1);
	assert_true(suggest_peer_fits(DOM_FAMILY));
	assert_false(suggest_peer_fits(DOM_HOUSING));
	/* A self-help meeting: alcohol and drugs, and a community; not
	 * mental health as such, not housing. */
	assert_true(suggest_meeting_fits(DOM_SUBSTANCE_USE));
	assert_true(suggest_meeting_fits(DOM_SOCIAL_NETWORK));
	assert_false(suggest_meeting_fits(DOM_MENTAL_HEALTH));
	assert_false(suggest_meeting_fits(DOM_HOUSING));
}

static void
lines(void **state)
{
	struct arena a = ARENA_INIT;
	struct suggest_need goal = {DOM_FAMILY, "Genopbygge kontakten til min familie", 0};
	struct suggest_need low = {DOM_SOCIAL_NETWORK, NULL, 5};

	(void)state;
	assert_string_equal(suggest_line(&a, &goal, "This group meets every Tuesday near you."),
	    "You wrote that you want this: “Genopbygge kontakten til min familie”. This group "
	    "meets every Tuesday near you.");
	assert_string_equal(suggest_line(&a, &low, "This group meets online every Wednesday."),
	    "Your answers say that support from friends could grow. This group meets online "
	    "every Wednesday.");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(needs),
		cmocka_unit_test(lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
