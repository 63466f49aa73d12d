/* The person as a FHIR Patient. */
#include "view/fhir.h"

#include <string.h>

#include "base/err.h"
#include "core/help_now.h"
#include "store/persons.h"

/* The national identifier's system: the Danish CPR number or the Dutch
 * BSN by the person's time zone; elsewhere rosc's own. */
static const char *
nid_system(const struct person *p)
{
	switch (hn_country_of_zone(p->time_zone)) {
	case HN_DK: return "urn:oid:1.2.208.176.1.2";
	case HN_NL: return "http://fhir.nl/fhir/NamingSystem/bsn";
	default:    return FHIR_ROSC ":national-id";
	}
}

json_t *
fhir_patient(const struct person *p)
{
	json_t *o = json_object(), *names = json_array(), *tel = json_array();

	json_object_set_new(o, "resourceType", json_string("Patient"));
	json_object_set_new(o, "id", json_string(p->id));
	json_object_set_new(o, "meta", fhir_meta(p->version, p->updated_us));
	if (p->national_id != NULL && *p->national_id)
		json_object_set_new(o, "identifier", json_pack("[{s:s, s:s}]",
		    "system", nid_system(p), "value", p->national_id));
	json_object_set_new(o, "active", json_true());
	json_array_append_new(names, json_pack("{s:s, s:s}", "use", "official",
	    "text", p->display_name));
	if (p->preferred_name != NULL && *p->preferred_name)
		json_array_append_new(names, json_pack("{s:s, s:s}", "use", "usual",
		    "text", p->preferred_name));
	json_object_set_new(o, "name", names);
	if (p->phone != NULL && *p->phone)
		json_array_append_new(tel, json_pack("{s:s, s:s}", "system", "phone",
		    "value", p->phone));
	if (p->email != NULL && *p->email)
		json_array_append_new(tel, json_pack("{s:s, s:s}", "system", "email",
		    "value", p->email));
	if (json_array_size(tel) > 0)
		json_object_set_new(o, "telecom", tel);
	else
		json_decref(tel);
	if (p->birth_date != NULL && *p->birth_date)
		json_object_set_new(o, "birthDate", json_string(p->birth_date));
	if (p->address != NULL && *p->address)
		json_object_set_new(o, "address", json_pack("[{s:s}]", "text", p->address));
	if (p->lang != NULL && *p->lang)
		json_object_set_new(o, "communication", json_pack("[{s:o, s:b}]",
		    "language", fhir_concept("urn:ietf:bcp:47", p->lang, NULL),
		    "preferred", 1));
	if (p->home_org_id != NULL)
		json_object_set_new(o, "managingOrganization",
		    fhir_ref("Organization", p->home_org_id, p->home_org_name));
	return o;
}

static int
collect(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	struct person p;
	int rc;

	if ((rc = store_person_get(x->s, x->a, g, &p)) != 0)
		return rc == ERR_NOT_FOUND ? 0 : rc;
	fhir_list_add(x->a, out, fhir_patient(&p), CAT_BASIC);
	return 0;
}

static int
owner(struct fhir_ctx *x, const char *id, const char **person_id)
{
	/* A Patient's id is the person's: the door answers for a missing one. */
	*person_id = id;
	return 0;
}

static const struct fhir_param params[] = {
	{"name", FP_STRING, "name", "the start of a name (official or preferred)"},
	{"birthdate", FP_DATE, "birthDate", "the date of birth"},
	{"identifier", FP_TOKEN, "identifier", "the national identifier (CPR, BSN)"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_patient_kind = {
	.type = "Patient", .access = FA_PERSON, .cat = CAT_BASIC,
	.collect = collect, .owner = owner, .params = params, .in_everything = true,
};
