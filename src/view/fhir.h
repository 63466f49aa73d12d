/* rosc's records as HL7 FHIR R4 resources (JSON), read with a grant.
 *
 * Each resource type rosc speaks is a kind: its name, the consent
 * category the door asks for (and those some of its resources belong to
 * beyond that), how its resources are gathered for one person (or, for
 * the directory and the definitions, for anyone), how a resource id is
 * traced back to its person, and its search parameters, each a path into
 * the resource, so that search, the CapabilityStatement and the mapping
 * table in docs/FHIR.md say the same. The HTTP side is src/fhir/; the
 * command line's export uses view_fhir_everything() alone. */
#ifndef ROSC_VIEW_FHIR_H
#define ROSC_VIEW_FHIR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/appointment.h"
#include "core/person.h"
#include "core/plan.h"

struct arena;
struct goal;
struct grant;
struct store;

/* The canonical URL of rosc's own code systems and extensions (the same
 * on every installation; each is also readable at
 * /fhir/R4/CodeSystem/{name}). */
#define FHIR_ROSC "urn:rosc:fhir"
/* A questionnaire's canonical: this, its code, and "|version" where one. */
#define FHIR_Q_CANONICAL FHIR_ROSC ":questionnaire:"
#define FHIR_REDACTED_SYSTEM "http://terminology.hl7.org/CodeSystem/v3-ObservationValue"

struct fhir_ctx {
	struct store *s;
	struct arena *a;
	const char *today;           /* "YYYY-MM-DD", UTC */
	int64_t now_us;
};

/* One resource, with what search and paging need to know of it. */
struct fhir_res {
	const char *id;
	int64_t updated_us;
	enum category cat;           /* what the access log notes when it is shown */
	json_t *json;                /* owned by the list */
};

struct fhir_list {
	struct fhir_res *v;
	size_t n, cap;
};

/* Adds res (taking its reference) with its id and meta.lastUpdated. */
void fhir_list_add(struct arena *a, struct fhir_list *l, json_t *res, enum category cat);
/* Doubles an arena array of *cap items of sz bytes (16 at first); returns
 * the new one with the old items in it. */
void *fhir_grow(struct arena *a, void *old, size_t *cap, size_t sz);
/* Drops every resource's JSON. */
void fhir_list_free(struct fhir_list *l);

enum fhir_param_type { FP_TOKEN, FP_DATE, FP_STRING, FP_REFERENCE };

/* A search parameter: its name, type and the dotted path(s) in the
 * resource it matches ("lifecycleStatus", "category.coding",
 * "effectiveDateTime|effectivePeriod.start"). A path that reaches a
 * Coding or CodeableConcept matches its code (and system|code); a
 * reference that reaches a canonical ("url|version") matches it whole or
 * by its url. */
struct fhir_param {
	const char *name;
	enum fhir_param_type type;
	const char *path;
	const char *doc;             /* one line for the CapabilityStatement */
};

/* A search's parameter and the value it was given. */
struct fhir_where {
	const struct fhir_param *p;
	const char *value;
};

/* How a reader reaches a kind of resource. */
enum fhir_access {
	FA_PERSON,      /* a person's data: the door (door_open) for cat */
	FA_REFERRALS,   /* a person's referrals: door_referrals() */
	FA_MESSAGES,    /* a person's messages: door_messages() */
	FA_SELF,        /* the person's own only (their access log) */
	FA_PUBLIC,      /* anyone signed in (the directory, definitions) */
	FA_STAFF,       /* staff accounts, as far as door_staff_scope() reaches */
};

enum { FW_CREATE = 1, FW_UPDATE = 2 };
struct staff_scope;

struct fhir_kind {
	const char *type;
	enum fhir_access access;
	enum category cat;           /* asked for by the door (FA_PERSON) */
	unsigned may_hold;           /* further CAT_BITs some resources need */
	/* A person's resources of this kind, as the grant may see them. */
	int (*collect)(struct fhir_ctx *x, const struct grant *g, struct fhir_list *out);
	/* FA_PUBLIC: all of them. */
	int (*collect_all)(struct fhir_ctx *x, struct fhir_list *out);
	/* FA_PUBLIC, optional: the one with this id, if there is one (a read
	 * need not gather a directory of thousands). */
	int (*get)(struct fhir_ctx *x, const char *id, struct fhir_list *out);
	/* FA_PUBLIC, optional: for a search, at least every resource that
	 * could pass its parameters w[0..n) ("_id" and the kind's own), more
	 * being harmless (the search still checks each): the store narrows a
	 * large directory before it is gathered. */
	int (*collect_where)(struct fhir_ctx *x, const struct fhir_where *w, size_t n,
	    struct fhir_list *out);
	/* FA_STAFF: those within the scope the door gave. */
	int (*collect_staff)(struct fhir_ctx *x, const struct staff_scope *sc,
	    struct fhir_list *out);
	/* The person a resource id belongs to: 0, ERR_NOT_FOUND or ERR_DB
	 * (FA_SELF kinds need none: only the caller's own are looked at). */
	int (*owner)(struct fhir_ctx *x, const char *id, const char **person_id);
	const struct fhir_param *params;  /* beyond the common ones; {NULL}-ended */
	unsigned writes;             /* FW_CREATE, FW_UPDATE: what src/fhir/ takes */
	bool in_everything;          /* part of Patient/$everything */
};

/* Every kind, in the CapabilityStatement's order, and their number. */
extern const struct fhir_kind *const fhir_kinds[];
extern const size_t fhir_nkinds;
/* The kind named type, or NULL. */
const struct fhir_kind *fhir_kind(const char *type);

/* Whether res matches value for p (a search's value, comma-separated
 * values meaning any of them). For dates the value may start with a
 * prefix (eq, ne, lt, gt, le, ge, sa, eb). *bad is set for a value that
 * cannot be a value of p's type. */
bool fhir_param_match(const struct fhir_param *p, json_t *res, const char *value, bool *bad);

/* The instant us as FHIR's instant ("2026-12-07T09:30:00Z"). */
json_t *fhir_instant(int64_t us);
/* {"reference": "Type/id"} (with a display, when given), or NULL. */
json_t *fhir_ref(const char *type, const char *id, const char *display);
/* The id of a Reference {"reference": "Type/ID"} a client sent, if it
 * names a Type and a FHIR id; else NULL. Points into ref. */
const char *fhir_ref_id(json_t *ref, const char *type);
/* {"versionId", "lastUpdated"}; versionId left out for 0. */
json_t *fhir_meta(int64_t version, int64_t updated_us);
/* A CodeableConcept of one coding. */
json_t *fhir_concept(const char *system, const char *code, const char *display);

/* Every resource rosc holds about the person of an all-covering grant
 * (the person's own, or the command line's), as a Bundle of type
 * "searchset" (Patient/$everything) or "collection" (an export file);
 * base is the server's address for fullUrl ("https://host/fhir/R4"). */
int view_fhir_everything(struct fhir_ctx *x, const struct grant *const *grants,
    const char *base, const char *bundle_type, json_t **out);

/* What is wrong with a resource a client sent: the element at fault
 * (a FHIRPath below the resource: "description.text") and a stable code
 * ("required", "invalid_format", "too_long", "invalid_choice",
 * "unknown_element"). fhir_fault() fills it in and returns ERR_INVALID. */
struct fhir_fault {
	const char *element, *code;
};
int fhir_fault(struct fhir_fault *f, const char *element, const char *code);

/* A resource a client sent for an address that takes type (and, for an
 * update, id): NULL if its resourceType is type and its id is id (when
 * id is not NULL), else the element at fault ("resourceType", "id"). */
const char *fhir_resource_check(json_t *res, const char *type, const char *id);

/* Reads a Goal a client sent into g: title, why, text_lang, domain,
 * status, and person_id from its subject (pointing into res). 0, or
 * ERR_INVALID with *f. An element rosc does not keep is refused, never
 * dropped in silence. */
int fhir_goal_read(json_t *res, struct goal *g, struct fhir_fault *f);

/* One activity (a step) of a CarePlan a client sent: the step's id (NULL
 * for a new one), its goal (NULL if not named), words, status, due date
 * (NULL: none) and performer as sent (a reference, NULL if none); at is
 * its place ("activity[2]") for a fault found later. */
struct fhir_activity {
	const char *id, *goal_id, *title, *due_date, *performer, *at;
	enum item_status status;
};
/* Reads a CarePlan a client sent: its activities into *out (n of them,
 * pointing into res). status must stay active and intent plan. 0, or
 * ERR_INVALID with *f. */
int fhir_careplan_read(json_t *res, struct arena *a, struct fhir_activity **out,
    size_t *n, struct fhir_fault *f);
/* A staff member's role in an organisation, as a PractitionerRole's id:
 * the account's id and the organisation's together (64 characters, the
 * longest FHIR id), written into out. */
#define FHIR_ROLE_ID_LEN 64
void fhir_role_id(char out[FHIR_ROLE_ID_LEN + 1], const char *user_id, const char *org_id);
/* A network member as a reference: family and supporters as a
 * RelatedPerson (the member's id), staff for an organisation as a
 * PractitionerRole (fhir_role_id()), staff alone as a Practitioner, an
 * organisation alone as an Organization, else a name. */
struct network_member;
json_t *fhir_member_ref(const struct network_member *m);

/* A QuestionnaireResponse a client sent: the questionnaire's code and
 * version (0: the newest) from its canonical, the person from its
 * subject, and one answer per item (its linkId and the value of the
 * option chosen, from valueCoding.code or valueInteger), in a. 0, or
 * ERR_INVALID with *f; elements rosc does not keep (authored, author,
 * source: rosc records when and by whom it was given) are refused. */
struct q_answer;
struct fhir_qr_in {
	const char *code, *person_id;
	int version;
	struct q_answer *answers;
	size_t n;
};
int fhir_qresponse_read(struct arena *a, json_t *res, struct fhir_qr_in *in,
    struct fhir_fault *f);

/* Mappings used beyond their kind (the Patient search, the writes). */
json_t *fhir_patient(const struct person *p);
json_t *fhir_goal(const struct goal *g);
struct q_response;
struct q_definition;
json_t *fhir_qresponse(const struct q_response *r, const struct q_definition *d);
struct appointment;
struct referral;
json_t *fhir_appointment(const struct appointment *x);
json_t *fhir_task(const struct referral *x);

/* An Appointment a client sent: what the pages' checks take (the start
 * as an instant; the date and time are the writer's to find in a zone),
 * the person (the Patient participant, and whether they accepted), whom
 * they meet (a network member as "Type/id" the way fhir_member_ref()
 * names them, a service, or a name), the goal, the
 * referral, the status as sent and why it was cancelled. Strings in a.
 * 0, or ERR_INVALID with *f. An element rosc does not keep is refused. */
struct fhir_appt_in {
	struct appt_input in;
	int64_t starts_us;
	const char *person_id, *member_ref, *service_id, *goal_id, *referral_id;
	const char *status, *cancel_reason, *lang;
	bool person_accepted;
};
int fhir_appointment_read(json_t *res, struct arena *a, struct fhir_appt_in *in,
    struct fhir_fault *f);
/* The status it asks for: booked (confirmed when the person accepted),
 * fulfilled, noshow, cancelled. false for any other. */
bool fhir_appointment_status(const struct fhir_appt_in *in, enum appt_status *to);

/* A Task a client sent: the referral's status it asks for (businessStatus
 * in rosc's code system), Task.status as sent (the writer checks it
 * agrees), the note for the move, and the focus and for as sent (NULL
 * when absent). Strings in a. 0, or ERR_INVALID with *f. */
struct fhir_task_in {
	const char *business_status, *status, *note, *focus_id, *for_id;
};
int fhir_task_read(json_t *res, struct arena *a, struct fhir_task_in *in,
    struct fhir_fault *f);

/* The kinds' own parts, one file per area. */
extern const struct fhir_kind fhir_patient_kind, fhir_goal_kind, fhir_careplan_kind;
extern const struct fhir_kind fhir_relatedperson_kind, fhir_careteam_kind, fhir_consent_kind;
extern const struct fhir_kind fhir_practitioner_kind, fhir_practitionerrole_kind;
extern const struct fhir_kind fhir_organization_kind, fhir_healthcareservice_kind,
    fhir_location_kind;
extern const struct fhir_kind fhir_questionnaire_kind, fhir_qresponse_kind,
    fhir_observation_kind;
extern const struct fhir_kind fhir_codesystem_kind;
extern const struct fhir_kind fhir_appointment_kind, fhir_service_request_kind, fhir_task_kind,
    fhir_communication_kind, fhir_audit_event_kind;

#endif
