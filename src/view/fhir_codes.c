/* rosc's own code systems as FHIR CodeSystem resources, readable by
 * anyone signed in at /fhir/R4/CodeSystem/{name}: the canonical URL of
 * each is FHIR_ROSC ":{name}", the same on every installation, and this
 * is where an installation publishes what the codes mean. Each concept
 * has its English display and its Dutch and Danish words as
 * designations, from the same catalogs as the pages. */
#include "view/fhir.h"

#include <string.h>

#include "base/i18n.h"
#include "core/account.h"
#include "core/appointment.h"
#include "core/directory.h"
#include "core/person.h"
#include "core/plan.h"
#include "core/referral.h"

struct code_system {
	const char *name, *title, *description;
	size_t n;                        /* 0: the codes are not listed here */
	const char *(*code)(size_t i);
	const char *(*label)(size_t i);  /* in the calling thread's language */
};

static const char *dom_c(size_t i) { return domain_code((enum domain)i); }
static const char *dom_l(size_t i) { return domain_label((enum domain)i); }
static const char *net_c(size_t i) { return net_role_code((enum net_role)i); }
static const char *net_l(size_t i) { return net_role_label((enum net_role)i); }
static const char *cat_c(size_t i) { return category_code((enum category)i); }
static const char *cat_l(size_t i) { return category_label((enum category)i); }
static const char *role_c(size_t i) { return role_code((enum role)(i + 1)); }
static const char *role_l(size_t i) { return role_label((enum role)(i + 1)); }
static const char *sec_c(size_t i) { return sector_code((enum sector)i); }
static const char *sec_l(size_t i) { return sector_label((enum sector)i); }
static const char *stage_c(size_t i) { return stage_code((enum stage)i); }
static const char *stage_l(size_t i) { return stage_label((enum stage)i); }
static const char *appt_c(size_t i) { return appt_kind_code((enum appt_kind)i); }
static const char *appt_l(size_t i) { return appt_kind_label((enum appt_kind)i); }
static const char *ref_c(size_t i) { return ref_status_code((enum ref_status)i); }
static const char *ref_l(size_t i) { return ref_status_label((enum ref_status)i); }

/* The few codes that have no table of their own elsewhere. */
static const char *const plan_codes[] = {"recovery-plan"};
static const char *const plan_labels[] = {N_("Recovery plan")};
static const char *const team_codes[] = {"recovery-network"};
static const char *const team_labels[] = {N_("The person's network")};
static const char *const checkin_codes[] = {
	"check-in", "mood", "sleep", "supported", "craving", "use",
};
static const char *const checkin_labels[] = {
	N_("Check-in"), N_("Mood"), N_("Sleep"), N_("Feeling supported"), N_("Craving"),
	N_("Any use since the last check-in"),
};
static const char *const use_codes[] = {"none", "little", "lot"};
static const char *const use_labels[] = {N_("None"), N_("A little"), N_("A lot")};

static const char *plan_c(size_t i) { return plan_codes[i]; }
static const char *plan_l(size_t i) { return _(plan_labels[i]); }
static const char *team_c(size_t i) { return team_codes[i]; }
static const char *team_l(size_t i) { return _(team_labels[i]); }
static const char *chk_c(size_t i) { return checkin_codes[i]; }
static const char *chk_l(size_t i) { return _(checkin_labels[i]); }
static const char *use_c(size_t i) { return use_codes[i]; }
static const char *use_l(size_t i) { return _(use_labels[i]); }

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct code_system systems[] = {
	{"access-reason", "Why a record was read", "Why someone other than the person "
	    "could read their record, as the access log says: duty, consent or emergency.",
	    0, NULL, NULL},
	{"access-what", "What an access was to", "What an entry of a person's access log "
	    "was to: a consent category, or list, referral, messages, warnings, "
	    "accompaniment, group, search.", 0, NULL, NULL},
	{"appointment-kind", "Kinds of appointment", "What an appointment is about.",
	    AK_COUNT, appt_c, appt_l},
	{"care-plan", "Kinds of care plan", "The kinds of CarePlan rosc keeps.",
	    N(plan_codes), plan_c, plan_l},
	{"care-team", "Kinds of care team", "The kinds of CareTeam rosc keeps.",
	    N(team_codes), team_c, team_l},
	{"check-in", "A check-in and its values", "A person's quick check-in (one "
	    "Observation) and the values it holds (its components).",
	    N(checkin_codes), chk_c, chk_l},
	{"consent-category", "Consent categories", "What a person shares, each category "
	    "given or not to an organisation or a person by name.", CAT_COUNT, cat_c, cat_l},
	{"life-domain", "Life domains", "The parts of life a recovery plan and its goals "
	    "are about, and those a service helps with.", DOM_COUNT, dom_c, dom_l},
	{"network-role", "Roles in a person's network", "How someone is in a person's "
	    "network.", NET_ROLE_COUNT, net_c, net_l},
	{"referral-status", "Referral statuses", "Where a referral stands, from proposed "
	    "to its outcome (a Task's businessStatus).", RS_COUNT, ref_c, ref_l},
	{"score", "Questionnaire scores", "A questionnaire's total score, by the "
	    "questionnaire's code (the Questionnaire resources list them).", 0, NULL, NULL},
	{"score-zone", "Score zones", "A score's zone, by the zone's code in its "
	    "questionnaire's definition.", 0, NULL, NULL},
	{"sector", "Sectors", "The sector an organisation works in.", SECTOR_COUNT, sec_c,
	    sec_l},
	{"stage", "Stages of the continuum of care", "Where on the continuum of care a "
	    "service is.", STAGE_COUNT, stage_c, stage_l},
	{"staff-role", "Staff roles", "A staff member's role in an organisation.",
	    ROLE_COUNT - 1, role_c, role_l},
	{"substance-use", "Use since the last check-in", "Any use of alcohol or drugs "
	    "since the last check-in, as the person said it.", N(use_codes), use_c, use_l},
	{"user", "User accounts", "A user account's id on this installation (who read a "
	    "record, where no organisation names their role).", 0, NULL, NULL},
};

/* The name as FHIR's CodeSystem.name wants it: "LifeDomain". */
static json_t *
computable(const char *name)
{
	char out[64];
	size_t w = 0;
	bool up = true;

	for (; *name && w < sizeof(out) - 1; name++) {
		if (*name == '-') {
			up = true;
			continue;
		}
		out[w++] = up && *name >= 'a' && *name <= 'z' ? (char)(*name - 'a' + 'A') : *name;
		up = false;
	}
	out[w] = '\0';
	return json_sprintf("Rosc%s", out);
}

static json_t *
code_system(const struct code_system *cs)
{
	json_t *o = json_object(), *concepts = json_array();
	enum lang was = i18n_current();
	size_t i;
	int l;

	json_object_set_new(o, "resourceType", json_string("CodeSystem"));
	json_object_set_new(o, "id", json_string(cs->name));
	json_object_set_new(o, "url", json_sprintf("%s:%s", FHIR_ROSC, cs->name));
	json_object_set_new(o, "name", computable(cs->name));
	json_object_set_new(o, "title", json_string(cs->title));
	json_object_set_new(o, "status", json_string("active"));
	json_object_set_new(o, "publisher", json_string("rosc"));
	json_object_set_new(o, "description", json_string(cs->description));
	json_object_set_new(o, "caseSensitive", json_true());
	json_object_set_new(o, "content", json_string(cs->n > 0 ? "complete" : "not-present"));
	for (i = 0; i < cs->n; i++) {
		json_t *c = json_object(), *des = json_array();

		i18n_use(LANG_EN);
		json_object_set_new(c, "code", json_string(cs->code(i)));
		json_object_set_new(c, "display", json_string(cs->label(i)));
		for (l = 0; l < LANG_COUNT; l++) {
			if (l == LANG_EN || !i18n_available((enum lang)l))
				continue;
			i18n_use((enum lang)l);
			json_array_append_new(des, json_pack("{s:s, s:s}", "language",
			    lang_code((enum lang)l), "value", cs->label(i)));
		}
		if (json_array_size(des) > 0)
			json_object_set_new(c, "designation", des);
		else
			json_decref(des);
		json_array_append_new(concepts, c);
	}
	i18n_use(was);
	if (cs->n > 0) {
		json_object_set_new(o, "count", json_integer((json_int_t)cs->n));
		json_object_set_new(o, "concept", concepts);
	} else {
		json_decref(concepts);
	}
	return o;
}

static int
collect_all(struct fhir_ctx *x, struct fhir_list *out)
{
	size_t i;

	for (i = 0; i < N(systems); i++)
		fhir_list_add(x->a, out, code_system(&systems[i]), CAT_BASIC);
	return 0;
}

static const struct fhir_param params[] = {
	{"url", FP_TOKEN, "url", "the canonical URL (" FHIR_ROSC ":NAME)"},
	{"name", FP_STRING, "name", "the start of its computable name"},
	{"code", FP_TOKEN, "concept.code", "a code it holds"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_codesystem_kind = {
	.type = "CodeSystem", .access = FA_PUBLIC,
	.collect_all = collect_all, .params = params,
};
