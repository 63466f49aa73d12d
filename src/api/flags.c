/* Early-warning flags as JSON, with the pages' rules (web/flags.c).
 *   GET  /api/v1/me/flags                  staff: the open flags given to
 *                                          them, due soonest first
 *   GET  /api/v1/persons/{id}/flags        the person's flags the caller
 *                                          may see, open ones first
 *   POST /api/v1/persons/{id}/flags/{fid}  records a follow-up:
 *                                          {"resolution": "reached" |
 *                                          "tried" | "not_needed" |
 *                                          "other", "note": "..."}
 * A flag whose evidence the caller may not see is absent; someone else's
 * or a missing one answers 404. A flag followed up already answers 409
 * (conflict). */
#include "api/flags.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "core/actor.h"
#include "core/warning.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/warnings.h"
#include "view/warning.h"

static json_t *
flag_json(struct req *r, const struct warn_flag *f, bool with_person)
{
	struct flag_words w;
	json_t *o = json_object(), *res;

	view_flag_words(&r->arena, f, r->lang, clock_now_us(), &w);
	json_object_set_new(o, "id", json_string(f->id));
	if (with_person)
		json_object_set_new(o, "person", json_pack("{s:s, s:o}", "id", f->person_id,
		    "name", api_str(f->person_name)));
	json_object_set_new(o, "rule", json_string(f->rule_code));
	json_object_set_new(o, "kind", json_string(warn_kind_code(f->kind)));
	json_object_set_new(o, "category", json_string(category_code(f->category)));
	json_object_set_new(o, "reason", api_str(w.reason));
	json_object_set_new(o, "task", api_str(w.task));
	json_object_set_new(o, "raised_at", api_instant(f->raised_us));
	json_object_set_new(o, "due_at", api_instant(f->due_us));
	json_object_set_new(o, "overdue", json_boolean(w.overdue));
	json_object_set_new(o, "assigned_to", json_pack("{s:o, s:o, s:o}", "user_id",
	    api_str(f->assigned_user_id), "name", api_str(f->assigned_name), "organisation",
	    api_str(f->assigned_org_name)));
	if (f->resolved_us == 0) {
		res = json_null();
	} else {
		res = json_pack("{s:s, s:o, s:o, s:o}", "resolution",
		    warn_resolution_code(f->resolution), "note", api_str(f->resolution_note),
		    "by", api_str(f->resolved_by_name), "at", api_instant(f->resolved_us));
	}
	json_object_set_new(o, "follow_up", res);
	return o;
}

void
api_my_flags(struct req *r)
{
	const struct list_grant *l = door_my_lists(r);
	struct warn_flag *fs = NULL;
	const struct grant *g;
	struct decision d;
	size_t n = 0, i;
	json_t *a = json_array();

	if (l != NULL && store_warning_flags_assigned(req_store(r), &r->arena, l, &fs, &n) != 0) {
		json_decref(a);
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	for (i = 0; i < n; i++) {
		g = door_list(r, fs[i].person_id, CAT_BASIC, CAT_ALL, &d);
		if (g == NULL || !grant_covers(g, fs[i].category))
			continue;
		door_warnings_listed(r, g);
		json_array_append_new(a, flag_json(r, &fs[i], true));
	}
	resp_json(r, 200, json_pack("{s:o}", "flags", a));
}

void
api_person_flags(struct req *r)
{
	struct decision d;
	const struct grant *g = door_warnings_open(r, req_param(r, 0), false, &d);
	struct warn_flag *fs;
	size_t n, i;
	json_t *a;

	if (g == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	if (store_warning_flags(req_store(r), &r->arena, g, &fs, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, flag_json(r, &fs[i], false));
	resp_json(r, 200, json_pack("{s:o}", "flags", a));
}

struct resolve {
	const struct grant *g;
	const char *flag_id, *note, *by;
	enum warn_resolution res;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_resolve(struct store_tx *tx, void *arg)
{
	struct resolve *x = arg;
	int rc = store_tx_warning_resolve(tx, x->g, x->flag_id, x->by, x->res, x->note, x->now);

	return rc ? rc : store_tx_audit_append(tx, x->audit);
}

static void
after_resolve(struct req *r, int rc)
{
	struct resolve *x = r->write_arg;
	struct warn_flag f;

	if (rc == ERR_NOT_FOUND) {
		resp_problem(r, 409, PROBLEM_CONFLICT, NULL, NULL);
		return;
	}
	if (rc == 0)
		rc = store_warning_flag_get(req_store(r), &r->arena, x->g, x->flag_id, &f);
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_json(r, 200, flag_json(r, &f, false));
}

void
api_flag_resolve(struct req *r)
{
	const char *id = req_param(r, 0), *fid = req_param(r, 1);
	struct decision d;
	const struct grant *g = door_warnings_open(r, id, true, &d);
	struct flag_resolve_in in = {0};
	struct warn_flag f;
	struct resolve *x;
	json_t *doc, *v;
	int rc;

	if (g == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	if ((rc = store_warning_flag_get(req_store(r), &r->arena, g, fid, &f)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if ((doc = api_body(r)) == NULL)
		return;
	v = json_object_get(doc, "resolution");
	if (v != NULL && !json_is_string(v) && !json_is_null(v)) {
		json_decref(doc);
		api_invalid(r, "resolution", "invalid_format");
		return;
	}
	in.resolution = v ? arena_strdup(&r->arena, json_is_string(v) ? json_string_value(v) :
	    "") : NULL;
	v = json_object_get(doc, "note");
	if (v != NULL && !json_is_string(v) && !json_is_null(v)) {
		json_decref(doc);
		api_invalid(r, "note", "invalid_format");
		return;
	}
	in.note = v != NULL && json_is_string(v) ? arena_strdup(&r->arena,
	    json_string_value(v)) : NULL;
	json_decref(doc);
	view_flag_resolve_check(&in);
	if (in.resolution_err != NULL || in.note_err != NULL) {
		api_invalid(r, in.resolution_err ? "resolution" : "note",
		    in.resolution_err ? in.resolution_err : in.note_err);
		return;
	}
	if (f.resolved_us != 0) {
		resp_problem(r, 409, PROBLEM_CONFLICT, NULL, NULL);
		return;
	}
	x = arena_alloc(&r->arena, sizeof(*x));
	x->g = g;
	x->flag_id = fid;
	x->note = in.note;
	x->by = r->actor->user.id;
	x->res = (enum warn_resolution)in.res;
	x->now = clock_now_us();
	x->audit = req_audit(r, "warning.resolve", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "flag:%s %s", fid, warn_resolution_code(x->res)));
	req_defer_write(r, write_resolve, x, after_resolve);
}
