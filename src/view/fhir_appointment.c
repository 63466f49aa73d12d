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
