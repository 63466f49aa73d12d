/* A person's appointments as FHIR Appointments: the person and whom they
 * meet as participants, the time as start, end and minutes, the title as
 * the description, where (and the video link) as the comment, what to
 * bring as the patient's instruction. A link to a goal shows only where
 * the grant covers the plan (the store leaves its title out otherwise). */
#include "view/fhir.h"

#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/utf8.h"
#include "core/appointment.h"
#include "store/appointments.h"

/* Whether the person said yes: confirmed, or they came. */
static const char *
person_status(enum appt_status s)
{
	return s == AS_CONFIRMED || s == AS_DONE ? "accepted" : "needs-action";
}

/* Whom the appointment is with, as an actor: a network member (as the
 * CareTeam names them: fhir_member_ref()), a service, or a name alone.
 * NULL for nobody. */
static json_t *
with_actor(const struct appointment *x)
{
	if (x->with_member_id != NULL) {
		struct network_member m = {0};

		m.person_id = x->person_id;
		m.id = x->with_member_id;
		m.user_id = x->with_member_user_id;
		m.org_id = x->with_member_org_id;
		m.display_name = x->with_member_name;
		if (x->with_member_role == NULL || !net_role_parse(x->with_member_role, &m.role))
			m.role = NET_SUPPORTER;
		return fhir_member_ref(&m);
	}
	if (x->with_service_id != NULL)
		return fhir_ref("HealthcareService", x->with_service_id, x->with_service_name);
	if (x->with_name != NULL && *x->with_name)
		return json_pack("{s:s}", "display", x->with_name);
	return NULL;
}

/* Where: the place, the video link, or both on two lines. */
static json_t *
where(const struct appointment *x)
{
	bool place = x->place != NULL && *x->place, video = x->video_url != NULL && *x->video_url;

	if (place && video)
		return json_sprintf("%s\n%s", x->place, x->video_url);
	if (place)
		return json_string(x->place);
	if (video)
		return json_string(x->video_url);
	return NULL;
}

json_t *
fhir_appointment(const struct appointment *x)
{
	json_t *o = json_object(), *parts = json_array(), *with = with_actor(x), *w = where(x);

	json_object_set_new(o, "resourceType", json_string("Appointment"));
	json_object_set_new(o, "id", json_string(x->id));
	json_object_set_new(o, "meta", fhir_meta(x->version, x->updated_us));
	if (x->title_lang != NULL && *x->title_lang)
		json_object_set_new(o, "language", json_string(x->title_lang));
	json_object_set_new(o, "status", json_string(appt_fhir_status(x->status)));
	if (x->status == AS_CANCELLED && x->cancel_reason != NULL && *x->cancel_reason)
		json_object_set_new(o, "cancelationReason", json_pack("{s:s}", "text",
		    x->cancel_reason));
	json_object_set_new(o, "serviceCategory", json_pack("[o]",
	    fhir_concept(FHIR_ROSC ":appointment-kind", appt_kind_code(x->kind), NULL)));
	json_object_set_new(o, "description", json_string(x->title));
	if (x->goal_id != NULL && x->goal_title != NULL)
		json_object_set_new(o, "supportingInformation", json_pack("[o]",
		    fhir_ref("Goal", x->goal_id, x->goal_title)));
	json_object_set_new(o, "start", fhir_instant(x->starts_us));
	json_object_set_new(o, "end", fhir_instant(x->starts_us +
	    (int64_t)x->minutes * 60 * 1000000));
	json_object_set_new(o, "minutesDuration", json_integer(x->minutes));
	json_object_set_new(o, "created", fhir_instant(x->created_us));
	if (w != NULL)
		json_object_set_new(o, "comment", w);
	if (x->bring != NULL && *x->bring)
		json_object_set_new(o, "patientInstruction", json_string(x->bring));
	if (x->referral_id != NULL)
		json_object_set_new(o, "basedOn", json_pack("[o]",
		    fhir_ref("ServiceRequest", x->referral_id, NULL)));
	json_array_append_new(parts, json_pack("{s:o, s:s, s:s}", "actor",
	    fhir_ref("Patient", x->person_id, NULL), "required", "required", "status",
	    person_status(x->status)));
	if (with != NULL)
		json_array_append_new(parts, json_pack("{s:o, s:s, s:s}", "actor", with,
		    "required", "required", "status", "accepted"));
	json_object_set_new(o, "participant", parts);
	return o;
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

static int
collect(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	struct appt_filter f = {0};
	struct appointment *xs;
	size_t n, i;
	int rc;

	f.limit = APPT_LIST_MAX;
	if ((rc = store_appointments(x->s, x->a, g, &f, &xs, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		fhir_list_add(x->a, out, fhir_appointment(&xs[i]), xs[i].goal_title != NULL ?
		    CAT_PLAN : CAT_APPOINTMENTS);
	return 0;
}

static int
owner(struct fhir_ctx *x, const char *id, const char **person_id)
{
	return store_appointment_person(x->s, x->a, id, person_id);
}

static const struct fhir_param params[] = {
	{"date", FP_DATE, "start", "when it starts"},
	{"status", FP_TOKEN, "status", "booked, fulfilled, noshow or cancelled"},
	{"service-category", FP_TOKEN, "serviceCategory",
	    "the kind of appointment (" FHIR_ROSC ":appointment-kind)"},
	{"actor", FP_REFERENCE, "participant.actor", "a participant (Patient, PractitionerRole, "
	    "RelatedPerson, HealthcareService)"},
	{"based-on", FP_REFERENCE, "basedOn", "the referral it is for (ServiceRequest)"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_appointment_kind = {
	.type = "Appointment", .access = FA_PERSON, .cat = CAT_APPOINTMENTS,
	.may_hold = CAT_BIT(CAT_PLAN) | CAT_BIT(CAT_SUBSTANCE),
	.collect = collect, .owner = owner, .params = params,
	.writes = FW_CREATE | FW_UPDATE, .in_everything = true,
};
