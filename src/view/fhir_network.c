/* The person's network and consents as FHIR: the family and supporters in
 * it as RelatedPerson, the whole network (staff, organisations, family) as
 * one CareTeam whose id is the person's, and each consent as a Consent.
 * The network is basic details (who is around the person), read as the
 * network page reads it; the consents are the person's own alone, as on
 * their consent page. */
#include "view/fhir.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/consent.h"
#include "store/fhir.h"
#include "store/network.h"

#define ROLE_CODE "http://terminology.hl7.org/CodeSystem/v3-RoleCode"

static bool
is_family(const struct network_member *m)
{
	return m->role == NET_FAMILY || m->role == NET_SUPPORTER;
}

static bool
current(const struct network_member *m, const char *today)
{
	return m->until_date == NULL || strcmp(m->until_date, today) >= 0;
}

/* The member's place in the network: rosc's code, and for family the
 * HL7 role code too. */
static json_t *
member_role(const struct network_member *m)
{
	json_t *c = fhir_concept(FHIR_ROSC ":network-role", net_role_code(m->role), NULL);

	if (m->role == NET_FAMILY)
		json_array_append_new(json_object_get(c, "coding"), json_pack("{s:s, s:s, s:s}",
		    "system", ROLE_CODE, "code", "FAMMEMB", "display", "family member"));
	else if (m->role == NET_SUPPORTER)
		json_array_append_new(json_object_get(c, "coding"), json_pack("{s:s, s:s, s:s}",
		    "system", ROLE_CODE, "code", "FRND", "display", "unrelated friend"));
	return c;
}

static json_t *
period(const char *from, const char *until)
{
	json_t *p = json_object();

	if (from != NULL && *from)
		json_object_set_new(p, "start", json_string(from));
	if (until != NULL && *until)
		json_object_set_new(p, "end", json_string(until));
	return p;
}

/* How to reach them, as the network page keeps it (free text): an
 * address with @ is e-mail, digits (with + - and spaces) a phone. */
static json_t *
contact_point(const char *s)
{
	const char *p;
	bool phone = *s != '\0';

	if (strchr(s, '@') != NULL)
		return json_pack("{s:s, s:s}", "system", "email", "value", s);
	for (p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == ' ' ||
		    *p == '(' || *p == ')'))
			phone = false;
	return json_pack("{s:s, s:s}", "system", phone ? "phone" : "other", "value", s);
}

static json_t *
related_person(const struct network_member *m, const char *today)
{
	json_t *o = json_object();

	json_object_set_new(o, "resourceType", json_string("RelatedPerson"));
	json_object_set_new(o, "id", json_string(m->id));
	json_object_set_new(o, "active", json_boolean(current(m, today)));
	json_object_set_new(o, "patient", fhir_ref("Patient", m->person_id, NULL));
	json_object_set_new(o, "relationship", json_pack("[o]", member_role(m)));
	if (m->display_name != NULL && *m->display_name)
		json_object_set_new(o, "name", json_pack("[{s:s}]", "text", m->display_name));
	if (m->contact != NULL && *m->contact)
		json_object_set_new(o, "telecom", json_pack("[o]", contact_point(m->contact)));
	json_object_set_new(o, "period", period(m->from_date, m->until_date));
	return o;
}

/* A staff member's role in an organisation is a PractitionerRole whose id
 * is the account's id and the organisation's together (64 characters,
 * FHIR's longest id). */
json_t *
fhir_member_ref(const struct network_member *m)
{
	if (is_family(m))
		return fhir_ref("RelatedPerson", m->id, m->display_name);
	if (m->user_id != NULL && m->org_id != NULL) {
		char id[FHIR_ROLE_ID_LEN + 1];

		fhir_role_id(id, m->user_id, m->org_id);
		return fhir_ref("PractitionerRole", id, m->display_name);
	}
	if (m->user_id != NULL)
		return fhir_ref("Practitioner", m->user_id, m->display_name);
	if (m->org_id != NULL)
		return fhir_ref("Organization", m->org_id, m->org_name);
	return json_pack("{s:s}", "display", m->display_name ? m->display_name : "");
}

static int
collect_related(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	struct network_member *ms;
	size_t n, i;
	int rc;

	if ((rc = store_network(x->s, x->a, g, &ms, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (is_family(&ms[i]))
			fhir_list_add(x->a, out, related_person(&ms[i], x->today), CAT_BASIC);
	return 0;
}

static int
collect_team(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	json_t *o, *parts = json_array();
	struct network_member *ms;
	size_t n, i;
	int rc;

	if ((rc = store_network(x->s, x->a, g, &ms, &n)) != 0) {
		json_decref(parts);
		return rc;
	}
	for (i = 0; i < n; i++) {
		json_t *p = json_object();

		json_object_set_new(p, "role", json_pack("[o]", member_role(&ms[i])));
		json_object_set_new(p, "member", fhir_member_ref(&ms[i]));
		json_object_set_new(p, "period", period(ms[i].from_date, ms[i].until_date));
		json_array_append_new(parts, p);
	}
	o = json_object();
	json_object_set_new(o, "resourceType", json_string("CareTeam"));
	json_object_set_new(o, "id", json_string(grant_person(g)));
	json_object_set_new(o, "status", json_string("active"));
	json_object_set_new(o, "category", json_pack("[o]",
	    fhir_concept(FHIR_ROSC ":care-team", "recovery-network", "Recovery network")));
	json_object_set_new(o, "name", json_string("Network"));
	json_object_set_new(o, "subject", fhir_ref("Patient", grant_person(g), NULL));
	if (json_array_size(parts) > 0)
		json_object_set_new(o, "participant", parts);
	else
		json_decref(parts);
	fhir_list_add(x->a, out, o, CAT_BASIC);
	return 0;
}

/* --- Consent -------------------------------------------------------------- */

static const struct network_member *
find_member(const struct network_member *ms, size_t n, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < n; i++)
		if (strcmp(ms[i].id, id) == 0)
			return &ms[i];
	return NULL;
}

static json_t *
consent(const struct consent *k, const struct network_member *m, const char *today)
{
	json_t *o = json_object(), *prov = json_object(), *actor;
	bool lapsed = k->until_date != NULL && strcmp(k->until_date, today) < 0;

	json_object_set_new(o, "resourceType", json_string("Consent"));
	json_object_set_new(o, "id", json_string(k->id));
	json_object_set_new(o, "meta", fhir_meta(k->version, k->updated_us));
	/* Given and in force, given but over, or not given (withdrawn). */
	json_object_set_new(o, "status", json_string(!k->granted ? "rejected" :
	    lapsed ? "inactive" : "active"));
	json_object_set_new(o, "scope", fhir_concept(
	    "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy",
	    "Privacy Consent"));
	json_object_set_new(o, "category", json_pack("[o]",
	    fhir_concept("http://loinc.org", "59284-0", "Patient Consent")));
	json_object_set_new(o, "patient", fhir_ref("Patient", k->person_id, NULL));
	if (k->updated_us > 0)
		json_object_set_new(o, "dateTime", fhir_instant(k->updated_us));
	json_object_set_new(o, "performer", json_pack("[o]",
	    fhir_ref("Patient", k->person_id, NULL)));
	json_object_set_new(o, "policyRule", fhir_concept(
	    "http://terminology.hl7.org/CodeSystem/v3-ActCode", k->granted ? "OPTIN" : "OPTOUT",
	    NULL));
	json_object_set_new(prov, "type", json_string(k->granted ? "permit" : "deny"));
	if (k->until_date != NULL && *k->until_date)
		json_object_set_new(prov, "period", json_pack("{s:s}", "end", k->until_date));
	if (k->recipient_org_id != NULL)
		actor = fhir_ref("Organization", k->recipient_org_id, k->recipient_name);
	else if (m != NULL)
		actor = fhir_member_ref(m);
	else
		actor = json_pack("{s:s}", "display", k->recipient_name ? k->recipient_name : "");
	json_object_set_new(prov, "actor", json_pack("[{s:o, s:o}]", "role", fhir_concept(
	    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP",
	    "information recipient"), "reference", actor));
	json_object_set_new(prov, "code", json_pack("[o]", fhir_concept(
	    FHIR_ROSC ":consent-category", category_code(k->category), NULL)));
	if (k->purpose != NULL && *k->purpose)
		json_object_set_new(o, "extension", json_pack("[{s:s, s:s}]", "url",
		    FHIR_ROSC ":consent-purpose", "valueString", k->purpose));
	json_object_set_new(o, "provision", prov);
	return o;
}

static int
collect_consents(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	struct network_member *ms;
	struct consent *ks;
	size_t nm, nk, i;
	int rc;

	if ((rc = store_network(x->s, x->a, g, &ms, &nm)) != 0 ||
	    (rc = store_consents(x->s, x->a, g, &ks, &nk)) != 0)
		return rc;
	for (i = 0; i < nk; i++)
		fhir_list_add(x->a, out, consent(&ks[i],
		    find_member(ms, nm, ks[i].recipient_member_id), x->today), CAT_BASIC);
	return 0;
}

/* --- the kinds ------------------------------------------------------------ */

static int
member_owner(struct fhir_ctx *x, const char *id, const char **person_id)
{
	return store_member_person(x->s, x->a, id, person_id);
}

static int
team_owner(struct fhir_ctx *x, const char *id, const char **person_id)
{
	*person_id = id;
	return 0;
}

static const struct fhir_param related_params[] = {
	{"name", FP_STRING, "name", "the start of the name"},
	{"relationship", FP_TOKEN, "relationship",
	    "family or supporter (" FHIR_ROSC ":network-role), FAMMEMB or FRND (v3-RoleCode)"},
	{"active", FP_TOKEN, "active", "true while in the network"},
	{NULL, 0, NULL, NULL},
};

static const struct fhir_param team_params[] = {
	{"status", FP_TOKEN, "status", "active"},
	{"participant", FP_REFERENCE, "participant.member",
	    "a member (PractitionerRole, Practitioner, Organization or RelatedPerson)"},
	{NULL, 0, NULL, NULL},
};

static const struct fhir_param consent_params[] = {
	{"status", FP_TOKEN, "status", "active, inactive (lapsed) or rejected (not given)"},
	{"actor", FP_REFERENCE, "provision.actor.reference", "the recipient"},
	{"category", FP_TOKEN, "category", "59284-0 (LOINC)"},
	{"scope", FP_TOKEN, "scope", "patient-privacy"},
	{"date", FP_DATE, "dateTime", "when it last changed"},
	{"period", FP_DATE, "provision.period.end", "the last day it holds"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_relatedperson_kind = {
	.type = "RelatedPerson", .access = FA_PERSON, .cat = CAT_BASIC,
	.collect = collect_related, .owner = member_owner, .params = related_params,
	.in_everything = true,
};

const struct fhir_kind fhir_careteam_kind = {
	.type = "CareTeam", .access = FA_PERSON, .cat = CAT_BASIC,
	.collect = collect_team, .owner = team_owner, .params = team_params,
	.in_everything = true,
};

const struct fhir_kind fhir_consent_kind = {
	.type = "Consent", .access = FA_SELF, .cat = CAT_BASIC,
	.collect = collect_consents, .params = consent_params,
	.in_everything = true,
};
