/* FHIR: search parameters over resources (dates with their prefixes and
 * precision, tokens with and without a system, strings by their start,
 * references either way, several values as "any of"), values that cannot
 * be one refused, canonicals by their url; a Goal and a
 * QuestionnaireResponse written by a client read with each fault named;
 * the mappings keep what they map. */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/i18n.h"
#include "core/person.h"
#include "core/plan.h"
#include "core/questionnaire.h"
#include "view/fhir.h"

static json_t *
load(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);

	if (j == NULL)
		fail_msg("bad JSON in a test: %s", err.text);
	return j;
}

static bool
match(const struct fhir_param *p, json_t *res, const char *value)
{
	bool bad = false, hit = fhir_param_match(p, res, value, &bad);

	assert_false(bad);
	return hit;
}

static bool
malformed(const struct fhir_param *p, json_t *res, const char *value)
{
	bool bad = false;

	(void)fhir_param_match(p, res, value, &bad);
	return bad;
}

static void
dates(void **state)
{
	const struct fhir_param p = {"date", FP_DATE, "effectiveDateTime|effectivePeriod", NULL};
	const struct fhir_param last = {"_lastUpdated", FP_DATE, "meta.lastUpdated", NULL};
	json_t *day = load("{\"effectiveDateTime\": \"2026-03-29\"}");
	json_t *at = load("{\"meta\": {\"lastUpdated\": \"2026-03-29T23:59:59.500000Z\"}}");
	json_t *period = load("{\"effectivePeriod\": {\"start\": \"2026-04-01T08:00:00Z\"}}");

	(void)state;
	assert_true(match(&p, day, "2026-03-29"));
	assert_true(match(&p, day, "2026-03"));
	assert_true(match(&p, day, "2026"));
	assert_false(match(&p, day, "2026-03-30"));
	assert_false(match(&p, day, "2025"));
	assert_true(match(&p, day, "ge2026-03-29"));
	assert_true(match(&p, day, "le2026-03-29"));
	assert_false(match(&p, day, "gt2026-03-29"));
	assert_false(match(&p, day, "lt2026-03-29"));
	assert_true(match(&p, day, "lt2026-03-30"));
	assert_true(match(&p, day, "ne2026-03-30"));
	assert_false(match(&p, day, "ne2026-03"));
	/* Any of several values. */
	assert_true(match(&p, day, "2025-01-01,2026-03-29"));
	/* A period's start, the second path. */
	assert_true(match(&p, period, "2026-04"));
	assert_false(match(&p, period, "2026-03"));
	/* An instant against a day: the last half second of the day is in it. */
	assert_true(match(&last, at, "2026-03-29"));
	assert_true(match(&last, at, "lt2026-03-30"));
	assert_false(match(&last, at, "ge2026-03-30"));
	assert_true(match(&last, at, "gt2026-03-29T23:59:58Z"));
	/* What cannot be a date is refused, not taken as no match. */
	assert_true(malformed(&p, day, "yesterday"));
	assert_true(malformed(&p, day, "2026-02-30"));
	assert_true(malformed(&p, day, "xx2026"));
	assert_true(malformed(&p, day, "2026-3-1"));
	assert_true(malformed(&p, day, ""));
	assert_true(malformed(&p, day, "2026-03-29T10:00:00+01:00"));
	json_decref(day);
	json_decref(at);
	json_decref(period);
}

static void
tokens_strings_references(void **state)
{
	const struct fhir_param status = {"lifecycle-status", FP_TOKEN, "lifecycleStatus", NULL};
	const struct fhir_param cat = {"category", FP_TOKEN, "category", NULL};
	const struct fhir_param ident = {"identifier", FP_TOKEN, "identifier", NULL};
	const struct fhir_param name = {"name", FP_STRING, "name", NULL};
	const struct fhir_param subj = {"subject", FP_REFERENCE, "subject", NULL};
	json_t *g = load("{\"lifecycleStatus\": \"active\", \"category\": [{\"coding\": "
	    "[{\"system\": \"urn:rosc:fhir:life-domain\", \"code\": \"housing\"}]}], "
	    "\"subject\": {\"reference\": \"Patient/abc\"}}");
	json_t *p = load("{\"identifier\": [{\"system\": \"urn:oid:1.2.208.176.1.2\", "
	    "\"value\": \"0101901234\"}], \"name\": [{\"text\": \"Mette Larsen\"}, "
	    "{\"text\": \"Mette\"}]}");

	(void)state;
	assert_true(match(&status, g, "active"));
	assert_true(match(&status, g, "planned,active"));
	assert_false(match(&status, g, "completed"));
	assert_false(match(&status, g, "activ"));
	assert_true(match(&cat, g, "housing"));
	assert_true(match(&cat, g, "urn:rosc:fhir:life-domain|housing"));
	assert_false(match(&cat, g, "|housing"));     /* a code without a system */
	assert_true(match(&cat, g, "urn:rosc:fhir:life-domain|"));
	assert_false(match(&cat, g, "http://other|housing"));
	assert_true(match(&ident, p, "0101901234"));
	assert_true(match(&ident, p, "urn:oid:1.2.208.176.1.2|0101901234"));
	assert_false(match(&ident, p, "urn:oid:2.16.840.1.113883.2.4.6.3|0101901234"));
	assert_true(match(&name, p, "mette"));
	assert_true(match(&name, p, "Mette L"));
	assert_false(match(&name, p, "Larsen"));
	assert_true(match(&subj, g, "Patient/abc"));
	assert_true(match(&subj, g, "abc"));
	assert_false(match(&subj, g, "bc"));
	assert_false(match(&subj, g, "Patient/abd"));
	json_decref(g);
	json_decref(p);
}

/* QuestionnaireResponse.questionnaire is a canonical: "url|version". */
static void
canonicals(void **state)
{
	const struct fhir_param q = {"questionnaire", FP_REFERENCE, "questionnaire", NULL};
	json_t *r = load("{\"questionnaire\": \"urn:rosc:fhir:questionnaire:audit-c|2\"}");

	(void)state;
	assert_true(match(&q, r, "urn:rosc:fhir:questionnaire:audit-c"));
	assert_true(match(&q, r, "urn:rosc:fhir:questionnaire:audit-c|2"));
	assert_false(match(&q, r, "urn:rosc:fhir:questionnaire:audit-c|1"));
	assert_false(match(&q, r, "urn:rosc:fhir:questionnaire:audit"));
	assert_false(match(&q, r, "urn:rosc:fhir:questionnaire:audit-c|"));
	json_decref(r);
}

static int
qr_read(struct arena *a, const char *text, struct fhir_qr_in *in, struct fhir_fault *f)
{
	json_t *j = load(text);
	int rc = fhir_qresponse_read(a, j, in, f);

	json_decref(j);
	return rc;
}

#define QR_HEAD "{\"resourceType\": \"QuestionnaireResponse\", \"status\": \"completed\", " \
	"\"subject\": {\"reference\": \"Patient/0123456789abcdef0123456789abcdef\"}, "

static void
qresponse_read(void **state)
{
	struct arena a = ARENA_INIT;
	struct fhir_qr_in in;
	struct fhir_fault f;

	(void)state;
	assert_int_equal(qr_read(&a, QR_HEAD "\"questionnaire\": \"urn:rosc:fhir:questionnaire:who-5\", "
	    "\"item\": [{\"linkId\": \"1\", \"text\": \"x\", \"answer\": [{\"valueCoding\": "
	    "{\"code\": \"4\", \"display\": \"Most\"}}]}, {\"linkId\": \"2\", \"answer\": "
	    "[{\"valueInteger\": 0}]}]}", &in, &f), 0);
	assert_string_equal(in.code, "who-5");
	assert_int_equal(in.version, 0);
	assert_string_equal(in.person_id, "0123456789abcdef0123456789abcdef");
	assert_int_equal(in.n, 2);
	assert_string_equal(in.answers[0].item, "1");
	assert_int_equal(in.answers[0].value, 4);
	assert_int_equal(in.answers[1].value, 0);
	assert_int_equal(qr_read(&a, QR_HEAD "\"questionnaire\": \"urn:rosc:fhir:questionnaire:who-5|12\", "
	    "\"item\": [{\"linkId\": \"1\", \"answer\": [{\"valueInteger\": 1}]}]}", &in, &f), 0);
	assert_int_equal(in.version, 12);
	/* Each fault at its element. */
	assert_int_equal(qr_read(&a, QR_HEAD "\"questionnaire\": \"urn:rosc:fhir:questionnaire:who-5\", "
	    "\"authored\": \"2026-12-07\", \"item\": []}", &in, &f), ERR_INVALID);
	assert_string_equal(f.element, "authored");
	assert_string_equal(f.code, "unknown_element");
	assert_int_equal(qr_read(&a, QR_HEAD "\"questionnaire\": \"urn:rosc:fhir:questionnaire:who-5|x\", "
	    "\"item\": []}", &in, &f), ERR_INVALID);
	assert_string_equal(f.element, "questionnaire");
	assert_string_equal(f.code, "invalid_format");
	assert_int_equal(qr_read(&a, "{\"status\": \"amended\", \"questionnaire\": "
	    "\"urn:rosc:fhir:questionnaire:who-5\"}", &in, &f), ERR_INVALID);
	assert_string_equal(f.element, "status");
	assert_string_equal(f.code, "invalid_choice");
	assert_int_equal(qr_read(&a, QR_HEAD "\"questionnaire\": \"urn:rosc:fhir:questionnaire:who-5\", "
	    "\"item\": [{\"linkId\": \"1\", \"answer\": [{\"valueInteger\": 1}]}, "
	    "{\"linkId\": \"2\", \"answer\": [{\"valueCoding\": {\"code\": \"two\"}}]}]}", &in, &f),
	    ERR_INVALID);
	assert_string_equal(f.element, "item[1].answer[0].valueCoding.code");
	assert_string_equal(f.code, "invalid_format");
	assert_int_equal(qr_read(&a, QR_HEAD "\"questionnaire\": \"urn:rosc:fhir:questionnaire:who-5\", "
	    "\"item\": [{\"linkId\": \"1\", \"item\": []}]}", &in, &f), ERR_INVALID);
	assert_string_equal(f.element, "item[0].item");
	assert_string_equal(f.code, "unknown_element");
	arena_free(&a);
}

static void
goal_read(void **state)
{
	const char *base = "{\"resourceType\": \"Goal\", \"lifecycleStatus\": \"active\", "
	    "\"category\": [{\"coding\": [{\"system\": \"urn:rosc:fhir:life-domain\", "
	    "\"code\": \"housing\"}]}], \"description\": {\"text\": \"Min egen lejlighed\"}, "
	    "\"subject\": {\"reference\": \"Patient/0123456789abcdef0123456789abcdef\"}";
	static const struct {
		const char *extra, *element, *code;
	} faults[] = {
		{", \"priority\": {\"text\": \"high\"}", "priority", "unknown_element"},
		{", \"note\": [{\"text\": \"\"}]", "note.text", "required"},
		{", \"note\": [{\"text\": \"a\"}, {\"text\": \"b\"}]", "note", "invalid_format"},
		{", \"language\": \"de\"", "language", "invalid_choice"},
	};
	struct fhir_fault f;
	struct goal g;
	json_t *j;
	char text[1024];
	size_t i;

	(void)state;
	snprintf(text, sizeof(text), "%s, \"note\": [{\"text\": \"Så Sofie kan sove hos mig.\"}]}",
	    base);
	j = load(text);
	memset(&g, 0, sizeof(g));
	assert_int_equal(fhir_goal_read(j, &g, &f), 0);
	assert_int_equal(g.status, ST_IN_PROGRESS);
	assert_int_equal(g.domain, DOM_HOUSING);
	assert_string_equal(g.title, "Min egen lejlighed");
	assert_string_equal(g.why, "Så Sofie kan sove hos mig.");
	assert_string_equal(g.person_id, "0123456789abcdef0123456789abcdef");
	/* What it reads, it writes back the same. */
	g.id = "g1";
	g.version = 3;
	{
		json_t *back = fhir_goal(&g);

		assert_string_equal(json_string_value(json_object_get(back, "lifecycleStatus")),
		    "active");
		assert_string_equal(json_string_value(json_object_get(json_object_get(back,
		    "description"), "text")), "Min egen lejlighed");
		assert_string_equal(json_string_value(json_object_get(json_object_get(back,
		    "meta"), "versionId")), "3");
		json_decref(back);
	}
	json_decref(j);
	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		snprintf(text, sizeof(text), "%s%s}", base, faults[i].extra);
		j = load(text);
		assert_int_equal(fhir_goal_read(j, &g, &f), ERR_INVALID);
		assert_string_equal(f.element, faults[i].element);
		assert_string_equal(f.code, faults[i].code);
		json_decref(j);
	}
	/* Missing or wrong, one at a time. */
	j = load("{\"resourceType\": \"Goal\"}");
	assert_int_equal(fhir_goal_read(j, &g, &f), ERR_INVALID);
	assert_string_equal(f.element, "lifecycleStatus");
	json_decref(j);
	snprintf(text, sizeof(text), "%s}", base);
	j = load(text);
	json_object_set_new(j, "lifecycleStatus", json_string("on-hold"));
	assert_int_equal(fhir_goal_read(j, &g, &f), ERR_INVALID);
	assert_string_equal(f.code, "invalid_choice");
	json_object_set_new(j, "lifecycleStatus", json_string("completed"));
	json_object_set_new(j, "subject", json_pack("{s:s}", "reference", "Patient/xyz"));
	assert_int_equal(fhir_goal_read(j, &g, &f), ERR_INVALID);
	assert_string_equal(f.element, "subject");
	json_object_set_new(j, "subject", json_pack("{s:s}", "reference",
	    "Patient/0123456789abcdef0123456789abcdef"));
	json_object_set_new(j, "description", json_pack("{s:i}", "text", 7));
	assert_int_equal(fhir_goal_read(j, &g, &f), ERR_INVALID);
	assert_string_equal(f.element, "description.text");
	assert_string_equal(f.code, "invalid_format");
	memset(text, 'x', 201);
	text[201] = '\0';
	json_object_set_new(j, "description", json_pack("{s:s}", "text", text));
	assert_int_equal(fhir_goal_read(j, &g, &f), ERR_INVALID);
	assert_string_equal(f.code, "too_long");
	json_object_set_new(j, "category", json_pack("[{s:[{s:s, s:s}]}]", "coding", "system",
	    "urn:rosc:fhir:life-domain", "code", "dreams"));
	assert_int_equal(fhir_goal_read(j, &g, &f), ERR_INVALID);
	assert_string_equal(f.element, "category");
	json_decref(j);
}

static void
patient(void **state)
{
	struct person p = {.id = "p1", .display_name = "Jan de Vries", .preferred_name = "Jan",
		.national_id = "123456782", .time_zone = "Europe/Amsterdam", .lang = "nl",
		.birth_date = "1979-05-04", .version = 2, .updated_us = 1};
	json_t *j = fhir_patient(&p);

	(void)state;
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "identifier"), 0), "system")), "http://fhir.nl/fhir/NamingSystem/bsn");
	assert_int_equal(json_array_size(json_object_get(j, "name")), 2);
	assert_null(json_object_get(j, "telecom"));
	assert_string_equal(json_string_value(json_object_get(j, "birthDate")), "1979-05-04");
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates),
		cmocka_unit_test(tokens_strings_references),
		cmocka_unit_test(canonicals),
		cmocka_unit_test(qresponse_read),
		cmocka_unit_test(goal_read),
		cmocka_unit_test(patient),
	};

	if (i18n_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
