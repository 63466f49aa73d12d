/* Pathway templates: the shipped ones read cleanly and round-trip through
 * JSON; a malformed one is refused with the JSON path of each problem. */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "base/embedded.h"
#include "base/i18n.h"
#include "core/pathway.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_round_trip),
		cmocka_unit_test(danish_guarantee),
		cmocka_unit_test(problems_by_path),
		cmocka_unit_test(json_error_place_and_words),
		cmocka_unit_test(not_json),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
