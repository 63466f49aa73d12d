#include "test.h"

#include <pthread.h>

#include "base/i18n.h"

static void
negotiation(void **state)
{
	assert_int_equal(lang_negotiate(NULL, NULL), LANG_EN);
	assert_int_equal(lang_negotiate("da", "nl"), LANG_DA);      /* cookie wins */
	assert_int_equal(lang_negotiate("xx", "nl"), LANG_NL);      /* bad cookie ignored */
	assert_int_equal(lang_negotiate(NULL, "da-DK,da;q=0.9,en;q=0.5"), LANG_DA);
	assert_int_equal(lang_negotiate(NULL, "fr-FR,nl;q=0.4,en;q=0.3"), LANG_NL);
	assert_int_equal(lang_negotiate(NULL, "en;q=0.2, da;q=0.8"), LANG_DA);
	assert_int_equal(lang_negotiate(NULL, "nl-BE"), LANG_NL);
	assert_int_equal(lang_negotiate(NULL, "de, fr"), LANG_EN);
	assert_int_equal(lang_negotiate(NULL, "da;q=0, nl;q=0.001"), LANG_NL);
	assert_int_equal(lang_negotiate(NULL, "dan"), LANG_EN);
	assert_int_equal(lang_negotiate(NULL, ";;;,,,q=,"), LANG_EN);
	assert_int_equal(lang_negotiate(NULL, ""), LANG_EN);
}

static void
codes(void **state)
{
	enum lang l;

	assert_true(lang_parse("DA", 2, &l));
	assert_int_equal(l, LANG_DA);
	assert_true(lang_parse("nl_NL", 5, &l));
	assert_int_equal(l, LANG_NL);
	assert_false(lang_parse("d", 1, &l));
	assert_false(lang_parse("dax", 3, &l));
	assert_string_equal(lang_code(LANG_NL), "nl");
	assert_string_equal(lang_endonym(LANG_DA), "Dansk");
}

static const char *seen[2];
static enum lang current[2];

static void *
in_danish(void *p)
{
	i18n_use(LANG_DA);
	seen[0] = _("Skip to content");
	current[0] = i18n_current();
	return NULL;
}

static void *
in_dutch(void *p)
{
	i18n_use(LANG_NL);
	seen[1] = _("Skip to content");
	current[1] = i18n_current();
	return NULL;
}

/* Each thread answers in its own language at the same time. */
static void
per_thread_language(void **state)
{
	pthread_t a, b;

	if (!i18n_available(LANG_DA) || !i18n_available(LANG_NL))
		fail_msg("the da_DK and nl_NL locales are missing: run scripts/install-deps.sh");
	pthread_create(&a, NULL, in_danish, NULL);
	pthread_create(&b, NULL, in_dutch, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	assert_string_equal(seen[0], "Gå til indholdet");
	assert_string_equal(seen[1], "Naar de inhoud");
	assert_int_equal(current[0], LANG_DA);
	assert_int_equal(current[1], LANG_NL);
	i18n_use(LANG_EN);
	assert_string_equal(_("Skip to content"), "Skip to content");
	assert_int_equal(i18n_current(), LANG_EN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(negotiation),
		cmocka_unit_test(codes),
		cmocka_unit_test(per_thread_language),
	};
	i18n_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
