/* What a client sends to the FHIR API, read into rosc's values: a Goal,
 * a CarePlan's activities, an Appointment, a QuestionnaireResponse and a
 * Task. Each element is checked and an element rosc does not keep is
 * refused. No store and no grant: the writers in src/fhir/ take what these
 * return through the door, and tests/fuzz/ drives them alone. */
#include "view/fhir.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "base/utf8.h"
#include "core/appointment.h"
#include "core/plan.h"
#include "core/q_response.h"
#include "core/questionnaire.h"
#include "core/referral.h"

const char *
fhir_ref_id(json_t *ref, const char *type)
{
	const char *s = json_string_value(json_object_get(ref, "reference"));
	size_t n = strlen(type);

	if (s == NULL || strncmp(s, type, n) != 0 || s[n] != '/')
		return NULL;
	s += n + 1;
	/* A FHIR id: [A-Za-z0-9-.]{1,64}. */
	if (*s == '\0' || strlen(s) > 64 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-.") != strlen(s))
		return NULL;
	return s;
}

const char *
fhir_resource_check(json_t *res, const char *type, const char *id)
{
	const char *rt = json_string_value(json_object_get(res, "resourceType")), *rid;

	if (rt == NULL || strcmp(rt, type) != 0)
		return "resourceType";
	rid = json_string_value(json_object_get(res, "id"));
	if (id != NULL && (rid == NULL || strcmp(rid, id) != 0))
		return "id";
	return NULL;
}

int
fhir_fault(struct fhir_fault *f, const char *element, const char *code)
{
	f->element = element;
	f->code = code;
	return ERR_INVALID;
}

/* --- a Goal written by a client ------------------------------------------- */

static bool
lifecycle_parse(const char *s, enum item_status *out)
{
	static const struct { const char *code; enum item_status st; } map[] = {
		{"planned", ST_NOT_STARTED}, {"proposed", ST_NOT_STARTED},
		{"accepted", ST_NOT_STARTED}, {"active", ST_IN_PROGRESS},
		{"completed", ST_REACHED}, {"cancelled", ST_LET_GO},
	};
	size_t i;

	for (i = 0; s != NULL && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].code, s) == 0) {
			*out = map[i].st;
			return true;
		}
	return false;
}

/* A text member: present (if required), valid text, within max
 * characters. NULL and *code if not. */
static const char *
text_of(json_t *v, bool required, size_t max, const char **code)
{
	const char *s = json_string_value(v);
	size_t n;

	if (v == NULL) {
		*code = required ? "required" : NULL;
		return NULL;
	}
	if (s == NULL) {
		*code = "invalid_format";
		return NULL;
	}
	n = json_string_length(v);
	if (!utf8_valid_text(s, n))
		*code = "invalid_format";
	else if (required && strspn(s, " \t\r\n") == n)
		*code = "required";
	else if (utf8_count(s, n) > max)
		*code = "too_long";
	else
		return s;
	return NULL;
}

int
fhir_goal_read(json_t *res, struct goal *g, struct fhir_fault *f)
{
	static const char *const known[] = {
		"resourceType", "id", "meta", "language", "text", "lifecycleStatus",
		"achievementStatus", "category", "description", "subject", "statusDate", "note",
	};
	const char *key, *s, *code = NULL;
	json_t *v, *coding, *c;
	size_t i, j;
	bool found = false;

	json_object_foreach(res, key, v) {
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strcmp(key, known[i]) == 0)
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			return fhir_fault(f, key, "unknown_element");
	}
	s = json_string_value(json_object_get(res, "lifecycleStatus"));
	if (s == NULL)
		return fhir_fault(f, "lifecycleStatus", "required");
	if (!lifecycle_parse(s, &g->status))
		return fhir_fault(f, "lifecycleStatus", "invalid_choice");
	/* The life domain: a coding of rosc's code system in some category. */
	json_array_foreach(json_object_get(res, "category"), i, c) {
		coding = json_object_get(c, "coding");
		json_array_foreach(coding, j, v) {
			const char *sys = json_string_value(json_object_get(v, "system"));

			if (sys == NULL || strcmp(sys, FHIR_ROSC ":life-domain") != 0)
				continue;
			if (!domain_parse(json_string_value(json_object_get(v, "code")), &g->domain))
				return fhir_fault(f, "category", "invalid_choice");
			found = true;
		}
	}
	if (!found)
		return fhir_fault(f, "category", "required");
	g->title = text_of(json_object_get(json_object_get(res, "description"), "text"), true,
	    GOAL_TITLE_MAX, &code);
	if (g->title == NULL)
		return fhir_fault(f, "description.text", code);
	g->why = NULL;
	v = json_object_get(res, "note");
	if (v != NULL && (!json_is_array(v) || json_array_size(v) > 1))
		return fhir_fault(f, "note", "invalid_format");
	if (json_array_size(v) == 1) {
		g->why = text_of(json_object_get(json_array_get(v, 0), "text"), true,
		    PLAN_TEXT_MAX, &code);
		if (g->why == NULL)
			return fhir_fault(f, "note.text", code);
	}
	v = json_object_get(res, "language");
	g->text_lang = json_string_value(v);
	if (v != NULL && (g->text_lang == NULL || (strcmp(g->text_lang, "en") != 0 &&
	    strcmp(g->text_lang, "nl") != 0 && strcmp(g->text_lang, "da") != 0)))
		return fhir_fault(f, "language", "invalid_choice");
	s = json_string_value(json_object_get(json_object_get(res, "subject"), "reference"));
	if (s == NULL)
		return fhir_fault(f, "subject", "required");
	if (strncmp(s, "Patient/", 8) != 0 || !id_valid(s + 8, strlen(s + 8)))
		return fhir_fault(f, "subject", "invalid_format");
	g->person_id = s + 8;
	return 0;
}

/* --- a CarePlan written by a client --------------------------------------- */

static bool
activity_status_parse(const char *s, enum item_status *out)
{
	static const struct { const char *code; enum item_status st; } map[] = {
		{"not-started", ST_NOT_STARTED}, {"scheduled", ST_NOT_STARTED},
		{"in-progress", ST_IN_PROGRESS}, {"completed", ST_REACHED},
		{"cancelled", ST_LET_GO}, {"stopped", ST_LET_GO},
	};
	size_t i;

	for (i = 0; s != NULL && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].code, s) == 0) {
			*out = map[i].st;
			return true;
		}
	return false;
}

/* Whether every member of o is among the n names. */
static const char *
unknown_member(json_t *o, const char *const *names, size_t n)
{
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach(o, key, v) {
		for (i = 0; i < n; i++)
			if (strcmp(key, names[i]) == 0)
				break;
		if (i == n)
			return key;
	}
	return NULL;
}

static int
read_activity(struct arena *a, json_t *act, size_t k, struct fhir_activity *out,
    struct fhir_fault *f)
{
	static const char *const act_known[] = {"id", "detail"};
	static const char *const detail_known[] = {
		"status", "description", "goal", "scheduledPeriod", "performer",
	};
	const char *at = arena_printf(a, "activity[%zu]", k), *bad, *code = NULL, *ref;
	json_t *d = json_object_get(act, "detail"), *v;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(act) || !json_is_object(d))
		return fhir_fault(f, arena_printf(a, "%s.detail", at), "required");
	if ((bad = unknown_member(act, act_known, 2)) != NULL)
		return fhir_fault(f, arena_printf(a, "%s.%s", at, bad), "unknown_element");
	if ((bad = unknown_member(d, detail_known, 5)) != NULL)
		return fhir_fault(f, arena_printf(a, "%s.detail.%s", at, bad), "unknown_element");
	v = json_object_get(act, "id");
	if (v != NULL && (!json_is_string(v) ||
	    !id_valid(json_string_value(v), json_string_length(v))))
		return fhir_fault(f, arena_printf(a, "%s.id", at), "invalid_format");
	out->id = json_string_value(v);
	if (!activity_status_parse(json_string_value(json_object_get(d, "status")),
	    &out->status))
		return fhir_fault(f, arena_printf(a, "%s.detail.status", at),
		    json_object_get(d, "status") ? "invalid_choice" : "required");
	out->title = text_of(json_object_get(d, "description"), true, STEP_TITLE_MAX, &code);
	if (out->title == NULL)
		return fhir_fault(f, arena_printf(a, "%s.detail.description", at), code);
	v = json_object_get(d, "goal");
	ref = json_string_value(json_object_get(json_array_get(v, 0), "reference"));
	if (v != NULL && (json_array_size(v) != 1 || ref == NULL || strncmp(ref, "Goal/", 5) != 0 ||
	    !id_valid(ref + 5, strlen(ref + 5))))
		return fhir_fault(f, arena_printf(a, "%s.detail.goal", at), "invalid_format");
	out->goal_id = ref ? ref + 5 : NULL;
	v = json_object_get(d, "scheduledPeriod");
	if (v != NULL) {
		const char *end = json_string_value(json_object_get(v, "end"));

		if (json_object_size(v) != 1 || end == NULL || !clock_valid_date(end))
			return fhir_fault(f, arena_printf(a, "%s.detail.scheduledPeriod", at),
			    "invalid_format");
		out->due_date = end;
	}
	v = json_object_get(d, "performer");
	if (v != NULL) {
		ref = json_string_value(json_object_get(json_array_get(v, 0), "reference"));
		if (json_array_size(v) != 1 || ref == NULL)
			return fhir_fault(f, arena_printf(a, "%s.detail.performer", at),
			    "invalid_format");
		out->performer = ref;
	}
	out->at = at;
	return 0;
}

int
fhir_careplan_read(json_t *res, struct arena *a, struct fhir_activity **out, size_t *n,
    struct fhir_fault *f)
{
	static const char *const known[] = {
		"resourceType", "id", "meta", "language", "text", "status", "intent",
		"category", "title", "subject", "goal", "activity",
	};
	const char *bad, *s;
	json_t *acts = json_object_get(res, "activity"), *v;
	size_t i;
	int rc;

	if ((bad = unknown_member(res, known, sizeof(known) / sizeof(known[0]))) != NULL)
		return fhir_fault(f, bad, "unknown_element");
	/* What rosc decides itself must stay as it is. */
	s = json_string_value(json_object_get(res, "status"));
	if (s == NULL || strcmp(s, "active") != 0)
		return fhir_fault(f, "status", s ? "invalid_choice" : "required");
	s = json_string_value(json_object_get(res, "intent"));
	if (s == NULL || strcmp(s, "plan") != 0)
		return fhir_fault(f, "intent", s ? "invalid_choice" : "required");
	s = json_string_value(json_object_get(json_object_get(res, "subject"), "reference"));
	if (s == NULL)
		return fhir_fault(f, "subject", "required");
	if (acts != NULL && !json_is_array(acts))
		return fhir_fault(f, "activity", "invalid_format");
	*n = json_array_size(acts);
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof(**out));
	json_array_foreach(acts, i, v)
		if ((rc = read_activity(a, v, i, &(*out)[i], f)) != 0)
			return rc;
	return 0;
}

/* --- what a client sends ---------------------------------------------------- */

/* A text element, or NULL; *bad for one that is not a string. */
static const char *
text_el(json_t *v, bool *bad)
{
	if (v == NULL)
		return NULL;
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v) ||
	    !utf8_valid_text(json_string_value(v), json_string_length(v))) {
		*bad = true;
		return NULL;
	}
	return json_string_value(v);
}

/* The comment: the place, the video link, or both on two lines. */
static int
read_where(struct arena *a, const char *comment, struct fhir_appt_in *in,
    struct fhir_fault *f)
{
	const char *nl;

	if (comment == NULL)
		return 0;
	nl = strchr(comment, '\n');
	if (nl != NULL) {
		if (strchr(nl + 1, '\n') != NULL || strncmp(nl + 1, "https://", 8) != 0)
			return fhir_fault(f, "comment", "invalid_format");
		in->in.place = arena_strndup(a, comment, (size_t)(nl - comment));
		in->in.video_url = arena_strdup(a, nl + 1);
	} else if (strncmp(comment, "https://", 8) == 0) {
		in->in.video_url = arena_strdup(a, comment);
	} else {
		in->in.place = arena_strdup(a, comment);
	}
	return 0;
}

static int
read_participants(struct arena *a, json_t *parts, struct fhir_appt_in *in,
    struct fhir_fault *f)
{
	json_t *p;
	size_t i;

	if (!json_is_array(parts) || json_array_size(parts) == 0)
		return fhir_fault(f, "participant", "required");
	json_array_foreach(parts, i, p) {
		json_t *actor = json_object_get(p, "actor");
		const char *st = json_string_value(json_object_get(p, "status")), *id;
		bool bad = false;

		if (st == NULL)
			return fhir_fault(f, "participant.status", "required");
		if ((id = fhir_ref_id(actor, "Patient")) != NULL) {
			if (in->person_id != NULL)
				return fhir_fault(f, "participant", "invalid_choice");
			in->person_id = arena_strdup(a, id);
			if (strcmp(st, "accepted") == 0)
				in->person_accepted = true;
			else if (strcmp(st, "needs-action") != 0)
				return fhir_fault(f, "participant.status", "invalid_choice");
			continue;
		}
		/* Whom they meet: one, a member of the network, a service or a
		 * name. */
		if (in->member_ref != NULL || in->service_id != NULL || in->in.with_name != NULL)
			return fhir_fault(f, "participant", "invalid_choice");
		if (fhir_ref_id(actor, "PractitionerRole") != NULL || fhir_ref_id(actor, "RelatedPerson") != NULL ||
		    fhir_ref_id(actor, "Practitioner") != NULL || fhir_ref_id(actor, "Organization") != NULL)
			in->member_ref = arena_strdup(a, json_string_value(json_object_get(actor,
			    "reference")));
		else if ((id = fhir_ref_id(actor, "HealthcareService")) != NULL)
			in->service_id = arena_strdup(a, id);
		else if (json_object_get(actor, "reference") == NULL &&
		    (in->in.with_name = text_el(json_object_get(actor, "display"), &bad)) != NULL)
			in->in.with_name = arena_strdup(a, in->in.with_name);
		else
			return fhir_fault(f, "participant.actor", bad ? "invalid_format" :
			    "invalid_choice");
	}
	if (in->person_id == NULL)
		return fhir_fault(f, "participant", "required");
	return 0;
}

int
fhir_appointment_read(json_t *res, struct arena *a, struct fhir_appt_in *in,
    struct fhir_fault *f)
{
	static const char *const known[] = {
		"resourceType", "id", "meta", "language", "text", "status", "cancelationReason",
		"serviceCategory", "description", "supportingInformation", "start", "end",
		"minutesDuration", "created", "comment", "patientInstruction", "basedOn",
		"participant",
	};
	const char *key, *s, *comment;
	int64_t end;
	json_t *v, *c;
	size_t i, j;
	bool bad = false;
	int rc;

	memset(in, 0, sizeof(*in));
	json_object_foreach(res, key, v) {
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strcmp(key, known[i]) == 0)
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			return fhir_fault(f, key, "unknown_element");
	}
	s = json_string_value(json_object_get(res, "status"));
	if (s == NULL)
		return fhir_fault(f, "status", "required");
	in->status = arena_strdup(a, s);
	in->in.title = text_el(json_object_get(res, "description"), &bad);
	if (bad)
		return fhir_fault(f, "description", "invalid_format");
	/* The kind: a coding of rosc's code system. */
	json_array_foreach(json_object_get(res, "serviceCategory"), i, c)
		json_array_foreach(json_object_get(c, "coding"), j, v) {
			const char *sys = json_string_value(json_object_get(v, "system"));

			if (sys != NULL && strcmp(sys, FHIR_ROSC ":appointment-kind") == 0)
				in->in.kind = json_string_value(json_object_get(v, "code"));
		}
	if (in->in.kind != NULL)
		in->in.kind = arena_strdup(a, in->in.kind);
	s = json_string_value(json_object_get(res, "start"));
	if (s == NULL)
		return fhir_fault(f, "start", "required");
	if (clock_parse_instant(s, &in->starts_us) != 0 || in->starts_us % 60000000 != 0)
		return fhir_fault(f, "start", "invalid_format");
	v = json_object_get(res, "minutesDuration");
	if (v != NULL) {
		if (!json_is_integer(v))
			return fhir_fault(f, "minutesDuration", "invalid_format");
		in->in.minutes = arena_printf(a, "%lld", (long long)json_integer_value(v));
	}
	s = json_string_value(json_object_get(res, "end"));
	if (json_object_get(res, "end") != NULL) {
		if (s == NULL || clock_parse_instant(s, &end) != 0 || end <= in->starts_us ||
		    (end - in->starts_us) % 60000000 != 0)
			return fhir_fault(f, "end", "invalid_format");
		if (in->in.minutes != NULL && (end - in->starts_us) / 60000000 !=
		    json_integer_value(v))
			return fhir_fault(f, "end", "invalid_choice");
		in->in.minutes = arena_printf(a, "%lld", (long long)((end - in->starts_us) /
		    60000000));
	}
	comment = text_el(json_object_get(res, "comment"), &bad);
	if (bad)
		return fhir_fault(f, "comment", "invalid_format");
	if ((rc = read_where(a, comment, in, f)) != 0)
		return rc;
	in->in.bring = text_el(json_object_get(res, "patientInstruction"), &bad);
	if (bad)
		return fhir_fault(f, "patientInstruction", "invalid_format");
	in->cancel_reason = text_el(json_object_get(json_object_get(res, "cancelationReason"),
	    "text"), &bad);
	if (bad)
		return fhir_fault(f, "cancelationReason.text", "invalid_format");
	v = json_object_get(res, "supportingInformation");
	if (v != NULL) {
		if (!json_is_array(v) || json_array_size(v) != 1 ||
		    (in->goal_id = fhir_ref_id(json_array_get(v, 0), "Goal")) == NULL)
			return fhir_fault(f, "supportingInformation", "invalid_choice");
	}
	v = json_object_get(res, "basedOn");
	if (v != NULL) {
		if (!json_is_array(v) || json_array_size(v) != 1 ||
		    (in->referral_id = fhir_ref_id(json_array_get(v, 0), "ServiceRequest")) == NULL)
			return fhir_fault(f, "basedOn", "invalid_choice");
	}
	v = json_object_get(res, "language");
	in->lang = json_string_value(v);
	if (v != NULL && (in->lang == NULL || (strcmp(in->lang, "en") != 0 &&
	    strcmp(in->lang, "nl") != 0 && strcmp(in->lang, "da") != 0)))
		return fhir_fault(f, "language", "invalid_choice");
	if ((rc = read_participants(a, json_object_get(res, "participant"), in, f)) != 0)
		return rc;
	/* What the checks keep, copied out of the body. */
	in->in.title = in->in.title ? arena_strdup(a, in->in.title) : NULL;
	in->in.bring = in->in.bring ? arena_strdup(a, in->in.bring) : NULL;
	in->cancel_reason = in->cancel_reason ? arena_strdup(a, in->cancel_reason) : NULL;
	in->goal_id = in->goal_id ? arena_strdup(a, in->goal_id) : NULL;
	in->referral_id = in->referral_id ? arena_strdup(a, in->referral_id) : NULL;
	in->lang = in->lang ? arena_strdup(a, in->lang) : NULL;
	return 0;
}

bool
fhir_appointment_status(const struct fhir_appt_in *in, enum appt_status *to)
{
	if (strcmp(in->status, "booked") == 0)
		*to = in->person_accepted ? AS_CONFIRMED : AS_PLANNED;
	else if (strcmp(in->status, "fulfilled") == 0)
		*to = AS_DONE;
	else if (strcmp(in->status, "noshow") == 0)
		*to = AS_MISSED;
	else if (strcmp(in->status, "cancelled") == 0)
		*to = AS_CANCELLED;
	else
		return false;
	return true;
}

/* --- a QuestionnaireResponse written by a client -------------------------- */

static bool
known_key(const char *key, const char *const *keys)
{
	for (; *keys != NULL; keys++)
		if (strcmp(key, *keys) == 0)
			return true;
	return false;
}

/* The first member of o that is none of keys, or NULL. */
static const char *
unknown_key(json_t *o, const char *const *keys)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v)
		if (!known_key(key, keys))
			return key;
	return NULL;
}

/* A whole number as a value or as a code ("3"); false if v is neither. */
static bool
whole(json_t *v, long long *out)
{
	const char *s = json_string_value(v);
	char *end;

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return true;
	}
	if (s == NULL || *s == '\0' || strlen(s) > 12)
		return false;
	*out = strtoll(s, &end, 10);
	return *end == '\0';
}

int
fhir_qresponse_read(struct arena *a, json_t *res, struct fhir_qr_in *in,
    struct fhir_fault *f)
{
	static const char *const top[] = {
		"resourceType", "id", "meta", "language", "text", "questionnaire", "status",
		"subject", "item", NULL,
	};
	static const char *const item_keys[] = {"linkId", "text", "answer", NULL};
	static const char *const answer_keys[] = {"valueCoding", "valueInteger", NULL};
	static const char *const coding_keys[] = {"system", "version", "code", "display", NULL};
	const char *key, *s, *bar;
	json_t *items, *it, *ans, *v;
	size_t i, plen = strlen(FHIR_Q_CANONICAL);
	long long n;

	memset(in, 0, sizeof(*in));
	if ((key = unknown_key(res, top)) != NULL)
		return fhir_fault(f, arena_strdup(a, key), "unknown_element");
	s = json_string_value(json_object_get(res, "questionnaire"));
	if (json_object_get(res, "questionnaire") == NULL)
		return fhir_fault(f, "questionnaire", "required");
	if (s == NULL || strncmp(s, FHIR_Q_CANONICAL, plen) != 0)
		return fhir_fault(f, "questionnaire", "invalid_format");
	s += plen;
	bar = strchr(s, '|');
	if (bar == s || (bar ? (size_t)(bar - s) : strlen(s)) > Q_CODE_MAX ||
	    (bar == NULL && *s == '\0'))
		return fhir_fault(f, "questionnaire", "invalid_format");
	in->code = arena_strndup(a, s, bar ? (size_t)(bar - s) : strlen(s));
	if (bar != NULL) {
		n = strspn(bar + 1, "0123456789") == strlen(bar + 1) && strlen(bar + 1) <= 6 ?
		    strtoll(bar + 1, NULL, 10) : 0;
		if (n < 1 || n > Q_VERSION_MAX)
			return fhir_fault(f, "questionnaire", "invalid_format");
		in->version = (int)n;
	}
	v = json_object_get(res, "status");
	if (v == NULL)
		return fhir_fault(f, "status", "required");
	if (!json_is_string(v) || strcmp(json_string_value(v), "completed") != 0)
		/* Answers are kept once they are given, whole. */
		return fhir_fault(f, "status", "invalid_choice");
	s = json_string_value(json_object_get(json_object_get(res, "subject"), "reference"));
	if (s == NULL)
		return fhir_fault(f, "subject", "required");
	if (strncmp(s, "Patient/", 8) != 0 || !id_valid(s + 8, strlen(s + 8)))
		return fhir_fault(f, "subject", "invalid_format");
	in->person_id = arena_strdup(a, s + 8);
	items = json_object_get(res, "item");
	if (items == NULL || (json_is_array(items) && json_array_size(items) == 0))
		return fhir_fault(f, "item", "required");
	if (!json_is_array(items))
		return fhir_fault(f, "item", "invalid_format");
	if (json_array_size(items) > Q_ITEMS_MAX)
		return fhir_fault(f, "item", "too_many");
	in->answers = arena_alloc(a, json_array_size(items) * sizeof(*in->answers));
	json_array_foreach(items, i, it) {
		const char *at = arena_printf(a, "item[%zu]", i);

		if (!json_is_object(it))
			return fhir_fault(f, at, "invalid_format");
		if ((key = unknown_key(it, item_keys)) != NULL)
			return fhir_fault(f, arena_printf(a, "%s.%s", at, key), "unknown_element");
		s = json_string_value(json_object_get(it, "linkId"));
		if (s == NULL)
			return fhir_fault(f, arena_printf(a, "%s.linkId", at),
			    json_object_get(it, "linkId") ? "invalid_format" : "required");
		if (*s == '\0' || strlen(s) > Q_ITEM_ID_MAX)
			return fhir_fault(f, arena_printf(a, "%s.linkId", at), "invalid_format");
		in->answers[i].item = arena_strdup(a, s);
		/* One answer: every item is a choice of one option. */
		ans = json_object_get(it, "answer");
		if (ans == NULL || (json_is_array(ans) && json_array_size(ans) == 0))
			return fhir_fault(f, arena_printf(a, "%s.answer", at), "required");
		if (!json_is_array(ans) || json_array_size(ans) > 1 ||
		    !json_is_object(json_array_get(ans, 0)))
			return fhir_fault(f, arena_printf(a, "%s.answer", at), "invalid_format");
		ans = json_array_get(ans, 0);
		at = arena_printf(a, "%s.answer[0]", at);
		if ((key = unknown_key(ans, answer_keys)) != NULL)
			return fhir_fault(f, arena_printf(a, "%s.%s", at, key), "unknown_element");
		if ((v = json_object_get(ans, "valueCoding")) != NULL) {
			if (json_object_get(ans, "valueInteger") != NULL)
				return fhir_fault(f, at, "invalid_format");
			if (!json_is_object(v))
				return fhir_fault(f, arena_printf(a, "%s.valueCoding", at),
				    "invalid_format");
			if ((key = unknown_key(v, coding_keys)) != NULL)
				return fhir_fault(f, arena_printf(a, "%s.valueCoding.%s", at, key),
				    "unknown_element");
			v = json_object_get(v, "code");
			at = arena_printf(a, "%s.valueCoding.code", at);
		} else if ((v = json_object_get(ans, "valueInteger")) != NULL) {
			at = arena_printf(a, "%s.valueInteger", at);
		} else {
			return fhir_fault(f, arena_printf(a, "%s.valueCoding", at), "required");
		}
		if (!whole(v, &n))
			return fhir_fault(f, at, "invalid_format");
		/* Out of any option's range: an invalid value, whatever its size. */
		in->answers[i].value = n > Q_VALUE_MAX || n < -Q_VALUE_MAX ? Q_VALUE_MAX + 1 :
		    (int)n;
	}
	in->n = json_array_size(items);
	return 0;
}

int
fhir_task_read(json_t *res, struct arena *a, struct fhir_task_in *in, struct fhir_fault *f)
{
	static const char *const known[] = {
		"resourceType", "id", "meta", "language", "text", "status", "businessStatus",
		"intent", "focus", "for", "executionPeriod", "authoredOn", "lastModified",
		"requester", "owner", "note",
	};
	const char *key, *s;
	json_t *v, *c;
	size_t i;

	memset(in, 0, sizeof(*in));
	json_object_foreach(res, key, v) {
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strcmp(key, known[i]) == 0)
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			return fhir_fault(f, key, "unknown_element");
	}
	json_array_foreach(json_object_get(json_object_get(res, "businessStatus"), "coding"),
	    i, c) {
		s = json_string_value(json_object_get(c, "system"));
		if (s != NULL && strcmp(s, FHIR_ROSC ":referral-status") == 0)
			in->business_status = json_string_value(json_object_get(c, "code"));
	}
	if (in->business_status == NULL)
		return fhir_fault(f, "businessStatus", "required");
	in->business_status = arena_strdup(a, in->business_status);
	s = json_string_value(json_object_get(res, "status"));
	if (s == NULL)
		return fhir_fault(f, "status", "required");
	in->status = arena_strdup(a, s);
	s = json_string_value(json_object_get(res, "intent"));
	if (s == NULL || strcmp(s, "order") != 0)
		return fhir_fault(f, "intent", s == NULL ? "required" : "invalid_choice");
	v = json_object_get(res, "focus");
	if (v != NULL && (in->focus_id = fhir_ref_id(v, "ServiceRequest")) == NULL)
		return fhir_fault(f, "focus", "invalid_choice");
	v = json_object_get(res, "for");
	if (v != NULL && (in->for_id = fhir_ref_id(v, "Patient")) == NULL)
		return fhir_fault(f, "for", "invalid_choice");
	v = json_object_get(res, "note");
	if (v != NULL && (!json_is_array(v) || json_array_size(v) > 1))
		return fhir_fault(f, "note", "invalid_format");
	if (json_array_size(v) == 1) {
		c = json_object_get(json_array_get(v, 0), "text");
		s = json_string_value(c);
		if (s == NULL || strlen(s) != json_string_length(c) ||
		    !utf8_valid_text(s, strlen(s)))
			return fhir_fault(f, "note.text", "invalid_format");
		if (utf8_count(s, strlen(s)) > REF_NOTE_MAX)
			return fhir_fault(f, "note.text", "too_long");
		in->note = arena_strdup(a, s);
	}
	in->focus_id = in->focus_id ? arena_strdup(a, in->focus_id) : NULL;
	in->for_id = in->for_id ? arena_strdup(a, in->for_id) : NULL;
	return 0;
}
