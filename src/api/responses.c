/* A person's answers to questionnaires, as JSON.
 *   GET  /api/v1/persons/{id}/questionnaire-responses   every response, newest
 *        first, each with its answers, score and zone (?questionnaire=CODE: to
 *        that one only)
 *   POST /api/v1/persons/{id}/questionnaire-responses   answer one:
 *        {"questionnaire": "who-5", "version"?: 1, "questionnaire_id"?: ID,
 *         "answers": {"1": 3, ...} or [{"item": "1", "value": 3}, ...]}
 *        (the newest version unless one is named): 201 with the scored response
 * Through the same door and access log as the pages (web/questionnaires.c):
 * the person, and staff who may write their questionnaires (saved as
 * entered by staff); someone else's id answers 404, exactly as a missing
 * one. Problems are 422 validation_failed with {"field", "code"}: codes
 * "required", "invalid_format" (a value of the wrong type), "unknown_questionnaire",
 * "unknown_version", and qr_check()'s "empty", "too_many", "unknown_item",
 * "duplicate_item", "invalid_value" (fields "answers" or "answers.ITEM"). */
#include "api/responses.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/utf8.h"
#include "core/actor.h"
#include "core/q_response.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/persons.h"
#include "store/responses.h"
#include "view/responses.h"

static json_t *
response_json(struct req *r, const struct q_response *x, const struct q_version *v)
{
	json_t *o = json_object(), *ans = json_object();
	const struct q_zone *z = v != NULL ? qr_zone(&v->d, x->zone) : NULL;
	size_t k;

	for (k = 0; k < x->nanswers; k++)
		json_object_set_new(ans, x->answers[k].item, json_integer(x->answers[k].value));
	json_object_set_new(o, "id", json_string(x->id));
	json_object_set_new(o, "questionnaire", json_string(x->code));
	json_object_set_new(o, "questionnaire_id", json_string(x->questionnaire_id));
	json_object_set_new(o, "version", json_integer(x->version));
	json_object_set_new(o, "day", json_string(x->day));
	json_object_set_new(o, "given_at", api_instant(x->given_us));
	json_object_set_new(o, "scored", json_boolean(x->scored));
	json_object_set_new(o, "score", x->scored ? json_integer(x->score) : json_null());
	json_object_set_new(o, "zone", x->zone != NULL ? json_pack("{s:s, s:o}", "code", x->zone,
	    "label", api_str(z != NULL ? q_text(&z->label, r->lang) : NULL)) : json_null());
	json_object_set_new(o, "answered", json_integer(x->answered));
	json_object_set_new(o, "missing", json_integer(x->missing));
	if (!x->scored && v != NULL)
		json_object_set_new(o, "not_scored_reason", json_string(qr_not_scored_text(&r->arena,
		    &v->d, x->answered)));
	json_object_set_new(o, "source", json_string(qr_source_code(x->source)));
	json_object_set_new(o, "entered_by", api_str(x->created_by));
	json_object_set_new(o, "answers", ans);
	return o;
}

void
api_questionnaire_responses(struct req *r)
{
	const char *id = req_param(r, 0), *code = req_query(r, "questionnaire");
	struct decision d;
	const struct grant *g = door_open(r, id, PA_READ, CAT_QUESTIONNAIRES, 0, &d);
	struct q_response *xs;
	struct q_version v;
	size_t n, i;
	json_t *a;

	if (g == NULL) {
		door_refuse(r, &d, CAT_QUESTIONNAIRES);
		return;
	}
	if (store_responses_all(req_store(r), &r->arena, g, &xs, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++) {
		if (code != NULL && strcmp(code, xs[i].code) != 0)
			continue;
		json_array_append_new(a, response_json(r, &xs[i], view_q_version(req_store(r),
		    &r->arena, xs[i].questionnaire_id, NULL, &v) == 0 ? &v : NULL));
	}
	resp_json(r, 200, json_pack("{s:o}", "questionnaire_responses", a));
}

/* The write, and the version for the answer (w first: what
 * view_tx_response_write() takes). */
struct create {
	struct qr_write w;
	const struct q_version *v;
};

static void
after_create(struct req *r, int rc)
{
	struct create *c = r->write_arg;
	struct qr_write *w = &c->w;
	const struct q_version *v = c->v;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_json(r, 201, response_json(r, &w->x, v));
}

/* 422 with one problem per entry of p[0..n). */
static void
problems(struct req *r, const struct qr_problem *p, size_t n)
{
	json_t *errs = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(errs, json_pack("{s:s, s:s}", "field", p[i].item != NULL ?
		    arena_printf(&r->arena, "answers.%s", p[i].item) : "answers", "code",
		    p[i].code));
	resp_problem(r, 422, PROBLEM_VALIDATION_FAILED, NULL, errs);
}

/* The answers member, an object or an array, into xs (at most max); a
 * problem of type or shape in *field and *code. */
static size_t
read_answers(struct req *r, json_t *ans, struct q_answer *xs, size_t max, const char **field,
    const char **code)
{
	const char *key;
	json_t *v, *item;
	size_t n = 0, i;

	if (json_is_object(ans)) {
		if (json_object_size(ans) > max) {
			*field = "answers";
			*code = "too_many";
			return 0;
		}
		json_object_foreach(ans, key, v) {
			if (!json_is_integer(v)) {
				*field = arena_printf(&r->arena, "answers.%s", key);
				*code = "invalid_format";
				return 0;
			}
			xs[n].item = arena_strdup(&r->arena, key);
			xs[n++].value = json_integer_value(v) > Q_VALUE_MAX * 10 ||
			    json_integer_value(v) < -Q_VALUE_MAX * 10 ? Q_VALUE_MAX * 10 :
			    (int)json_integer_value(v);
		}
		return n;
	}
	if (!json_is_array(ans)) {
		*field = "answers";
		*code = ans == NULL ? "required" : "invalid_format";
		return 0;
	}
	if (json_array_size(ans) > max) {
		*field = "answers";
		*code = "too_many";
		return 0;
	}
	json_array_foreach(ans, i, item) {
		json_t *it = json_object_get(item, "item"), *val = json_object_get(item, "value");

		if (!json_is_object(item) || !json_is_string(it) || !json_is_integer(val)) {
			*field = arena_printf(&r->arena, "answers[%zu]", i);
			*code = "invalid_format";
			return 0;
		}
		xs[n].item = arena_strdup(&r->arena, json_string_value(it));
		xs[n++].value = json_integer_value(val) > Q_VALUE_MAX * 10 ||
		    json_integer_value(val) < -Q_VALUE_MAX * 10 ? Q_VALUE_MAX * 10 :
		    (int)json_integer_value(val);
	}
	return n;
}

void
api_questionnaire_response_create(struct req *r)
{
	const char *id = req_param(r, 0), *field = NULL, *code = NULL, *qcode = NULL,
	    *qid = NULL, *zone;
	struct decision d;
	const struct grant *g = door_open_lazy(r, id, PA_EDIT_PLAN, CAT_QUESTIONNAIRES,
	    CAT_BIT(CAT_BASIC), &d);
	struct q_version *v;
	struct q_answer *xs;
	struct qr_problem pr[8];
	struct create *c;
	struct qr_write *w;
	struct person p;
	json_t *doc, *m, *ver, *ans;
	size_t n = 0, np;
	int rc;

	if (g == NULL) {
		door_refuse(r, &d, CAT_QUESTIONNAIRES);
		return;
	}
	if ((doc = api_body(r)) == NULL)
		return;
	m = json_object_get(doc, "questionnaire");
	ver = json_object_get(doc, "version");
	if (m == NULL || json_is_null(m)) {
		field = "questionnaire";
		code = "required";
	} else if (!json_is_string(m) || json_string_length(m) > Q_CODE_MAX) {
		field = "questionnaire";
		code = "invalid_format";
	} else {
		qcode = arena_strdup(&r->arena, json_string_value(m));
	}
	if (code == NULL && (m = json_object_get(doc, "questionnaire_id")) != NULL &&
	    !json_is_null(m)) {
		if (!json_is_string(m) || json_string_length(m) > 64) {
			field = "questionnaire_id";
			code = "invalid_format";
		} else {
			qid = arena_strdup(&r->arena, json_string_value(m));
		}
	}
	if (code == NULL && ver != NULL && !json_is_null(ver) && !json_is_integer(ver)) {
		field = "version";
		code = "invalid_format";
	}
	v = arena_alloc(&r->arena, sizeof(*v));
	if (code == NULL) {
		rc = view_q_version(req_store(r), &r->arena, qid, qcode, v);
		if (rc == ERR_NOT_FOUND || (rc == 0 && strcmp(v->row.code, qcode) != 0)) {
			field = qid != NULL ? "questionnaire_id" : "questionnaire";
			code = qid != NULL ? "unknown_version" : "unknown_questionnaire";
		} else if (rc != 0) {
			json_decref(doc);
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
	}
	/* A version by number: that row of the code. */
	if (code == NULL && json_is_integer(ver) && json_integer_value(ver) != v->row.version) {
		struct questionnaire_row *all;
		size_t na, i;

		if (store_questionnaires(req_store(r), &r->arena, false, &all, &na) != 0) {
			json_decref(doc);
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		for (i = 0; i < na && !(strcmp(all[i].code, qcode) == 0 &&
		    all[i].version == json_integer_value(ver)); i++)
			;
		if (i == na || view_q_version(req_store(r), &r->arena, all[i].id, NULL, v) != 0) {
			field = "version";
			code = "unknown_version";
		}
	}
	xs = arena_alloc(&r->arena, (Q_ITEMS_MAX + 1) * sizeof(*xs));
	if (code == NULL) {
		ans = json_object_get(doc, "answers");
		n = read_answers(r, ans, xs, v->d.nitems, &field, &code);
	}
	json_decref(doc);
	if (code != NULL) {
		api_invalid(r, field, code);
		return;
	}
	if ((np = qr_check(&v->d, xs, n, pr, 8)) > 0) {
		problems(r, pr, np < 8 ? np : 8);
		return;
	}
	zone = r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
	if (grant_covers(g, CAT_BASIC) && store_person_get(req_store(r), &r->arena, g, &p) == 0 &&
	    p.time_zone != NULL)
		zone = p.time_zone;
	c = arena_alloc(&r->arena, sizeof(*c));
	c->v = v;
	w = &c->w;
	w->g = g;
	view_response_new(&r->arena, v, id, zone, grant_is_self(g) ? QR_SELF : QR_STAFF,
	    r->actor->user.id, xs, n, clock_now_us(), &w->x);
	w->audit = req_audit(r, "questionnaire.answer", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "response:%s %s v%d %s", w->x.id, v->row.code,
	    v->row.version, qr_source_code(w->x.source)));
	req_defer_write(r, view_tx_response_write, c, after_create);
}
