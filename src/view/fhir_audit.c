/* The person's access log as FHIR AuditEvents, for the person alone: each
 * entry who (and for which organisation) read, listed or changed what of
 * their record, when, and why (duty, consent or emergency). */
#include "view/fhir.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/access_log.h"
#include "store/fhir.h"

#define LOG_PAGE 1000
#define DICOM "http://dicom.nema.org/resources/ontology/DCM"
#define REST "http://hl7.org/fhir/restful-interaction"

/* The FHIR interaction an access was: a list is a search. */
static const char *
interaction(const char *action)
{
	if (strcmp(action, "write") == 0)
		return "update";
	return strcmp(action, "list") == 0 ? "search-type" : "read";
}

static json_t *
fhir_audit_event(const char *person_id, const struct access_entry *e)
{
	json_t *o = json_object(), *agents = json_array(), *who;
	const char *name = e->actor_name != NULL ? e->actor_name : e->actor_id;

	json_object_set_new(o, "resourceType", json_string("AuditEvent"));
	json_object_set_new(o, "id", json_string(e->id));
	json_object_set_new(o, "meta", fhir_meta(0, e->at_us));
	json_object_set_new(o, "type", json_pack("{s:s, s:s, s:s}", "system", DICOM, "code",
	    "110110", "display", "Patient Record"));
	json_object_set_new(o, "subtype", json_pack("[{s:s, s:s}, {s:s, s:s}]",
	    "system", REST, "code", interaction(e->action),
	    "system", FHIR_ROSC ":access-what", "code", e->what));
	json_object_set_new(o, "action", json_string(strcmp(e->action, "write") == 0 ? "U" : "R"));
	json_object_set_new(o, "recorded", fhir_instant(e->at_us));
	json_object_set_new(o, "outcome", json_string("0"));
	json_object_set_new(o, "purposeOfEvent", json_pack("[o]",
	    fhir_concept(FHIR_ROSC ":access-reason", e->why, NULL)));
	if (e->org_id != NULL) {
		/* Staff for an organisation: their role there. */
		char role[FHIR_ROLE_ID_LEN + 1];

		fhir_role_id(role, e->actor_id, e->org_id);
		who = fhir_ref("PractitionerRole", role, name);
	} else {
		who = json_pack("{s:{s:s, s:s}, s:s}", "identifier", "system",
		    FHIR_ROSC ":user", "value", e->actor_id, "display", name);
	}
	json_array_append_new(agents, json_pack("{s:o, s:s, s:b}", "who", who, "name", name,
	    "requestor", 1));
	if (e->org_id != NULL)
		json_array_append_new(agents, json_pack("{s:o, s:b}", "who",
		    fhir_ref("Organization", e->org_id, e->org_name), "requestor", 0));
	json_object_set_new(o, "agent", agents);
	json_object_set_new(o, "source", json_pack("{s:{s:s}}", "observer", "display", "rosc"));
	json_object_set_new(o, "entity", json_pack("[{s:o, s:{s:s, s:s, s:s}, s:{s:s, s:s, "
	    "s:s}, s:[{s:s, s:s}]}]",
	    "what", fhir_ref("Patient", person_id, NULL),
	    "type", "system", "http://terminology.hl7.org/CodeSystem/audit-entity-type",
	    "code", "1", "display", "Person",
	    "role", "system", "http://terminology.hl7.org/CodeSystem/object-role",
	    "code", "1", "display", "Patient",
	    "detail", "type", "what", "valueString", e->what));
	return o;
}

/* Every entry, page by page, newest first. A page that ends inside one
 * instant leaves that instant to the next page, so none is lost or
 * shown twice. */
static int
collect(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out)
{
	int64_t before = 0;

	if (!grant_is_self(g))
		return 0;
	for (;;) {
		struct access_entry *e;
		size_t n = 0, keep, i;
		int rc;

		if ((rc = store_access_list(x->s, x->a, g, before, LOG_PAGE, &e, &n)) != 0)
			return rc;
		keep = n;
		if (n == LOG_PAGE)
			while (keep > 0 && e[keep - 1].at_us == e[n - 1].at_us)
				keep--;
		if (keep == 0)
			keep = n;    /* a whole page in one instant: take it as it is */
		for (i = 0; i < keep; i++)
			fhir_list_add(x->a, out, fhir_audit_event(grant_person(g), &e[i]), CAT_BASIC);
		if (n < LOG_PAGE)
			return 0;
		before = keep < n ? e[keep].at_us + 1 : e[n - 1].at_us;
	}
}

static const struct fhir_param params[] = {
	{"date", FP_DATE, "recorded", "when it happened"},
	{"action", FP_TOKEN, "action", "R (read or listed) or U (changed)"},
	{"subtype", FP_TOKEN, "subtype", "read, search-type or update, or what was seen ("
	    FHIR_ROSC ":access-what: a category, list, referral, messages ...)"},
	{"purpose", FP_TOKEN, "purposeOfEvent",
	    "why: duty, consent or emergency (" FHIR_ROSC ":access-reason)"},
	{"agent-name", FP_STRING, "agent.name", "the start of the name of who it was"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_audit_event_kind = {
	.type = "AuditEvent", .access = FA_SELF, .cat = CAT_BASIC,
	.collect = collect, .params = params, .in_everything = true,
};
