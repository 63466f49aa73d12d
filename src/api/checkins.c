/* A person's check-ins as JSON, through the same door and access log as
 * the pages (web/checkins.c).
 *   GET  /api/v1/persons/{id}/checkins   ?limit=1..200 (default 50) ?before=ID:
 *        newest first, keyset paged: "next" is the before= of the next page
 *        (null at the end); with the rhythm, the streak and the good weeks
 *   POST /api/v1/persons/{id}/checkins   {"mood": 1..5, "craving": 0..10,
 *        "use": "none"|"little"|"lot"|null, "sleep": 1..5, "supported": 1..5,
 *        "line"?: text}: 201 with the check-in. Only the person: anyone
 *        else who may see their check-ins gets 403 forbidden with
 *        {"field": "person", "code": "only_the_person"}; anyone else 404,
 *        as for a missing person.
 * Craving and use come only with the substance-use consent too (else
 * null). Bad input: 422 validation_failed with {"field", "code"}:
 * required, out_of_range, invalid_format (a wrong type, or the line not
 * one line of text), invalid_choice (use), too_long (line). */
#include "api/checkins.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "base/utf8.h"
#include "core/actor.h"
#include "core/checkin.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/checkins.h"
#include "store/outbox.h"
#include "store/persons.h"

#define LIMIT_DEFAULT 50
#define LIMIT_MAX 200

static json_t *
checkin_json(const struct checkin *c, bool substance)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(c->id));
	json_object_set_new(o, "day", json_string(c->day));
	json_object_set_new(o, "at", api_instant(c->at_us));
	json_object_set_new(o, "mood", json_integer(c->mood));
	json_object_set_new(o, "craving", substance && c->craving >= 0 ?
	    json_integer(c->craving) : json_null());
	json_object_set_new(o, "use", substance ? api_str(checkin_use_code(c->use)) :
	    json_null());
	json_object_set_new(o, "sleep", json_integer(c->sleep));
	json_object_set_new(o, "supported", json_integer(c->supported));
	json_object_set_new(o, "line", api_str(c->line));
	return o;
}

static const char *
zone_of(struct req *r, const struct grant *g)
{
	struct person p;

	if (grant_covers(g, CAT_BASIC) && store_person_get(req_store(r), &r->arena, g, &p) == 0 &&
	    p.time_zone != NULL)
		return p.time_zone;
	return r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
}

void
api_checkins(struct req *r)
{
	const char *id = req_param(r, 0), *lim = req_query(r, "limit"),
	    *before = req_query(r, "before");
	struct decision d;
	const struct grant *g = door_open_lazy(r, id, PA_READ, CAT_QUESTIONNAIRES,
	    CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_SUBSTANCE), &d);
	struct checkin_week w[12];
	struct checkin_pref pref;
	struct checkin *c, *all;
	const char **days;
	char today[11], hm[6];
	size_t n, nall, nd, nw, i, limit = LIMIT_DEFAULT;
	bool substance;
	json_t *a, *weeks;

	if (g == NULL) {
		door_refuse(r, &d, CAT_QUESTIONNAIRES);
		return;
	}
	if (lim != NULL) {
		if (*lim == '\0' || strlen(lim) > 3 || strspn(lim, "0123456789") != strlen(lim) ||
		    atoi(lim) < 1 || atoi(lim) > LIMIT_MAX) {
			resp_problem(r, 400, PROBLEM_INVALID_FORMAT, "limit: not an acceptable value",
			    json_pack("[{s:s, s:s}]", "field", "limit", "code", "invalid_format"));
			return;
		}
		limit = (size_t)atoi(lim);
	}
	if (before != NULL && !id_valid(before, strlen(before))) {
		resp_problem(r, 400, PROBLEM_INVALID_FORMAT, "before: not an acceptable value",
		    json_pack("[{s:s, s:s}]", "field", "before", "code", "invalid_format"));
		return;
	}
	substance = grant_covers(g, CAT_SUBSTANCE);
	/* One more than asked for: whether there is a next page. */
	if (store_checkins(req_store(r), &r->arena, g, before, limit + 1, &c, &n) != 0 ||
	    store_checkin_pref(req_store(r), &r->arena, g, &pref) != 0 ||
	    store_checkin_days(req_store(r), &r->arena, g, &days, &nd) != 0 ||
	    store_checkins(req_store(r), &r->arena, g, NULL, 120, &all, &nall) != 0 ||
	    !timefmt_local_fields(clock_now_us(), zone_of(r, g), today, hm)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (substance && nall > 0)
		door_shown(r, g, CAT_SUBSTANCE);
	a = json_array();
	for (i = 0; i < n && i < limit; i++)
		json_array_append_new(a, checkin_json(&c[i], substance));
	nw = checkin_weeks(all, nall, w, 12);
	weeks = json_array();
	for (i = 0; i < nw; i++)
		json_array_append_new(weeks, json_pack("{s:s, s:i, s:f, s:b}", "monday",
		    w[i].monday, "checkins", w[i].count, "mood", w[i].mood, "good", w[i].good));
	resp_json(r, 200, json_pack("{s:s, s:i, s:b, s:s, s:i, s:o, s:o, s:o}",
	    "person_id", id, "every_days", pref.every_days, "remind", pref.remind,
	    "remind_at", pref.remind_at,
	    "streak", checkin_streak(days, nd, pref.every_days, today), "weeks", weeks,
	    "checkins", a, "next", n > limit ? json_string(c[limit - 1].id) : json_null()));
}

struct create {
	const struct grant *g;
	struct checkin c;
	const char *about;
	int64_t now;
};

static int
write_create(struct store_tx *tx, void *arg)
{
	struct create *w = arg;
	int rc = store_tx_checkin_insert(tx, w->g, &w->c);

	return rc ? rc : store_tx_outbox_cancel(tx, w->about, w->now);
}

static void
after_create(struct req *r, int rc)
{
	struct create *w = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_json(r, 201, checkin_json(&w->c, true));
}

/* A scale member: *code set on a problem (the first one wins). */
static void
scale(json_t *doc, const char *name, int min, int max, int *out, const char **field,
    const char **code)
{
	json_t *v = json_object_get(doc, name);

	if (*code != NULL)
		return;
	if (v == NULL || json_is_null(v))
		*code = "required";
	else if (!json_is_integer(v))
		*code = "invalid_format";
	else if (json_integer_value(v) < min || json_integer_value(v) > max)
		*code = "out_of_range";
	else
		*out = (int)json_integer_value(v);
	if (*code != NULL)
		*field = name;
}

void
api_checkin_create(struct req *r)
{
	const char *id = req_param(r, 0), *field = NULL, *code = NULL;
	char hm[6], cid[ID_LEN + 1];
	struct decision d;
	struct create *w;
	json_t *doc, *v;
	const struct grant *g;

	if (!door_is_self(r, id)) {
		/* Someone who may see the check-ins is told they cannot write
		 * them; anyone else gets what a missing person gets. */
		if ((g = door_open(r, id, PA_READ, CAT_QUESTIONNAIRES, 0, &d)) == NULL)
			door_refuse(r, &d, CAT_QUESTIONNAIRES);
		else
			resp_problem(r, 403, PROBLEM_FORBIDDEN,
			    "Only the person writes their check-ins.",
			    json_pack("[{s:s, s:s}]", "field", "person", "code", "only_the_person"));
		return;
	}
	if ((g = door_open(r, id, PA_EDIT_RECORD, CAT_QUESTIONNAIRES, CAT_BIT(CAT_SUBSTANCE),
	    &d)) == NULL || !grant_is_self(g)) {
		door_refuse(r, &d, CAT_QUESTIONNAIRES);
		return;
	}
	if ((doc = api_body(r)) == NULL)
		return;
	w = arena_alloc(&r->arena, sizeof(*w));
	scale(doc, "mood", 1, CHECKIN_MOOD_MAX, &w->c.mood, &field, &code);
	scale(doc, "craving", 0, CHECKIN_CRAVING_MAX, &w->c.craving, &field, &code);
	v = json_object_get(doc, "use");
	if (code == NULL && v != NULL && !json_is_null(v) && (!json_is_string(v) ||
	    !checkin_use_parse(json_string_value(v), &w->c.use) || w->c.use == CU_SKIPPED)) {
		field = "use";
		code = json_is_string(v) ? "invalid_choice" : "invalid_format";
	}
	scale(doc, "sleep", 1, CHECKIN_MOOD_MAX, &w->c.sleep, &field, &code);
	scale(doc, "supported", 1, CHECKIN_MOOD_MAX, &w->c.supported, &field, &code);
	v = json_object_get(doc, "line");
	if (code == NULL && v != NULL && !json_is_null(v)) {
		if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
			code = "invalid_format";
		else if ((code = checkin_check_line(json_string_value(v))) == NULL &&
		    *json_string_value(v) != '\0')
			w->c.line = arena_strdup(&r->arena, json_string_value(v));
		if (code != NULL)
			field = "line";
	}
	json_decref(doc);
	if (code != NULL) {
		api_invalid(r, field, code);
		return;
	}
	w->g = g;
	w->now = clock_now_us();
	id_new(cid);
	w->c.id = arena_strdup(&r->arena, cid);
	w->c.person_id = id;
	w->c.at_us = w->now;
	w->c.created_by = r->actor->user.id;
	if (!timefmt_local_fields(w->now, zone_of(r, g), w->c.day, hm)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	w->about = arena_printf(&r->arena, "checkin:%s", id);
	req_defer_write(r, write_create, w, after_create);
}
