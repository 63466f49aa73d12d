/* A person's referrals as JSON, through the same door and access log as
 * the pages (web/referrals.c).
 *   GET  /api/v1/persons/{id}/referrals   the person, the plan's readers, the
 *                                         receiving organisation's staff (theirs)
 *   POST /api/v1/persons/{id}/referrals   propose: {"service_id", "goal_id"?,
 *                                         "reason"?}; the plan's co-writers, the person
 *   POST /api/v1/referrals/{id}/status    {"status", "note"?, "version"}: a move, or
 *                                         "reopen" with a note
 * A referral the actor may not see answers 404, exactly as a missing one;
 * a stale version 409 (conflict); a move the state machine refuses 422
 * validation_failed with {"field": "status", "code": "illegal_transition"}. */
#include "api/referrals.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/utf8.h"
#include "core/actor.h"
#include "core/directory.h"
#include "core/referral.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/directory.h"
#include "store/plan.h"
#include "store/referrals.h"

static json_t *
referral_json(struct req *r, const struct referral *x, const struct referral_event *ev,
    size_t nev)
{
	json_t *o = json_object(), *h = json_array();
	size_t i;

	json_object_set_new(o, "id", json_string(x->id));
	json_object_set_new(o, "person_id", json_string(x->person_id));
	json_object_set_new(o, "service", json_pack("{s:s, s:o, s:o}", "id", x->service_id,
	    "name", api_str(x->service_name), "organization", api_str(x->dir_org_name)));
	json_object_set_new(o, "to_organisation", x->to_org_id == NULL ? json_null() :
	    json_pack("{s:s, s:o}", "id", x->to_org_id, "name", api_str(x->to_org_name)));
	json_object_set_new(o, "goal", x->goal_id == NULL || x->goal_title == NULL ?
	    json_null() : json_pack("{s:s, s:s}", "id", x->goal_id, "title", x->goal_title));
	json_object_set_new(o, "reason", api_str(x->reason));
	json_object_set_new(o, "status", json_string(ref_status_code(x->status)));
	json_object_set_new(o, "status_text", json_string(
	    ref_status_sentence(&r->arena, x->status, referral_who(x))));
	json_object_set_new(o, "fhir", json_pack("{s:s, s:s, s:s}",
	    "service_request_status", ref_fhir_request_status(x->status),
	    "task_status", ref_fhir_task_status(x->status),
	    "task_business_status", ref_status_code(x->status)));
	json_object_set_new(o, "status_at", api_instant(x->status_us));
	json_object_set_new(o, "sent_at", api_instant(x->sent_us));
	json_object_set_new(o, "answer_due_at", api_instant(x->answer_due_us));
	json_object_set_new(o, "overdue", json_boolean(x->answer_due_us != 0 &&
	    x->answer_due_us <= clock_now_us()));
	json_object_set_new(o, "version", json_integer(x->version));
	json_object_set_new(o, "created_at", api_instant(x->created_us));
	for (i = 0; i < nev; i++)
		if (strcmp(ev[i].referral_id, x->id) == 0)
			json_array_append_new(h, json_pack("{s:o, s:s, s:o, s:o, s:o, s:o}",
			    "from", ev[i].has_from ? json_string(ref_status_code(ev[i].from)) :
			    json_null(), "to", ref_status_code(ev[i].to), "at", api_instant(ev[i].at_us),
			    "by", api_str(ev[i].by_name), "by_organisation", api_str(ev[i].by_org_name),
			    "note", api_str(ev[i].note)));
	json_object_set_new(o, "history", h);
	return o;
}

void
api_referrals(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *g = door_referrals(r, id, false, CAT_BIT(CAT_SUBSTANCE), &d);
	struct referral *xs;
	struct referral_event *ev;
	size_t n, nev, i;
	json_t *a;

	if (g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if (store_referrals(req_store(r), &r->arena, g, NULL, &xs, &n) != 0 ||
	    store_referral_events(req_store(r), &r->arena, g, NULL, &ev, &nev) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, referral_json(r, &xs[i], ev, nev));
	resp_json(r, 200, json_pack("{s:s, s:o}", "person_id", id, "referrals", a));
}

/* A text member: NULL if absent or null; *bad set if not a string, or
 * over max characters. */
static const char *
member_text(struct req *r, json_t *doc, const char *name, size_t max, const char **code)
{
	json_t *v = json_object_get(doc, name);
	const char *s;

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*code = "invalid_format";
		return NULL;
	}
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v) || !utf8_valid_text(s, strlen(s))) {
		*code = "invalid_format";
		return NULL;
	}
	if (utf8_count(s, strlen(s)) > max) {
		*code = "too_long";
		return NULL;
	}
	return arena_strdup(&r->arena, s);
}

struct propose {
	const struct grant *g;
	struct referral x;
	struct audit_entry *audit;
};

static int
write_propose(struct store_tx *tx, void *arg)
{
	struct propose *p = arg;
	int rc = store_tx_referral_insert(tx, p->g, &p->x, p->x.proposed_by_org);

	return rc ? rc : store_tx_audit_append(tx, p->audit);
}

static void
after_propose(struct req *r, int rc)
{
	struct propose *p = r->write_arg;
	struct referral x;

	if (rc != 0 || store_referral_get(req_store(r), &r->arena, p->g, p->x.id, &x) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_header(r, "Location", arena_printf(&r->arena, "/api/v1/persons/%s/referrals",
	    x.person_id));
	resp_json(r, 201, referral_json(r, &x, NULL, 0));
}

void
api_referral_create(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *g = door_referrals(r, id, true, CAT_BIT(CAT_SUBSTANCE), &d);
	const char *org, *service_id, *goal_id, *reason, *code = NULL;
	struct service sv;
	struct goal goal;
	struct propose *p;
	json_t *doc;
	char *rid;
	int rc;

	if (g == NULL || grant_referral_scope(g, &org) != REF_SCOPE_ALL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if ((doc = api_body(r)) == NULL)
		return;
	service_id = member_text(r, doc, "service_id", HSDS_ID_MAX, &code);
	if (code != NULL || service_id == NULL) {
		json_decref(doc);
		api_invalid(r, "service_id", code != NULL ? code : "required");
		return;
	}
	goal_id = member_text(r, doc, "goal_id", ID_LEN, &code);
	if (code != NULL) {
		json_decref(doc);
		api_invalid(r, "goal_id", code);
		return;
	}
	reason = member_text(r, doc, "reason", REF_REASON_MAX, &code);
	json_decref(doc);
	if (code != NULL) {
		api_invalid(r, "reason", code);
		return;
	}
	rc = store_service_get(req_store(r), &r->arena, service_id, &sv);
	if (rc == ERR_NOT_FOUND) {
		api_invalid(r, "service_id", "invalid_choice");
		return;
	}
	if (rc == 0 && goal_id != NULL) {
		rc = id_valid(goal_id, strlen(goal_id)) ?
		    store_goal_get(req_store(r), &r->arena, g, goal_id, &goal) : ERR_NOT_FOUND;
		if (rc == ERR_NOT_FOUND || rc == STORE_WITHHELD) {
			api_invalid(r, "goal_id", "invalid_choice");
			return;
		}
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	p = arena_alloc(&r->arena, sizeof(*p));
	rid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(rid);
	p->g = g;
	p->x.person_id = id;
	p->x.id = rid;
	p->x.service_id = sv.id;
	p->x.to_org_id = sv.managed_by;
	p->x.goal_id = goal_id;
	p->x.reason = reason != NULL && *reason != '\0' ? reason : NULL;
	p->x.reason_lang = p->x.reason ? lang_code(r->lang) : NULL;
	p->x.proposed_by = r->actor->user.id;
	p->x.proposed_by_org = r->actor->org_id;
	p->x.created_us = clock_now_us();
	p->audit = req_audit(r, "referral.propose", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "referral:%s", rid));
	req_defer_write(r, write_propose, p, after_propose);
}

struct change {
	const struct grant *g;
	struct referral x;
	struct referral_change c;
	struct audit_entry *audit;
};

static int
write_change(struct store_tx *tx, void *arg)
{
	struct change *ch = arg;
	int rc = store_tx_referral_change(tx, ch->g, &ch->c);

	return rc ? rc : store_tx_audit_append(tx, ch->audit);
}

static void
after_change(struct req *r, int rc)
{
	struct change *ch = r->write_arg;
	struct referral_event *ev;
	struct referral x;
	size_t nev;

	if (rc == ERR_CONFLICT) {
		resp_problem(r, 409, PROBLEM_CONFLICT, NULL, NULL);
		return;
	}
	/* After a close the receiver may no longer see it: say what was done. */
	if (rc == 0 && store_referral_get(req_store(r), &r->arena, ch->g, ch->x.id, &x) ==
	    ERR_NOT_FOUND) {
		resp_json(r, 200, json_pack("{s:s, s:s}", "id", ch->x.id, "status",
		    ref_status_code(ch->c.to)));
		return;
	}
	if (rc != 0 || store_referral_get(req_store(r), &r->arena, ch->g, ch->x.id, &x) != 0 ||
	    store_referral_events(req_store(r), &r->arena, ch->g, x.id, &ev, &nev) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_json(r, 200, referral_json(r, &x, ev, nev));
}

void
api_referral_status(struct req *r)
{
	const char *rid = req_param(r, 0), *person_id, *status, *note, *field, *code = NULL;
	struct decision d;
	const struct grant *g;
	struct change *ch;
	json_t *doc, *v;
	int rc;

	/* Whose referral it is, then the door: anything the actor may not
	 * see is answered as a missing referral (the address names no person). */
	rc = store_referral_person(req_store(r), &r->arena, rid, &person_id);
	if (rc != 0 && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	g = rc == 0 ? door_referrals(r, person_id, true, 0, &d) : NULL;
	ch = arena_alloc(&r->arena, sizeof(*ch));
	if (g == NULL || store_referral_get(req_store(r), &r->arena, g, rid, &ch->x) != 0) {
		if (g == NULL && rc == 0 && d.status == 503)
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
		else
			error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if ((doc = api_body(r)) == NULL)
		return;
	status = member_text(r, doc, "status", 40, &code);
	if (code == NULL)
		note = member_text(r, doc, "note", REF_NOTE_MAX, &code);
	else
		note = NULL;
	if (code != NULL) {
		json_decref(doc);
		api_invalid(r, status == NULL ? "status" : "note", code);
		return;
	}
	v = json_object_get(doc, "version");
	if (!json_is_integer(v)) {
		json_decref(doc);
		api_invalid(r, "version", v == NULL ? "required" : "invalid_format");
		return;
	}
	if (json_integer_value(v) != ch->x.version) {
		json_decref(doc);
		resp_problem(r, 409, PROBLEM_CONFLICT, NULL, NULL);
		return;
	}
	json_decref(doc);
	field = ref_check_move(door_referral_party(r, g, ch->x.to_org_id), ch->x.status, status,
	    note, &ch->c.to, &ch->c.reopen, &code);
	if (field != NULL) {
		api_invalid(r, field, code);
		return;
	}
	ch->g = g;
	ch->c.old = &ch->x;
	ch->c.note = note;
	ch->c.now = clock_now_us();
	ch->c.by_user = r->actor->user.id;
	ch->c.by_org = r->actor->org_id;
	ch->c.purpose = arena_printf(&r->arena, _("Referral to %s"), ch->x.service_name);
	ch->audit = req_audit(r, "referral.status", arena_printf(&r->arena, "person:%s",
	    person_id), arena_printf(&r->arena, "referral:%s %s", rid,
	    ch->c.reopen ? "reopen" : ref_status_code(ch->c.to)));
	req_defer_write(r, write_change, ch, after_change);
}
