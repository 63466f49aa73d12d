/* The person's complete export: everything rosc holds about them, as one
 * JSON document (their right of access), built from what their own grant
 * covers. Used by the download (api/mydata.c) and by /me/data, which
 * shows its size. */
#include "view/export.h"

#include <string.h>

#include "access/grant.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "core/person.h"
#include "core/plan.h"
#include "store/access_log.h"
#include "store/consent.h"
#include "store/emergency.h"
#include "store/network.h"
#include "store/notes.h"
#include "store/messages.h"
#include "store/accompaniment.h"
#include "store/appointments.h"
#include "store/checkins.h"
#include "store/meetings.h"
#include "store/help_now.h"
#include "store/pathway_run.h"
#include "store/referrals.h"
#include "store/responses.h"
#include "store/plan.h"
#include "store/warnings.h"
#include "store/checkups.h"
#include "store/peers.h"
#include "store/peer_groups.h"
#include "store/suggestions.h"
#include "view/plan.h"
#include "view/warning.h"

#define LOG_PAGE 1000
#define HISTORY_PAGE 1000

/* A string, or null. */
static json_t *
str(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
instant(int64_t us)
{
	char out[28];

	clock_format_instant(us, out);
	return json_string(out);
}

/* {"id": ..., "name": ...}, or null when there is no id. */
static json_t *
ref(const char *id, const char *name)
{
	if (id == NULL)
		return json_null();
	return json_pack("{s:s, s:o}", "id", id, "name", str(name));
}

static json_t *
record(const struct person *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(p->id));
	json_object_set_new(o, "name", str(p->display_name));
	json_object_set_new(o, "preferred_name", str(p->preferred_name));
	json_object_set_new(o, "pronouns", str(p->pronouns));
	json_object_set_new(o, "birth_date", str(p->birth_date));
	json_object_set_new(o, "phone", str(p->phone));
	json_object_set_new(o, "email", str(p->email));
	json_object_set_new(o, "address", str(p->address));
	json_object_set_new(o, "language", str(p->lang));
	json_object_set_new(o, "national_id", str(p->national_id)); /* theirs, in full */
	json_object_set_new(o, "time_zone", str(p->time_zone));
	json_object_set_new(
	    o, "home_organisation", ref(p->home_org_id, p->home_org_name));
	json_object_set_new(o, "about_me", str(p->about_me));
	json_object_set_new(o, "about_me_language", str(p->about_me_lang));
	json_object_set_new(o, "created_at", instant(p->created_us));
	json_object_set_new(o, "updated_at", instant(p->updated_us));
	json_object_set_new(o, "version", json_integer(p->version));
	return o;
}

static json_t *
network(const struct network_member *m, size_t n, const char *today)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:o, s:s, s:o, s:o, s:s, s:o, s:b}", "id", m[i].id,
		        "name", str(m[i].display_name), "role", net_role_code(m[i].role),
		        "organisation", ref(m[i].org_id, m[i].org_name), "contact",
		        str(m[i].contact), "from", m[i].from_date, "until",
		        str(m[i].until_date), "current",
		        m[i].until_date == NULL || strcmp(m[i].until_date, today) >= 0));
	return a;
}

static json_t *
recipient(const struct consent *k)
{
	bool org = k->recipient_org_id != NULL;

	return json_pack("{s:s, s:s, s:o}", "type",
	    org ? "organisation" : "network_member", "id",
	    org ? k->recipient_org_id : k->recipient_member_id, "name",
	    str(k->recipient_name));
}

static json_t *
consents(const struct consent *k, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(
		    a, json_pack("{s:s, s:o, s:s, s:b, s:o, s:o, s:I, s:o}", "id",
		           k[i].id, "recipient", recipient(&k[i]), "category",
		           category_code(k[i].category), "granted", k[i].granted,
		           "purpose", str(k[i].purpose), "until", str(k[i].until_date),
		           "version", (json_int_t)k[i].version, "updated_at",
		           instant(k[i].updated_us)));
	return a;
}

static json_t *
history(const struct consent *k, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:I, s:o, s:s, s:b, s:o, s:o, s:o, s:o}",
		        "consent_id", k[i].id, "version", (json_int_t)k[i].version,
		        "recipient", recipient(&k[i]), "category",
		        category_code(k[i].category), "granted", k[i].granted, "purpose",
		        str(k[i].purpose), "until", str(k[i].until_date), "changed_at",
		        instant(k[i].updated_us), "changed_by", str(k[i].updated_by)));
	return a;
}

/* A note kept back from the person shows that it exists, not what it says. */
static json_t *
notes(const struct note *x, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:b}", "id", x[i].id,
		    "author", ref(x[i].author_id, x[i].author_name), "organisation",
		    ref(x[i].author_org_id, x[i].author_org_name), "created",
		    instant(x[i].created_us), "restricted", x[i].restricted);

		if (!x[i].restricted) {
			json_object_set_new(o, "body", str(x[i].body));
			json_object_set_new(o, "language", str(x[i].body_lang));
		}
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
emergencies(const struct emergency *e, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(
		    a, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "id", e[i].id, "by",
		           ref(e[i].user_id, e[i].user_name), "organisation",
		           ref(e[i].org_id, e[i].org_name), "reason", str(e[i].reason),
		           "started", instant(e[i].started_us), "expires",
		           instant(e[i].expires_us)));
	return a;
}

/* Every entry of the access log, newest first, page by page. Entries of
 * one instant stay together, so none is lost between pages. */
static int
access_log(struct export_ctx *x, const struct grant *g, json_t **out)
{
	json_t *a = json_array();
	int64_t before = 0;
	int rc;

	for (;;) {
		struct access_entry *e;
		size_t n = 0, keep, i;

		rc = store_access_list(
		    x->s, x->a, g, before, LOG_PAGE, &e, &n);
		if (rc != 0) {
			json_decref(a);
			return rc;
		}
		keep = n;
		if (n == LOG_PAGE) {
			while (keep > 0 && e[keep - 1].at_us == e[n - 1].at_us)
				keep--;
			if (keep == 0)
				keep = n;
		}
		for (i = 0; i < keep; i++)
			json_array_append_new(
			    a, json_pack("{s:o, s:o, s:o, s:s, s:s, s:s}", "at",
			           instant(e[i].at_us), "who",
			           ref(e[i].actor_id, e[i].actor_name), "organisation",
			           str(e[i].org_name), "what", e[i].what, "action",
			           e[i].action, "why", e[i].why));
		if (n < LOG_PAGE)
			break;
		before = keep < n ? e[n - 1].at_us + 1 : e[n - 1].at_us;
	}
	*out = a;
	return 0;
}

/* The plan: everything, the substance-use domain included (it is theirs),
 * every rating, the history of every change, and every comment. */

/* An instant, or null for 0 (never). */
static json_t *
instant_or_null(int64_t us)
{
	return us != 0 ? instant(us) : json_null();
}

static json_t *
plan_domains(const struct plan_domain *d)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < DOM_COUNT; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:o, s:o}", "domain",
		        domain_code(d[i].domain), "now", str(d[i].now_text), "strengths",
		        str(d[i].strengths), "hopes", str(d[i].hopes), "matters_most",
		        str(d[i].matters_most), "language", str(d[i].text_lang), "version",
		        (json_int_t)d[i].version, "updated_at", instant_or_null(d[i].updated_us),
		        "updated_by", ref(d[i].updated_by, d[i].updated_by_name)));
	return a;
}

static json_t *
plan_ratings(const struct plan_rating *x, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:i, s:o, s:o}", "domain",
		    domain_code(x[i].domain), "rating", x[i].rating, "rated_at",
		    instant(x[i].rated_us), "rated_by", str(x[i].rated_by)));
	return a;
}

static json_t *
plan_goals(const struct goal *g, size_t ng, const struct step *x, size_t nx)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < ng; i++) {
		json_t *steps = json_array();

		for (k = 0; k < nx; k++) {
			const char *owner_id = x[k].owner_kind == OWNER_MEMBER ?
			    x[k].owner_member_id : x[k].owner_kind == OWNER_ORGANISATION ?
			    x[k].owner_org_id : NULL;

			if (strcmp(x[k].goal_id, g[i].id) != 0)
				continue;
			json_array_append_new(steps, json_pack(
			    "{s:s, s:s, s:{s:s, s:o, s:o}, s:o, s:s, s:I, s:o, s:o}",
			    "id", x[k].id, "title", x[k].title, "owner", "kind",
			    step_owner_code(x[k].owner_kind), "id", str(owner_id), "name",
			    str(x[k].owner_kind == OWNER_PERSON ? NULL : x[k].owner_name),
			    "due_date", str(x[k].due_date), "status",
			    item_status_code(x[k].status), "version", (json_int_t)x[k].version,
			    "created_at", instant(x[k].created_us), "updated_at",
			    instant(x[k].updated_us)));
		}
		json_array_append_new(a, json_pack(
		    "{s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:I, s:o, s:o, s:o, s:o}",
		    "id", g[i].id, "domain", domain_code(g[i].domain), "title", str(g[i].title),
		    "why", str(g[i].why), "language", str(g[i].text_lang), "status",
		    item_status_code(g[i].status), "reached_at", g[i].status == ST_REACHED ?
		    instant_or_null(g[i].reached_us) : json_null(), "version",
		    (json_int_t)g[i].version, "created_at", instant(g[i].created_us),
		    "updated_at", instant(g[i].updated_us), "updated_by",
		    ref(g[i].updated_by, g[i].updated_by_name), "steps", steps));
	}
	return a;
}

static json_t *
plan_relapse(const struct relapse_plan *p, const struct crisis_contact *k, size_t n)
{
	json_t *contacts = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(contacts, json_pack("{s:s, s:s, s:s, s:o, s:i}", "id",
		    k[i].id, "name", k[i].name, "phone", k[i].phone, "note", str(k[i].note),
		    "position", k[i].position));
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:o, s:o}",
	    "what_helps", str(p->what_helps), "people_to_call", str(p->people_to_call),
	    "triggers", str(p->triggers), "warning_signs", str(p->warning_signs),
	    "if_i_lapse", str(p->if_i_lapse), "language", str(p->text_lang),
	    "version", (json_int_t)p->version, "updated_at", instant_or_null(p->updated_us),
	    "crisis_contacts", contacts);
}

/* Every change to the plan, newest first, page by page (a page keeps
 * every row of its last instant, so the next one starts before it). */
static int
plan_history(struct export_ctx *x, const struct grant *g, json_t *a)
{
	int64_t before = 0;
	int rc;

	for (;;) {
		struct plan_change *h;
		size_t n = 0, i;

		rc = store_plan_history(x->s, x->a, g, NULL, NULL, before,
		    HISTORY_PAGE, &h, &n);
		if (rc != 0)
			return rc;
		for (i = 0; i < n; i++)
			json_array_append_new(a, json_pack(
			    "{s:s, s:o, s:s, s:s, s:s, s:o, s:o, s:I, s:o, s:o}", "id", h[i].id,
			    "changed_at", instant(h[i].changed_us), "item_kind", h[i].item_kind,
			    "item_id", h[i].item_id, "field", h[i].field, "before",
			    str(h[i].before), "after", str(h[i].after), "version",
			    (json_int_t)h[i].version, "changed_by",
			    ref(h[i].changed_by, h[i].changed_by_name), "organisation",
			    ref(h[i].changed_org_id, h[i].changed_org_name)));
		if (n < HISTORY_PAGE)
			return 0;
		before = h[n - 1].changed_us;
	}
}

/* The comments on one item, appended to a. */
static int
plan_comments(struct export_ctx *x, const struct grant *g, const char *kind, const char *item,
    json_t *a)
{
	struct plan_comment *k;
	size_t n = 0, i;
	int rc = store_plan_comments(x->s, x->a, g, kind, item, &k, &n);

	for (i = 0; rc == 0 && i < n; i++)
		json_array_append_new(a, json_pack(
		    "{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id", k[i].id, "item_kind",
		    kind, "item_id", item, "body", k[i].body, "language", str(k[i].body_lang),
		    "author", ref(k[i].author_id, k[i].author_name), "organisation",
		    ref(k[i].author_org_id, k[i].author_org_name), "created_at",
		    instant(k[i].created_us)));
	return rc;
}

static int
plan(struct export_ctx *x, const struct grant *g, json_t **out)
{
	json_t *hist = json_array(), *comments = json_array();
	struct plan_view v;
	size_t i;
	int d, rc;

	if ((rc = view_plan(x->s, x->a, g, PLAN_VIEW_ALL, &v)) != 0 ||
	    (rc = plan_history(x, g, hist)) != 0)
		goto fail;
	for (d = 0; d < DOM_COUNT; d++)
		if ((rc = plan_comments(x, g, "domain", domain_code((enum domain)d),
		    comments)) != 0)
			goto fail;
	for (i = 0; i < v.ngoals; i++)
		if ((rc = plan_comments(x, g, "goal", v.goals[i].id, comments)) != 0)
			goto fail;
	for (i = 0; i < v.nsteps; i++)
		if ((rc = plan_comments(x, g, "step", v.steps[i].id, comments)) != 0)
			goto fail;
	if ((rc = plan_comments(x, g, "relapse", "relapse", comments)) != 0)
		goto fail;
	*out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "domains", plan_domains(v.doms),
	    "ratings", plan_ratings(v.ratings, v.nratings), "goals",
	    plan_goals(v.goals, v.ngoals, v.steps, v.nsteps), "relapse_plan",
	    plan_relapse(&v.rp, v.cs, v.ncs), "history", hist, "comments", comments);
	return 0;
fail:
	json_decref(hist);
	json_decref(comments);
	return rc;
}

int
view_export_dump(const char *s, size_t n, void *data)
{
	buf_append(data, s, n);
	return 0;
}

/* The person's referrals, each with its whole history. */
static json_t *
referrals(struct export_ctx *x, const struct referral *rs, size_t n,
    const struct referral_event *ev, size_t nev)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < n; i++) {
		json_t *h = json_array();

		for (k = 0; k < nev; k++)
			if (strcmp(ev[k].referral_id, rs[i].id) == 0)
				json_array_append_new(h, json_pack("{s:o, s:s, s:o, s:o, s:o, s:o}",
				    "from", ev[k].has_from ? json_string(ref_status_code(ev[k].from)) :
				    json_null(), "to", ref_status_code(ev[k].to), "at",
				    instant(ev[k].at_us), "by", str(ev[k].by_name), "by_organisation",
				    str(ev[k].by_org_name), "note", str(ev[k].note)));
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o}",
		    "id", rs[i].id, "service_id", rs[i].service_id, "service", str(rs[i].service_name),
		    "to_organisation", str(rs[i].to_org_name), "goal", str(rs[i].goal_title),
		    "reason", str(rs[i].reason), "status", ref_status_code(rs[i].status),
		    "status_text", json_string(ref_status_sentence(x->a, rs[i].status,
		    referral_who(&rs[i]))), "created_at", instant(rs[i].created_us),
		    "history", h));
	}
	return a;
}

/* The person's appointments, each with its whole history. */
static json_t *
appointments(const struct appointment *as, size_t n, const struct appointment_event *ev,
    size_t nev)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < n; i++) {
		json_t *h = json_array(), *o;

		for (k = 0; k < nev; k++)
			if (strcmp(ev[k].appointment_id, as[i].id) == 0)
				json_array_append_new(h, json_pack("{s:s, s:o, s:o, s:o, s:o}",
				    "what", appt_what_code(ev[k].what), "at", instant(ev[k].at_us),
				    "by", str(ev[k].by_name), "by_organisation", str(ev[k].by_org_name),
				    "detail", str(ev[k].detail)));
		o = json_pack("{s:s, s:s, s:s, s:o, s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:o}",
		    "id", as[i].id, "title", as[i].title, "kind", appt_kind_code(as[i].kind),
		    "start", instant(as[i].starts_us), "minutes", as[i].minutes,
		    "time_zone", as[i].time_zone, "place", str(as[i].place),
		    "video_url", str(as[i].video_url), "bring", str(as[i].bring),
		    "with", str(appt_with(&as[i])), "goal", str(as[i].goal_title),
		    "status", appt_status_code(as[i].status), "cancel_reason",
		    str(as[i].cancel_reason));
		json_object_set_new(o, "history", h);
		json_array_append_new(a, o);
	}
	return a;
}

/* The requests for someone to come along: to whom, what was shared, who
 * said yes (first name), how it went. */
static json_t *
company(const struct accompaniment *cs, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:s, s:o, s:s, s:b, s:b, s:s, "
		    "s:o, s:o, s:o, s:o}", "id", cs[i].id, "appointment_id", cs[i].appointment_id,
		    "organisation", str(cs[i].to_org_name), "area", cs[i].area,
		    "meet_at", str(cs[i].meet_at), "language", cs[i].lang,
		    "share_address", cs[i].share_place, "share_phone", cs[i].share_phone,
		    "status", acc_status_code(cs[i].status),
		    "volunteer", str(cs[i].volunteer_first_name), "asked_at", instant(cs[i].asked_us),
		    "outcome", cs[i].has_outcome ? json_string(acc_outcome_code(cs[i].outcome)) :
		    json_null(), "outcome_note", str(cs[i].outcome_note)));
	return a;
}

/* The person's pathways: each with its template version, its phases,
 * what they proposed and what became of it, and every change with its
 * reason. */
static int
pathways(struct export_ctx *x, const struct grant *g, json_t **out)
{
	struct pathway *ps;
	size_t n, i, k;
	json_t *a = json_array();

	*out = a;
	if (store_pathways(x->s, x->a, g, &ps, &n) != 0)
		return ERR_DB;
	for (i = 0; i < n; i++) {
		struct pathway_full f;
		json_t *ph = json_array(), *it = json_array(), *dv = json_array();

		if (store_pathway_get(x->s, x->a, g, ps[i].id, &f) != 0) {
			json_decref(ph);
			json_decref(it);
			json_decref(dv);
			return ERR_DB;
		}
		for (k = 0; k < f.nphases; k++)
			json_array_append_new(ph, json_pack("{s:I, s:o, s:o, s:i, s:s, s:o, s:o}",
			    "seq", (json_int_t)f.phases[k].seq, "code", *f.phases[k].code != '\0' ?
			    json_string(f.phases[k].code) : json_null(), "name", str(f.phases[k].name),
			    "expected_days", f.phases[k].expected_days,
			    "status", pwp_status_code(f.phases[k].status),
			    "started", str(f.phases[k].started), "ended", str(f.phases[k].ended)));
		for (k = 0; k < f.nitems; k++)
			json_array_append_new(it, json_pack("{s:s, s:I, s:s, s:i, s:o, s:s, s:o}",
			    "id", f.items[k].id, "phase", (json_int_t)f.items[k].phase,
			    "kind", pwi_kind_code(f.items[k].kind), "template_item", f.items[k].src,
			    "title", str(f.items[k].title), "status", pwi_status_code(f.items[k].status),
			    "made", str(f.items[k].made_id)));
		for (k = 0; k < f.ndevs; k++)
			json_array_append_new(dv, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}",
			    "kind", pwd_kind_code(f.devs[k].kind),
			    "reason", pwd_reason_code(f.devs[k].reason), "note", str(f.devs[k].note),
			    "detail", str(f.devs[k].detail), "at", instant(f.devs[k].at_us),
			    "by", str(f.devs[k].by_name), "by_organisation",
			    str(f.devs[k].by_org_name)));
		json_array_append_new(a, json_pack("{s:s, s:{s:s, s:s, s:i, s:s, s:s, s:s}, s:s, "
		    "s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		    "id", f.p.id, "template", "id", f.p.template_id, "code", f.p.template_code,
		    "version", f.p.template_version, "name_en", f.p.template_name[LANG_EN],
		    "name_nl", f.p.template_name[LANG_NL], "name_da", f.p.template_name[LANG_DA],
		    "status", pwr_status_code(f.p.status), "offered_by", str(f.p.org_name),
		    "time_zone", f.p.time_zone, "first_contact", str(f.p.first_contact),
		    "start_due", str(f.p.start_due), "started", str(f.p.started),
		    "offered_at", instant(f.p.offered_us), "agreed_at", instant_or_null(f.p.agreed_us),
		    "phases", ph, "proposals", it, "changes", dv));
	}
	return 0;
}

/* The early warnings raised about the person: why, whom they were
 * given to, and how each was followed up, in the person's language. */
static int
early_warnings(struct export_ctx *x, const struct grant *g, const struct person *p,
    json_t **out)
{
	struct warn_flag *fs;
	struct flag_words w;
	enum lang l = LANG_EN;
	size_t n, i;
	json_t *o;

	*out = NULL;
	if (store_warning_flags(x->s, x->a, g, &fs, &n) != 0)
		return ERR_DB;
	if (p->lang != NULL)
		lang_parse(p->lang, strlen(p->lang), &l);
	*out = json_array();
	for (i = 0; i < n; i++) {
		view_flag_words(x->a, &fs[i], l, clock_now_us(), &w);
		o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id", fs[i].id,
		    "rule", fs[i].rule_code, "kind", warn_kind_code(fs[i].kind),
		    "category", category_code(fs[i].category),
		    "reason", str(w.reason), "task", str(w.task),
		    "raised_at", instant(fs[i].raised_us), "due_at", instant(fs[i].due_us),
		    "given_to", json_pack("{s:o, s:o}", "name", str(fs[i].assigned_name),
		    "organisation", str(fs[i].assigned_org_name)));
		json_object_set_new(o, "follow_up", fs[i].resolved_us == 0 ? json_null() :
		    json_pack("{s:s, s:o, s:o, s:o}", "resolution",
		    warn_resolution_code(fs[i].resolution), "note", str(fs[i].resolution_note),
		    "by", str(fs[i].resolved_by_name), "at", instant(fs[i].resolved_us)));
		json_array_append_new(*out, o);
	}
	return 0;
}

/* The person's check-ins, oldest last as the pages show them, and the
 * rhythm and reminder they chose. */
static int
checkins(struct export_ctx *x, const struct grant *g, json_t **list, json_t **pref)
{
	struct checkin_pref p;
	struct checkin *c;
	size_t n, i;

	*list = json_array();
	*pref = NULL;
	if (store_checkins(x->s, x->a, g, NULL, 1000000, &c, &n) != 0 ||
	    store_checkin_pref(x->s, x->a, g, &p) != 0)
		return ERR_DB;
	for (i = 0; i < n; i++)
		json_array_append_new(*list, json_pack("{s:s, s:s, s:o, s:i, s:o, s:o, s:i, s:i, "
		    "s:o}", "id", c[i].id, "day", c[i].day, "at", instant(c[i].at_us),
		    "mood", c[i].mood, "craving", c[i].craving >= 0 ? json_integer(c[i].craving) :
		    json_null(), "use", str(checkin_use_code(c[i].use)), "sleep", c[i].sleep,
		    "supported", c[i].supported, "line", str(c[i].line)));
	*pref = json_pack("{s:i, s:b, s:s, s:s, s:o}", "every_days", p.every_days,
	    "remind", p.remind, "remind_at", p.remind_at, "channel", rem_channel_code(p.channel),
	    "last_reminded_day", p.reminded_day[0] != '\0' ? json_string(p.reminded_day) :
	    json_null());
	return 0;
}

/* The person's answers to questionnaires: each response with the version
 * answered, its score (null when not scored) and its answers. */
static json_t *
responses(const struct q_response *xs, size_t n)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < n; i++) {
		json_t *o = json_object(), *ans = json_object();

		for (k = 0; k < xs[i].nanswers; k++)
			json_object_set_new(ans, xs[i].answers[k].item,
			    json_integer(xs[i].answers[k].value));
		json_object_set_new(o, "id", json_string(xs[i].id));
		json_object_set_new(o, "questionnaire", json_string(xs[i].code));
		json_object_set_new(o, "questionnaire_id", json_string(xs[i].questionnaire_id));
		json_object_set_new(o, "version", json_integer(xs[i].version));
		json_object_set_new(o, "day", json_string(xs[i].day));
		json_object_set_new(o, "given_at", instant(xs[i].given_us));
		json_object_set_new(o, "scored", json_boolean(xs[i].scored));
		json_object_set_new(o, "score", xs[i].scored ? json_integer(xs[i].score) :
		    json_null());
		json_object_set_new(o, "zone", str(xs[i].zone));
		json_object_set_new(o, "answered", json_integer(xs[i].answered));
		json_object_set_new(o, "missing", json_integer(xs[i].missing));
		json_object_set_new(o, "source", json_string(qr_source_code(xs[i].source)));
		json_object_set_new(o, "entered_by", ref(xs[i].created_by, xs[i].created_by_name));
		json_object_set_new(o, "answers", ans);
		json_array_append_new(a, o);
	}
	return a;
}

/* Help now: whom the person chose to tell (network member ids, as in
 * "network"), and every press with who of the staff saw it. */
static int
help_now(struct export_ctx *x, const struct grant *g, json_t **out)
{
	const char **ids = NULL;
	struct hn_press *ps = NULL;
	size_t nids = 0, nps = 0, i;
	json_t *who, *presses;

	*out = NULL;
	if (store_help_now_choice(x->s, x->a, g, &ids, &nids) != 0 ||
	    store_help_now_presses(x->s, x->a, g, 0, 100000, &ps, &nps) != 0)
		return ERR_DB;
	who = json_array();
	for (i = 0; i < nids; i++)
		json_array_append_new(who, json_string(ids[i]));
	presses = json_array();
	for (i = 0; i < nps; i++)
		json_array_append_new(presses, json_pack("{s:s, s:o, s:i, s:o, s:o}", "id",
		    ps[i].id, "at", instant(ps[i].at_us), "people_told", ps[i].notified,
		    "seen_by", ps[i].acknowledged_by != NULL ? ref(ps[i].acknowledged_by,
		    ps[i].acknowledged_name) : json_null(), "seen_at",
		    instant_or_null(ps[i].acknowledged_us)));
	*out = json_pack("{s:o, s:o}", "tell_members", who, "presses", presses);
	return 0;
}

/* The recovery check-up plans (each, stopped ones too) and every
 * check-up of them. */
static int
checkups(struct export_ctx *x, const struct grant *g, json_t **out)
{
	struct checkup_plan *ps;
	struct checkup *cs;
	size_t np, nc, i;
	json_t *pa, *ca;

	*out = NULL;
	if (store_checkup_plans(x->s, x->a, g, &ps, &np) != 0 ||
	    store_checkups(x->s, x->a, g, NULL, &cs, &nc) != 0)
		return ERR_DB;
	pa = json_array();
	for (i = 0; i < np; i++)
		json_array_append_new(pa, json_pack("{s:s, s:s, s:i, s:i, s:s, s:o, s:s, s:s, "
		    "s:o, s:o, s:o}", "id", ps[i].id, "starts_on", ps[i].starts_on, "every_months",
		    ps[i].every_months, "for_months", ps[i].for_months, "questionnaires",
		    ps[i].questionnaires, "conversation_with", str(ps[i].with_name), "at_time",
		    ps[i].at_time, "time_zone", ps[i].time_zone, "set_by", str(ps[i].created_by_name),
		    "set_at", instant(ps[i].created_us), "stopped_at",
		    instant_or_null(ps[i].stopped_us)));
	ca = json_array();
	for (i = 0; i < nc; i++)
		json_array_append_new(ca, json_pack("{s:s, s:s, s:i, s:s, s:o, s:s, s:o, s:o, s:o}",
		    "id", cs[i].id, "plan_id", cs[i].plan_id, "seq", cs[i].seq, "due_on",
		    cs[i].due_on, "due_at", instant(cs[i].due_us), "status",
		    checkup_status_code(cs[i].status), "appointment_id", str(cs[i].appointment_id),
		    "reminded_at", instant_or_null(cs[i].reminded_us), "done_at",
		    instant_or_null(cs[i].done_us)));
	*out = json_pack("{s:o, s:o}", "plans", pa, "checkups", ca);
	return 0;
}

/* The self-help meetings the person keeps in their plan: each meeting's
 * listing as the feed gave it, and when it was saved. */
static json_t *
meeting_favourites(struct export_ctx *x, const struct grant *g)
{
	struct meeting *ms;
	int64_t *saved;
	size_t n, i;
	json_t *a;

	if (store_meeting_favourites(x->s, x->a, g, &ms, &saved, &n) != 0)
		return NULL;
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:o}",
		    "meeting_id", ms[i].id, "source", ms[i].source, "slug", ms[i].slug, "name",
		    ms[i].name, "time", str(ms[i].start_time), "days", json_integer(ms[i].days),
		    "timezone", ms[i].time_zone, "conference_url", str(ms[i].conference_url),
		    "saved_at", instant(saved[i])));
	return a;
}

/* Every thread of messages with every message in it (core/message.h). */
static int
messages(struct export_ctx *x, const struct grant *g, json_t **out)
{
	struct msg_thread *t;
	struct message *m;
	size_t nt = 0, nm = 0, i, j;
	json_t *a;

	*out = NULL;
	if (store_msg_all(x->s, x->a, g, &t, &nt, &m, &nm) != 0)
		return ERR_DB;
	a = json_array();
	for (i = 0; i < nt; i++) {
		json_t *ms = json_array();

		for (j = 0; j < nm; j++)
			if (strcmp(m[j].thread_id, t[i].id) == 0)
				json_array_append_new(ms, json_pack("{s:I, s:o, s:o, s:o, s:s}",
				    "seq", (json_int_t)m[j].seq, "author", ref(m[j].author_id,
				    m[j].author_name), "organisation", ref(m[j].author_org_id,
				    m[j].author_org_name), "at", instant(m[j].created_us), "text",
				    m[j].body));
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:I, s:o}", "id", t[i].id,
		    "subject", t[i].subject, "started", instant(t[i].created_us), "last",
		    instant(t[i].last_us), "read_up_to", (json_int_t)t[i].read_seq, "messages",
		    ms));
	}
	*out = a;
	return 0;
}

/* The names of the set bits of mask, as codes. */
static json_t *
mask_codes(unsigned mask, int n, const char *(*code)(int))
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < n; i++)
		if (mask & (1u << i))
			json_array_append_new(a, json_string(code(i)));
	return a;
}

static const char *
lang_at(int i)
{
	return peer_lang_code((enum peer_lang)i);
}

static const char *
day_at(int i)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

	return days[i];
}

static const char *
time_at(int i)
{
	return i == 0 ? "day" : "evening";
}

/* Peer workers: what the person asked of one, the peers they said no to
 * (profile ids), and every coaching session logged with them. */
static int
peers(struct export_ctx *x, const struct grant *g, json_t **out)
{
	struct peer_pref pr;
	struct coaching_note *cn;
	const char **ex;
	size_t nex = 0, ncn = 0, i;
	json_t *pref = json_null(), *exa, *ca;

	*out = NULL;
	if (store_peer_pref(x->s, x->a, g, &pr) != 0 ||
	    store_peer_exclusions(x->s, x->a, g, &ex, &nex) != 0 ||
	    store_coaching_notes(x->s, x->a, g, &cn, &ncn) != 0)
		return ERR_DB;
	if (pr.set)
		pref = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
		    "languages", mask_codes(pr.langs, PL_COUNT, lang_at),
		    "gender", str(peer_gender_code(pr.gender)),
		    "substance", str(pr.substance >= 0 ?
		    peer_substance_code((enum peer_substance)pr.substance) : NULL),
		    "age", str(peer_age_code(pr.age)), "area", str(pr.area),
		    "days", mask_codes(pr.days, 7, day_at), "times", mask_codes(pr.times, 2, time_at),
		    "video", pr.video);
	exa = json_array();
	for (i = 0; i < nex; i++)
		json_array_append_new(exa, json_string(ex[i]));
	ca = json_array();
	for (i = 0; i < ncn; i++)
		json_array_append_new(ca, json_pack("{s:s, s:s, s:i, s:s, s:o, s:o}", "id", cn[i].id,
		    "day", cn[i].day, "minutes", cn[i].minutes, "text", cn[i].text,
		    "by", ref(cn[i].author_id, cn[i].author_name), "written_at",
		    instant(cn[i].created_us)));
	*out = json_pack("{s:o, s:o, s:o}", "preferences", pref, "excluded_peers", exa,
	    "coaching_sessions", ca);
	return 0;
}

/* The peer groups the person is in, and each session they came to (of
 * any group, left ones too). Group notes are the group's, not theirs. */
static int
peer_groups(struct export_ctx *x, const struct grant *g, json_t **out)
{
	struct group_membership *ms;
	struct group_attendance *at;
	size_t nms, nat, i;
	json_t *ma, *aa;

	*out = NULL;
	if (store_person_groups(x->s, x->a, g, &ms, &nms) != 0 ||
	    store_group_attendance(x->s, x->a, g, NULL, &at, &nat) != 0)
		return ERR_DB;
	ma = json_array();
	for (i = 0; i < nms; i++)
		json_array_append_new(ma, json_pack("{s:s, s:s, s:s, s:o}", "group_id",
		    ms[i].group_id, "group", ms[i].group.name, "organisation",
		    ms[i].group.org_name, "joined_at", instant(ms[i].joined_us)));
	aa = json_array();
	for (i = 0; i < nat; i++)
		json_array_append_new(aa, json_pack("{s:s, s:s, s:s, s:o}", "group_id",
		    at[i].group_id, "group", at[i].group_name, "session_on", at[i].session_on,
		    "marked_at", instant(at[i].marked_us)));
	*out = json_pack("{s:o, s:o}", "memberships", ma, "attendance", aa);
	return 0;
}

/* The suggestions the person said are not for them. */
static int
dismissed(struct export_ctx *x, const struct grant *g, json_t **out)
{
	struct suggestion_dismissed *d;
	size_t n, i;

	*out = NULL;
	if (store_suggestions_dismissed(x->s, x->a, g, &d, &n) != 0)
		return ERR_DB;
	*out = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(*out, json_pack("{s:s, s:s, s:o}", "source", d[i].source,
		    "id", d[i].item_id, "dismissed_at", instant(d[i].dismissed_us)));
	return 0;
}

int
view_export(struct export_ctx *x, const struct grant *g, const struct person *pp, json_t **out)
{
	struct store *s = x->s;
	struct network_member *net;
	struct consent *ks, *hs;
	struct emergency *em;
	struct note *nt;
	struct referral *rs;
	struct referral_event *ev;
	struct appointment *as;
	struct appointment_event *aev;
	struct appt_filter all = {0};
	struct accompaniment *cs;
	struct q_response *qr;
	size_t ncs = 0, nqr = 0;
	size_t nnet = 0, nks = 0, nhs = 0, nem = 0, nnt = 0, nrs = 0, nev = 0, nas = 0, naev = 0;
	json_t *doc, *log = NULL, *pl = NULL, *pw = NULL, *ci = NULL, *cp = NULL, *ew = NULL;
	json_t *hn = NULL, *ck = NULL, *mf = NULL, *msg = NULL, *pe = NULL, *pg = NULL;
	json_t *sd = NULL;
	const struct person *p = pp;

	if (store_network(s, x->a, g, &net, &nnet) != 0 ||
	    store_consents(s, x->a, g, &ks, &nks) != 0 ||
	    store_consent_history_all(s, x->a, g, &hs, &nhs) != 0 ||
	    store_notes_all(s, x->a, g, &nt, &nnt) != 0 ||
	    store_emergencies_all(s, x->a, g, &em, &nem) != 0 ||
	    store_referrals(s, x->a, g, NULL, &rs, &nrs) != 0 ||
	    store_referral_events(s, x->a, g, NULL, &ev, &nev) != 0 ||
	    store_appointments(s, x->a, g, &all, &as, &nas) != 0 ||
	    store_appointment_events(s, x->a, g, NULL, &aev, &naev) != 0 ||
	    store_accompaniments(s, x->a, g, NULL, &cs, &ncs) != 0 ||
	    store_responses_all(s, x->a, g, &qr, &nqr) != 0 ||
	    access_log(x, g, &log) != 0)
		return ERR_DB;
	if (plan(x, g, &pl) != 0 || pathways(x, g, &pw) != 0 || checkins(x, g, &ci, &cp) != 0 ||
	    early_warnings(x, g, p, &ew) != 0 || help_now(x, g, &hn) != 0 ||
	    checkups(x, g, &ck) != 0 || (mf = meeting_favourites(x, g)) == NULL ||
	    messages(x, g, &msg) != 0 || peers(x, g, &pe) != 0 ||
	    peer_groups(x, g, &pg) != 0 || dismissed(x, g, &sd) != 0) {
		json_decref(sd);
		json_decref(pg);
		json_decref(pe);
		json_decref(msg);
		json_decref(mf);
		json_decref(ck);
		json_decref(log);
		json_decref(pl);
		json_decref(pw);
		json_decref(ci);
		json_decref(cp);
		json_decref(ew);
		json_decref(hn);
		return ERR_DB;
	}
	doc = json_object();
	json_object_set_new(doc, "generated_at", instant(clock_now_us()));
	json_object_set_new(doc, "record", record(p));
	json_object_set_new(doc, "network", network(net, nnet, x->today));
	json_object_set_new(doc, "consents", consents(ks, nks));
	json_object_set_new(doc, "consent_history", history(hs, nhs));
	json_object_set_new(doc, "notes", notes(nt, nnt));
	json_object_set_new(doc, "messages", msg);
	json_object_set_new(doc, "plan", pl);
	json_object_set_new(doc, "pathways", pw);
	json_object_set_new(doc, "referrals", referrals(x, rs, nrs, ev, nev));
	json_object_set_new(doc, "appointments", appointments(as, nas, aev, naev));
	json_object_set_new(doc, "company_to_appointments", company(cs, ncs));
	json_object_set_new(doc, "checkins", ci);
	json_object_set_new(doc, "checkin_rhythm", cp);
	json_object_set_new(doc, "questionnaire_responses", responses(qr, nqr));
	json_object_set_new(doc, "help_now", hn);
	json_object_set_new(doc, "emergency_accesses", emergencies(em, nem));
	json_object_set_new(doc, "early_warnings", ew);
	json_object_set_new(doc, "recovery_checkups", ck);
	json_object_set_new(doc, "meeting_favourites", mf);
	json_object_set_new(doc, "peer_workers", pe);
	json_object_set_new(doc, "peer_groups", pg);
	json_object_set_new(doc, "suggestions_dismissed", sd);
	json_object_set_new(doc, "access_log", log);
	*out = doc;
	return 0;
}

static int
count_bytes(const char *s, size_t n, void *data)
{
	(void)s;
	*(size_t *)data += n;
	return 0;
}

int
view_export_size(struct export_ctx *x, const struct grant *g, const struct person *p,
    size_t *len)
{
	json_t *doc;
	int rc;

	*len = 0;
	if ((rc = view_export(x, g, p, &doc)) != 0)
		return rc;
	if (json_dump_callback(doc, count_bytes, len, JSON_INDENT(2)) != 0)
		die("cannot serialise JSON");
	json_decref(doc);
	*len += 1; /* the newline at the end */
	return 0;
}
