/* Help now: the helplines by country (each with its source), the country
 * of a time zone, how a member's contact is reached, and the message,
 * which says nothing about alcohol, drugs or care. */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "core/help_now.h"

static void
lines_by_country(void **state)
{
	const struct helpline *h;
	size_t n, i;

	(void)state;
	h = helplines(HN_DK, &n);
	assert_non_null(h);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].number, "112");
	assert_true(h[0].emergency);
	assert_string_equal(h[1].name, "Alkolinjen");
	assert_string_equal(h[1].number, "80 200 500");
	h = helplines(HN_NL, &n);
	assert_int_equal(n, 3);
	assert_string_equal(h[0].number, "112");
	assert_string_equal(h[1].number, "113");
	assert_string_equal(h[2].number, "088 0767 000");
	/* Every number names who publishes it and where. */
	for (i = 0; i < n; i++) {
		assert_int_equal(h[i].country, HN_NL);
		assert_true(strlen(h[i].source_org) > 0);
		assert_int_equal(strncmp(h[i].source_url, "http", 4), 0);
	}
	assert_null(helplines(HN_NONE, &n));
	assert_int_equal(n, 0);
	assert_string_equal(helpline_europe()->number, "112");
}

static void
country_of_zone(void **state)
{
	(void)state;
	assert_int_equal(hn_country_of_zone("Europe/Copenhagen"), HN_DK);
	assert_int_equal(hn_country_of_zone("Europe/Amsterdam"), HN_NL);
	assert_int_equal(hn_country_of_zone("Europe/Berlin"), HN_NONE);
	assert_int_equal(hn_country_of_zone(NULL), HN_NONE);
	assert_string_equal(hn_country_code(HN_DK), "DK");
	assert_null(hn_country_code(HN_NONE));
}

static void
channels(void **state)
{
	struct arena a = ARENA_INIT;
	const char *to;

	(void)state;
	assert_int_equal(hn_channel_of(&a, " birgit@example.dk ", &to), HN_EMAIL);
	assert_string_equal(to, "birgit@example.dk");
	assert_int_equal(hn_channel_of(&a, "+45 40 50 60 70", &to), HN_SMS);
	assert_string_equal(to, "+4540506070");
	assert_int_equal(hn_channel_of(&a, "0031 6 1234 5678", &to), HN_SMS);
	assert_string_equal(to, "+31612345678");
	assert_int_equal(hn_channel_of(&a, "06-12345678", &to), HN_SMS);
	assert_string_equal(to, "0612345678");
	/* Not an address, not a number: not reached at all. */
	assert_int_equal(hn_channel_of(&a, "ask at the café", &to), HN_UNREACHABLE);
	assert_null(to);
	assert_int_equal(hn_channel_of(&a, "112", &to), HN_UNREACHABLE);
	assert_int_equal(hn_channel_of(&a, "a@b", &to), HN_UNREACHABLE);
	assert_int_equal(hn_channel_of(&a, "two@at@example.org", &to), HN_UNREACHABLE);
	assert_int_equal(hn_channel_of(&a, "x@example.org\r\nBcc: y@example.org", &to),
	    HN_UNREACHABLE);
	assert_int_equal(hn_channel_of(&a, "+45 40 +50", &to), HN_UNREACHABLE);
	assert_int_equal(hn_channel_of(&a, "", &to), HN_UNREACHABLE);
	assert_int_equal(hn_channel_of(&a, NULL, &to), HN_UNREACHABLE);
	assert_string_equal(hn_channel_code(HN_EMAIL), "email");
	assert_string_equal(hn_channel_code(HN_SMS), "sms");
	assert_null(hn_channel_code(HN_UNREACHABLE));
	arena_free(&a);
}

static void
the_message(void **state)
{
	struct arena a = ARENA_INIT;
	const char *subject, *body;

	(void)state;
	assert_string_equal(hn_first_name(&a, NULL, "Mette Larsen"), "Mette");
	assert_string_equal(hn_first_name(&a, "Mette", "Mette Marie Larsen"), "Mette");
	assert_string_equal(hn_first_name(&a, "", " Jan de Vries"), "Jan");
	i18n_use(LANG_EN);
	hn_message(&a, "Mette", &subject, &body);
	assert_string_equal(subject, "Mette would like you to get in touch");
	assert_non_null(strstr(body, "Mette pressed Help now in rosc and would like you to get "
	    "in touch."));
	assert_null(strstr(body, "alcohol"));
	assert_null(strstr(body, "drug"));
	assert_null(strstr(body, "treatment"));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_by_country),
		cmocka_unit_test(country_of_zone),
		cmocka_unit_test(channels),
		cmocka_unit_test(the_message),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
