/* Questionnaires and check-ins as FHIR: each version of a definition as
 * a Questionnaire (definitions, readable by anyone signed in), each of a
 * person's responses as a QuestionnaireResponse, and as Observations each
 * response's score and each check-in.
 *
 * A check-in is one Observation with a component per value (mood, sleep,
 * feeling supported, and with substance-use details craving and any use),
 * as a panel: the values were given together, at one moment, and are read
 * together. Craving and use come only with a grant that covers substance
 * use: the store leaves them out otherwise, and so does the component
 * list. A score is an Observation derived from its response, coded in
 * LOINC where the instrument's total score has a code (the AUDIT and the
 * AUDIT-C), else in rosc's own code system; its zone is its
 * interpretation. Responses to every questionnaire, the AUDIT's too, are
 * read with the person's questionnaires, as the pages read them. The
 * mapping is in docs/FHIR.md. */
#include "view/fhir.h"

#include <stdlib.h>
#include <string.h>

#include "access/grant.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/id.h"
#include "core/checkin.h"
#include "core/q_response.h"
#include "core/questionnaire.h"
#include "store/checkins.h"
#include "store/fhir.h"
#include "store/questionnaires.h"
#include "store/responses.h"
#include "view/responses.h"

#define OBS_CATEGORY "http://terminology.hl7.org/CodeSystem/observation-category"
#define CANONICAL FHIR_Q_CANONICAL
#define SCORE_SUFFIX "-score"

/* The total scores LOINC has a code for. */
static const struct {
	const char *code, *loinc, *display;
} loinc_scores[] = {
	{"audit", "75624-7", "Total score [AUDIT]"},
	{"audit-c", "75626-2", "Total score [AUDIT-C]"},
};

/* The language a definition's words are shown in: the reader's where the
 * instrument has an official version in it, else English. */
static enum lang
words_lang(const struct q_definition *d, enum lang l)
{
	return (unsigned)l < LANG_COUNT && d->official[l] ? l : LANG_EN;
}

/* A computable name from the code: "who-5" → "WHO_5". */
static const char *
computable_name(struct arena *a, const char *code)
{
	char *s = arena_printf(a, "Q%s", code), *p;

	for (p = s + 1; *p; p++) {
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
		else if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			*p = '_';
	}
	/* Starting with a capital already, the Q is not needed. */
	return s[1] >= 'A' && s[1] <= 'Z' ? s + 1 : s;
}

static const char *
option_label(const struct q_item *it, int value, enum lang l)
{
	size_t i;

	for (i = 0; it != NULL && i < it->noptions; i++)
		if (it->options[i].value == value)
			return q_text(&it->options[i].label, l);
	return NULL;
}

static json_t *
option_coding(const struct q_item *it, int value, enum lang l)
{
	json_t *c = json_pack("{s:o}", "code", json_sprintf("%d", value));
	const char *label = option_label(it, value, l);

	if (label != NULL)
		json_object_set_new(c, "display", json_string(label));
	return c;
}

/* --- Questionnaire -------------------------------------------------------- */

static json_t *
questionnaire(struct fhir_ctx *x, const struct questionnaire_row *row,
    const struct q_definition *d, bool latest)
{
	enum lang l = words_lang(d, i18n_current());
	json_t *o = json_object(), *items = json_array();
	const char *instr = q_text(&d->instructions, l);
	size_t i, k;

	json_object_set_new(o, "resourceType", json_string("Questionnaire"));
	json_object_set_new(o, "id", json_string(row->id));
	json_object_set_new(o, "meta", fhir_meta(0, row->created_us));
	json_object_set_new(o, "language", json_string(lang_code(l)));
	json_object_set_new(o, "url", json_sprintf(CANONICAL "%s", d->code));
	json_object_set_new(o, "version", json_sprintf("%d", d->version));
	json_object_set_new(o, "name", json_string(computable_name(x->a, d->code)));
	json_object_set_new(o, "title", json_string(q_text(&d->name, l)));
	json_object_set_new(o, "status", json_string(latest ? "active" : "retired"));
	json_object_set_new(o, "subjectType", json_pack("[s]", "Patient"));
	json_object_set_new(o, "date", fhir_instant(row->created_us));
	if (instr != NULL && *instr)
		json_object_set_new(o, "description", json_string(instr));
	if (d->attribution != NULL || d->licence != NULL)
		json_object_set_new(o, "copyright", json_sprintf("%s%s%s",
		    d->attribution ? d->attribution : "",
		    d->attribution && d->licence ? " " : "", d->licence ? d->licence : ""));
	for (i = 0; i < d->nitems; i++) {
		const struct q_item *it = &d->items[i];
		json_t *opts = json_array();

		for (k = 0; k < it->noptions; k++)
			json_array_append_new(opts, json_pack("{s:o}", "valueCoding",
			    option_coding(it, it->options[k].value, l)));
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:b, s:o}",
		    "linkId", it->id, "text", q_text(&it->text, l), "type", "choice",
		    "required", !it->skippable, "answerOption", opts));
	}
	json_object_set_new(o, "item", items);
	return o;
}

static int
collect_questionnaires(struct fhir_ctx *x, struct fhir_list *out)
{
	struct questionnaire_row *rows;
	struct q_definition d;
	struct q_problem p[1];
	size_t n, i;
	int rc;

	if ((rc = store_questionnaires(x->s, x->a, false, &rows, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		/* Newest first within a code: the first of each is current. */
		bool latest = i == 0 || strcmp(rows[i - 1].code, rows[i].code) != 0;

		if (q_parse(x->a, rows[i].body, strlen(rows[i].body), &d, p, 1) != 0)
			return ERR_DB;
		fhir_list_add(x->a, out, questionnaire(x, &rows[i], &d, latest), CAT_BASIC);
	}
	return 0;
}

/* --- the versions a person's responses answer ----------------------------- */

struct versions {
	struct q_version *v;
	size_t n, cap;
};

/* The version with that id, read once per collection. */
static int
version_of(struct fhir_ctx *x, struct versions *vs, const char *id,
    const struct q_version **out)
{
	size_t i;
	int rc;

	for (i = 0; i < vs->n; i++)
		if (strcmp(vs->v[i].row.id, id) == 0) {
			*out = &vs->v[i];
			return 0;
		}
	if (vs->n == vs->cap) {
		size_t cap = vs->cap ? vs->cap * 2 : 8;
		struct q_version *v = arena_alloc(x->a, cap * sizeof(*v));

		if (vs->n)
			memcpy(v, vs->v, vs->n * sizeof(*v));
		vs->v = v;
		vs->cap = cap;
	}
	if ((rc = view_q_version(x->s, x->a, id, NULL, &vs->v[vs->n])) != 0)
		return rc == ERR_NOT_FOUND ? ERR_DB : rc;
	*out = &vs->v[vs->n++];
	return 0;
}

/* --- QuestionnaireResponse ------------------------------------------------ */

json_t *
fhir_qresponse(const struct q_response *r, const struct q_definition *d)
{
	enum lang l = words_lang(d, i18n_current());
	json_t *o = json_object(), *items = json_array();
	size_t i, k;

	json_object_set_new(o, "resourceType", json_string("QuestionnaireResponse"));
	json_object_set_new(o, "id", json_string(r->id));
	json_object_set_new(o, "meta", fhir_meta(0, r->given_us));
	json_object_set_new(o, "language", json_string(lang_code(l)));
	json_object_set_new(o, "questionnaire", json_sprintf(CANONICAL "%s|%d", r->code,
	    r->version));
	json_object_set_new(o, "status", json_string("completed"));
	json_object_set_new(o, "subject", fhir_ref("Patient", r->person_id, NULL));
	json_object_set_new(o, "authored", fhir_instant(r->given_us));
	if (r->source == QR_STAFF)
		/* Staff entered them from a conversation with the person. */
		json_object_set_new(o, "author", json_pack("{s:s, s:s}", "type",
		    "Practitioner", "display", r->created_by_name ? r->created_by_name : "staff"));
	else
		json_object_set_new(o, "author", fhir_ref("Patient", r->person_id, NULL));
	/* The answers are the person's, whoever wrote them down. */
	json_object_set_new(o, "source", fhir_ref("Patient", r->person_id, NULL));
	/* In the questionnaire's order of items. */
	for (i = 0; i < d->nitems; i++) {
		const struct q_item *it = &d->items[i];

		for (k = 0; k < r->nanswers; k++)
			if (strcmp(r->answers[k].item, it->id) == 0)
				break;
		if (k == r->nanswers)
			continue;
		json_array_append_new(items, json_pack("{s:s, s:s, s:[{s:o}]}", "linkId", it->id,
		    "text", q_text(&it->text, l), "answer", "valueCoding",
		    option_coding(it, r->answers[k].value, l)));
	}
	if (json_array_size(items) > 0)
		json_object_set_new(o, "item", items);
	else
		json_decref(items);
	return o;
}

static int
collect_responses(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	struct versions vs = {0};
	const struct q_version *v;
	struct q_response *rs;
	size_t n, i;
	int rc;

	if ((rc = store_responses_all(x->s, x->a, g, &rs, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = version_of(x, &vs, rs[i].questionnaire_id, &v)) != 0)
			return rc;
		fhir_list_add(x->a, out, fhir_qresponse(&rs[i], &v->d), CAT_QUESTIONNAIRES);
	}
	return 0;
}

static int
response_owner(struct fhir_ctx *x, const char *id, const char **person_id)
{
	return store_response_person(x->s, x->a, id, person_id);
}

/* --- Observation: scores -------------------------------------------------- */

static json_t *
category_survey(void)
{
	return json_pack("[o]", fhir_concept(OBS_CATEGORY, "survey", "Survey"));
}

static json_t *
score(struct fhir_ctx *x, const struct q_response *r, const struct q_version *v)
{
	const struct q_definition *d = &v->d;
	json_t *o = json_object(), *codings = json_array();
	const struct q_zone *z = qr_zone(d, r->zone);
	bool official;
	size_t i;

	json_object_set_new(o, "resourceType", json_string("Observation"));
	json_object_set_new(o, "id", json_sprintf("%s" SCORE_SUFFIX, r->id));
	json_object_set_new(o, "meta", fhir_meta(0, r->given_us));
	json_object_set_new(o, "status", json_string("final"));
	json_object_set_new(o, "category", category_survey());
	for (i = 0; i < sizeof(loinc_scores) / sizeof(loinc_scores[0]); i++)
		if (strcmp(loinc_scores[i].code, r->code) == 0)
			json_array_append_new(codings, json_pack("{s:s, s:s, s:s}", "system",
			    "http://loinc.org", "code", loinc_scores[i].loinc, "display",
			    loinc_scores[i].display));
	json_array_append_new(codings, json_pack("{s:s, s:s, s:s}", "system",
	    FHIR_ROSC ":score", "code", r->code, "display",
	    view_q_name(v, i18n_current(), &official)));
	json_object_set_new(o, "code", json_pack("{s:o}", "coding", codings));
	json_object_set_new(o, "subject", fhir_ref("Patient", r->person_id, NULL));
	json_object_set_new(o, "effectiveDateTime", fhir_instant(r->given_us));
	json_object_set_new(o, "valueInteger", json_integer(r->score));
	if (z != NULL) {
		const char *label = q_text(&z->label, i18n_current());

		json_object_set_new(o, "interpretation", json_pack("[{s:[{s:s, s:s, s:s}], s:s}]",
		    "coding", "system", FHIR_ROSC ":score-zone", "code", z->code, "display",
		    label, "text", label));
	}
	json_object_set_new(o, "derivedFrom", json_pack("[o]",
	    fhir_ref("QuestionnaireResponse", r->id, NULL)));
	json_object_set_new(o, "referenceRange", json_pack("[{s:{s:i}, s:{s:i}}]",
	    "low", "value", d->min, "high", "value", d->max));
	return o;
}

/* --- Observation: check-ins ----------------------------------------------- */

static json_t *
component(const char *code, const char *display)
{
	return json_pack("{s:o}", "code", fhir_concept(FHIR_ROSC ":check-in", code, display));
}

static json_t *
scale(const char *code, const char *display, int v, int lo, int hi)
{
	json_t *c = component(code, display);

	json_object_set_new(c, "valueInteger", json_integer(v));
	json_object_set_new(c, "referenceRange", json_pack("[{s:{s:i}, s:{s:i}}]",
	    "low", "value", lo, "high", "value", hi));
	return c;
}

static json_t *
checkin(const struct checkin *c, bool substance)
{
	static const char *const use_words[CU_COUNT] = {
		NULL, "None", "A little", "A lot",
	};
	json_t *o = json_object(), *parts = json_array(), *use;

	json_object_set_new(o, "resourceType", json_string("Observation"));
	json_object_set_new(o, "id", json_string(c->id));
	json_object_set_new(o, "meta", fhir_meta(0, c->at_us));
	json_object_set_new(o, "status", json_string("final"));
	json_object_set_new(o, "category", category_survey());
	json_object_set_new(o, "code", fhir_concept(FHIR_ROSC ":check-in", "check-in",
	    "Check-in"));
	json_object_set_new(o, "subject", fhir_ref("Patient", c->person_id, NULL));
	json_object_set_new(o, "effectiveDateTime", fhir_instant(c->at_us));
	json_object_set_new(o, "performer", json_pack("[o]",
	    fhir_ref("Patient", c->person_id, NULL)));
	if (c->line != NULL && *c->line)
		json_object_set_new(o, "note", json_pack("[{s:s}]", "text", c->line));
	json_array_append_new(parts, scale("mood", "Mood", c->mood, 1, CHECKIN_MOOD_MAX));
	json_array_append_new(parts, scale("sleep", "Sleep", c->sleep, 1, CHECKIN_MOOD_MAX));
	json_array_append_new(parts, scale("supported", "Feeling supported", c->supported, 1,
	    CHECKIN_MOOD_MAX));
	if (substance) {
		if (c->craving >= 0)
			json_array_append_new(parts, scale("craving", "Craving", c->craving, 0,
			    CHECKIN_CRAVING_MAX));
		use = component("use", "Any use since the last check-in");
		if (c->use == CU_SKIPPED)
			json_object_set_new(use, "dataAbsentReason", fhir_concept(
			    "http://terminology.hl7.org/CodeSystem/data-absent-reason",
			    "asked-declined", "Asked But Declined"));
		else
			json_object_set_new(use, "valueCodeableConcept", fhir_concept(
			    FHIR_ROSC ":substance-use", checkin_use_code(c->use),
			    use_words[c->use]));
		json_array_append_new(parts, use);
	}
	json_object_set_new(o, "component", parts);
	return o;
}

#define CHECKIN_PAGE 500

static int
collect_observations(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	bool substance = grant_covers(g, CAT_SUBSTANCE);
	struct versions vs = {0};
	const struct q_version *v;
	const char *before = NULL;
	struct q_response *rs;
	struct checkin *cs;
	size_t n, i;
	int rc;

	if ((rc = store_responses_all(x->s, x->a, g, &rs, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (!rs[i].scored)
			continue;
		if ((rc = version_of(x, &vs, rs[i].questionnaire_id, &v)) != 0)
			return rc;
		fhir_list_add(x->a, out, score(x, &rs[i], v), CAT_QUESTIONNAIRES);
	}
	/* Every check-in, a page at a time. */
	do {
		if ((rc = store_checkins(x->s, x->a, g, before, CHECKIN_PAGE, &cs, &n)) != 0)
			return rc;
		for (i = 0; i < n; i++)
			fhir_list_add(x->a, out, checkin(&cs[i], substance),
			    substance ? CAT_SUBSTANCE : CAT_QUESTIONNAIRES);
		before = n > 0 ? cs[n - 1].id : NULL;
	} while (n == CHECKIN_PAGE);
	return 0;
}

static int
observation_owner(struct fhir_ctx *x, const char *id, const char **person_id)
{
	size_t len = strlen(id), slen = strlen(SCORE_SUFFIX);

	if (len > slen && strcmp(id + len - slen, SCORE_SUFFIX) == 0)
		return store_response_person(x->s, x->a, arena_strndup(x->a, id, len - slen),
		    person_id);
	return store_checkin_person(x->s, x->a, id, person_id);
}

/* --- the kinds ------------------------------------------------------------ */

static const struct fhir_param questionnaire_params[] = {
	{"url", FP_TOKEN, "url", "the canonical url (" CANONICAL "CODE)"},
	{"version", FP_TOKEN, "version", "the version"},
	{"name", FP_STRING, "name", "the start of the computable name (WHO_5)"},
	{"title", FP_STRING, "title", "the start of the title"},
	{"status", FP_TOKEN, "status", "active (the newest version) or retired"},
	{NULL, 0, NULL, NULL},
};

static const struct fhir_param response_params[] = {
	{"questionnaire", FP_REFERENCE, "questionnaire",
	    "the questionnaire answered: its url, or url|version"},
	{"authored", FP_DATE, "authored", "when the answers were given"},
	{"status", FP_TOKEN, "status", "completed"},
	{NULL, 0, NULL, NULL},
};

static const struct fhir_param observation_params[] = {
	{"code", FP_TOKEN, "code",
	    "a score (LOINC or " FHIR_ROSC ":score) or a check-in (" FHIR_ROSC ":check-in)"},
	{"component-code", FP_TOKEN, "component.code",
	    "a check-in's value: mood, sleep, supported, craving, use"},
	{"combo-code", FP_TOKEN, "code|component.code", "code or component-code"},
	{"date", FP_DATE, "effectiveDateTime", "when it was given"},
	{"category", FP_TOKEN, "category", "survey"},
	{"status", FP_TOKEN, "status", "final"},
	{"derived-from", FP_REFERENCE, "derivedFrom",
	    "a score's QuestionnaireResponse"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_questionnaire_kind = {
	.type = "Questionnaire", .access = FA_PUBLIC,
	.collect_all = collect_questionnaires, .params = questionnaire_params,
};

const struct fhir_kind fhir_qresponse_kind = {
	.type = "QuestionnaireResponse", .access = FA_PERSON, .cat = CAT_QUESTIONNAIRES,
	.collect = collect_responses, .owner = response_owner, .params = response_params,
	.writes = FW_CREATE, .in_everything = true,
};

const struct fhir_kind fhir_observation_kind = {
	.type = "Observation", .access = FA_PERSON, .cat = CAT_QUESTIONNAIRES,
	.may_hold = CAT_BIT(CAT_SUBSTANCE),
	.collect = collect_observations, .owner = observation_owner,
	.params = observation_params, .in_everything = true,
};
