/* Recovery check-ups as JSON, with the pages' rules (web/checkups.c).
 *   GET  /api/v1/persons/{id}/checkups   the plan in force (or null) and
 *                                        its check-ups: the person, and
 *                                        those the door lets read their
 *                                        check-ins and questionnaires
 *   POST /api/v1/persons/{id}/checkups   sets a plan, replacing the one in
 *                                        force: {"starts_on": "YYYY-MM-DD",
 *                                        "every": 3, "for_months": 24,
 *                                        "with": member id, "at_time":
 *                                        "10:00", "questionnaires":
 *                                        ["who-5", "barc-10"]}; 201 with
 *                                        what GET answers
 * Errors are problem+json: 422 with the field and a stable code
 * ("required", "invalid_format", "out_of_range", "invalid_choice"); 403
 * for the person themselves and for those who may not write the plan,
 * the check-ups and the appointments; someone else's id 404. */
#include "api/checkups.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/checkup.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/checkups.h"
#include "store/persons.h"
#include "view/checkup.h"

#define DAY_US (INT64_C(86400) * 1000000)

static json_t *
plan_json(const struct checkup_plan *p)
{
	json_t *qs = json_array();
	const char *s, *e;

	for (s = p->questionnaires; s != NULL && *s != '\0'; s = *e ? e + 1 : e) {
		e = strchr(s, ' ');
		if (e == NULL)
			e = s + strlen(s);
		json_array_append_new(qs, json_stringn(s, (size_t)(e - s)));
	}
	return json_pack("{s:s, s:s, s:i, s:i, s:o, s:o, s:s, s:s, s:o}", "id", p->id,
	    "starts_on", p->starts_on, "every", p->every_months, "for_months", p->for_months,
	    "questionnaires", qs, "with", json_pack("{s:o, s:o, s:o}", "member_id",
	    api_str(p->with_member_id), "name", api_str(p->with_name), "role",
	    api_str(p->with_role)), "at_time", p->at_time, "time_zone", p->time_zone,
	    "created_at", api_instant(p->created_us));
}

static json_t *
checkup_json(const struct checkup *c)
{
	enum checkup_status st = store_checkup_answered(c) && c->status == CK_DUE ? CK_DONE :
	    c->status;

	return json_pack("{s:s, s:i, s:s, s:o, s:s, s:o, s:o, s:o}", "id", c->id, "seq", c->seq,
	    "due_on", c->due_on, "due_at", api_instant(c->due_us), "status",
	    checkup_status_code(st), "appointment_id", api_str(c->appointment_id),
	    "reminded_at", c->reminded_us ? api_instant(c->reminded_us) : json_null(),
	    "done_at", c->done_us ? api_instant(c->done_us) : json_null());
}

/* The plan in force and its check-ups: 0, or an enum err. */
static int
answer(struct req *r, const struct grant *g, unsigned status)
{
	struct checkup_plan p;
	struct checkup *cs = NULL;
	size_t n = 0, i;
	json_t *a;
	int rc;

	rc = store_checkup_plan_current(req_store(r), &r->arena, g, &p);
	if (rc != 0 && rc != ERR_NOT_FOUND)
		return rc;
	if (rc == 0 && store_checkups(req_store(r), &r->arena, g, p.id, &cs, &n) != 0)
		return ERR_DB;
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, checkup_json(&cs[i]));
	resp_json(r, status, json_pack("{s:o, s:o}", "plan", rc == 0 ? plan_json(&p) :
	    json_null(), "checkups", a));
	return 0;
}

void
api_checkups(struct req *r)
{
	struct decision d;
	const struct grant *g = door_open(r, req_param(r, 0), PA_READ, CAT_QUESTIONNAIRES, 0, &d);

	if (g == NULL) {
		door_refuse(r, &d, CAT_QUESTIONNAIRES);
		return;
	}
	if (answer(r, g, 200) != 0)
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
}

struct set {
	const struct grant *g;
	struct checkup_build built;
	struct appointment *cancel;
	size_t ncancel;
	const char *reason, *by, *org;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_set(struct store_tx *tx, void *arg)
{
	struct set *x = arg;
	int rc = store_tx_checkup_plan_set(tx, x->g, &x->built.plan, x->built.cs, x->built.n,
	    x->built.appts, x->built.nappts, x->cancel, x->ncancel, x->reason, x->by, x->org,
	    x->now);

	return rc ? rc : store_tx_audit_append(tx, x->audit);
}

static void
after_set(struct req *r, int rc)
{
	struct set *x = r->write_arg;

	if (rc == ERR_CONFLICT) {
		resp_problem(r, 409, PROBLEM_CONFLICT, NULL, NULL);
		return;
	}
	if (rc != 0 || answer(r, x->g, 201) != 0)
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
}

/* A member of doc as text: a string, or a whole number as text; NULL if
 * absent; *bad if of another type. */
static const char *
field(struct req *r, json_t *doc, const char *name, bool *bad)
{
	json_t *v = json_object_get(doc, name);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return arena_strdup(&r->arena, json_string_value(v));
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	*bad = true;
	return NULL;
}

void
api_checkups_set(struct req *r)
{
	static const char *const names[] = {"starts_on", "every", "for_months", "with",
		"at_time"};
	const char *vals[5], *qs[8];
	struct decision d;
	const struct grant *g;
	struct person p;
	struct checkup_member *ms;
	const struct checkup_member *with = NULL;
	struct checkup_input in;
	struct checkup_plan_fields f;
	struct checkup_problem pr[8];
	struct checkup_build_in bi;
	struct set *x;
	enum lang pl = LANG_EN;
	char today[11], hm[6];
	json_t *doc, *qa, *v;
	size_t i, nms, np, nq = 0;
	bool bad = false;
	int rc;

	g = door_open(r, req_param(r, 0), PA_EDIT_PLAN, CAT_PLAN, CAT_BIT(CAT_BASIC) |
	    CAT_BIT(CAT_QUESTIONNAIRES) | CAT_BIT(CAT_APPOINTMENTS), &d);
	if (g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if (grant_is_self(g) || !grant_covers(g, CAT_QUESTIONNAIRES) ||
	    !grant_covers(g, CAT_APPOINTMENTS) || !grant_covers(g, CAT_BASIC)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	if ((rc = store_person_get(req_store(r), &r->arena, g, &p)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if ((doc = api_body(r)) == NULL)
		return;
	for (i = 0; i < 5; i++) {
		vals[i] = field(r, doc, names[i], &bad);
		if (bad) {
			json_decref(doc);
			api_invalid(r, names[i], "invalid_format");
			return;
		}
	}
	qa = json_object_get(doc, "questionnaires");
	if (qa == NULL || json_is_null(qa)) {
		qs[nq++] = "who-5";
		qs[nq++] = "barc-10";
	} else if (!json_is_array(qa) || json_array_size(qa) > 8) {
		json_decref(doc);
		api_invalid(r, "questionnaires", "invalid_format");
		return;
	} else {
		json_array_foreach(qa, i, v) {
			if (!json_is_string(v)) {
				json_decref(doc);
				api_invalid(r, "questionnaires", "invalid_format");
				return;
			}
			qs[nq++] = arena_strdup(&r->arena, json_string_value(v));
		}
	}
	json_decref(doc);
	if (p.time_zone == NULL || !timefmt_local_fields(clock_now_us(), p.time_zone, today, hm))
		clock_day_date((int32_t)(clock_now_us() / DAY_US), today);
	memset(&in, 0, sizeof(in));
	in.starts_on = vals[0];
	in.every = vals[1] ? vals[1] : "3";
	in.for_months = vals[2] ? vals[2] : "24";
	in.at_time = vals[4] ? vals[4] : CHECKUP_TIME_DEFAULT;
	in.questionnaires = qs;
	in.nquestionnaires = nq;
	if ((np = checkup_check_input(&r->arena, &in, today, &f, pr, 8)) > 0) {
		/* Every field at fault at once, as the page shows them. */
		json_t *errs = json_array();

		for (i = 0; i < np && i < 8; i++)
			json_array_append_new(errs, json_pack("{s:s, s:s}", "field", pr[i].field,
			    "code", pr[i].code));
		resp_problem(r, 422, PROBLEM_VALIDATION_FAILED, NULL, errs);
		return;
	}
	if ((rc = store_checkup_members(req_store(r), &r->arena, g, today, &ms, &nms)) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	for (i = 0; i < nms && vals[3] != NULL; i++)
		if (strcmp(ms[i].member_id, vals[3]) == 0)
			with = &ms[i];
	if (with == NULL) {
		api_invalid(r, "with", vals[3] == NULL ? "required" : "invalid_choice");
		return;
	}
	x = arena_alloc(&r->arena, sizeof(*x));
	memset(x, 0, sizeof(*x));
	x->g = g;
	x->by = r->actor->user.id;
	x->org = r->actor->org_id;
	x->now = clock_now_us();
	x->reason = _("The check-up plan was changed or stopped.");
	x->audit = req_audit(r, "checkup.plan.set", arena_printf(&r->arena, "person:%s",
	    p.id), arena_printf(&r->arena, "from %s every %d months for %d months", f.starts_on,
	    f.every, f.for_months));
	if (p.lang != NULL)
		(void)lang_parse(p.lang, strlen(p.lang), &pl);
	memset(&bi, 0, sizeof(bi));
	bi.person_id = p.id;
	bi.time_zone = p.time_zone ? p.time_zone : "Europe/Copenhagen";
	bi.f = &f;
	bi.with = with;
	i18n_use(pl);
	bi.title = arena_strdup(&r->arena, _("Recovery check-up"));
	i18n_use(r->lang);
	bi.title_lang = lang_code(pl);
	bi.by_user = x->by;
	bi.by_org = x->org;
	bi.today = today;
	bi.now = x->now;
	if (view_checkup_build(&r->arena, &bi, &x->built) != 0) {
		api_invalid(r, "starts_on", "invalid_format");
		return;
	}
	if (view_checkup_cancels(req_store(r), &r->arena, g, &x->cancel, &x->ncancel) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	req_defer_write(r, write_set, x, after_set);
}
