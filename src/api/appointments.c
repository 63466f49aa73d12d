/* A person's appointments as JSON, through the same door and access log
 * as the pages (web/appointments.c).
 *   GET  /api/v1/persons/{id}/appointments   ?from=INSTANT (default: all) ?status=open
 *   POST /api/v1/persons/{id}/appointments   {"title", "date": "YYYY-MM-DD",
 *        "time": "HH:MM", "time_zone"?, "kind"?, "minutes"?, "place"?, "video_url"?,
 *        "bring"?, "with_member_id"?, "with_name"?, "goal_id"?, "weeks"?}: 201 with
 *        the appointments made (weeks: one a week at the same local time)
 *   POST /api/v1/appointments/{id}/status    {"status", "reason"?, "version"}, or
 *        {"status": "move", "note"?, "version"}: the person asks to move it
 * An appointment the actor may not see answers 404, exactly as a missing
 * one; a stale version 409; a move the rules refuse 422 validation_failed
 * with {"field": "status", "code": "illegal_transition"}. */
#include "api/appointments.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "base/utf8.h"
#include "core/actor.h"
#include "core/appointment.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/appointments.h"
#include "store/audit.h"
#include "store/persons.h"
#include "view/appointment.h"

static json_t *
appt_json(struct req *r, const struct appointment *x, const struct appointment_event *ev,
    size_t nev)
{
	json_t *o = json_object(), *h = json_array();
	char ymd[11], hm[6];
	size_t i;

	json_object_set_new(o, "id", json_string(x->id));
	json_object_set_new(o, "person_id", json_string(x->person_id));
	json_object_set_new(o, "title", json_string(x->title));
	json_object_set_new(o, "kind", json_string(appt_kind_code(x->kind)));
	json_object_set_new(o, "start", api_instant(x->starts_us));
	json_object_set_new(o, "end", api_instant(x->starts_us + (int64_t)x->minutes * 60000000));
	json_object_set_new(o, "minutes", json_integer(x->minutes));
	json_object_set_new(o, "time_zone", json_string(x->time_zone));
	if (timefmt_local_fields(x->starts_us, x->time_zone, ymd, hm))
		json_object_set_new(o, "local_start", json_string(arena_printf(&r->arena,
		    "%sT%s", ymd, hm)));
	json_object_set_new(o, "place", api_str(x->place));
	json_object_set_new(o, "video_url", api_str(x->video_url));
	json_object_set_new(o, "bring", api_str(x->bring));
	json_object_set_new(o, "with", json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "member_id", api_str(x->with_member_id), "service_id", api_str(x->with_service_id),
	    "organisation_id", api_str(x->with_org_id), "name", api_str(appt_with(x)),
	    "organisation", api_str(x->with_org_name)));
	json_object_set_new(o, "goal", x->goal_id == NULL || x->goal_title == NULL ?
	    json_null() : json_pack("{s:s, s:s}", "id", x->goal_id, "title", x->goal_title));
	json_object_set_new(o, "referral_id", api_str(x->referral_id));
	json_object_set_new(o, "series_id", api_str(x->series_id));
	json_object_set_new(o, "status", json_string(appt_status_code(x->status)));
	json_object_set_new(o, "fhir_status", json_string(appt_fhir_status(x->status)));
	json_object_set_new(o, "status_at", api_instant(x->status_us));
	json_object_set_new(o, "cancel_reason", api_str(x->cancel_reason));
	json_object_set_new(o, "move_asked", json_boolean(x->move_asked));
	json_object_set_new(o, "move_note", api_str(x->move_note));
	json_object_set_new(o, "version", json_integer(x->version));
	json_object_set_new(o, "created_at", api_instant(x->created_us));
	for (i = 0; i < nev; i++)
		if (strcmp(ev[i].appointment_id, x->id) == 0)
			json_array_append_new(h, json_pack("{s:s, s:o, s:o, s:o, s:o}",
			    "what", appt_what_code(ev[i].what), "at", api_instant(ev[i].at_us),
			    "by", api_str(ev[i].by_name), "by_organisation", api_str(ev[i].by_org_name),
			    "detail", api_str(ev[i].detail)));
	json_object_set_new(o, "history", h);
	return o;
}

/* The door for person id's appointments (write: to make or change them). */
static const struct grant *
open_door(struct req *r, const char *id, bool write)
{
	struct decision d;
	const struct grant *g = door_open_lazy(r, id, write ? PA_EDIT_PLAN : PA_READ,
	    CAT_APPOINTMENTS, CAT_BIT(CAT_PLAN) | CAT_BIT(CAT_SUBSTANCE), &d);

	if (g == NULL)
		door_refuse(r, &d, CAT_APPOINTMENTS);
	return g;
}

static void
note_goals(struct req *r, const struct grant *g, const struct appointment *xs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (xs[i].goal_title != NULL) {
			door_shown(r, g, CAT_PLAN);
			return;
		}
}

void
api_appointments(struct req *r)
{
	const char *id = req_param(r, 0), *from = req_query(r, "from"),
	    *status = req_query(r, "status");
	const struct grant *g = open_door(r, id, false);
	struct appt_filter f = {0};
	struct appointment *xs;
	struct appointment_event *ev;
	size_t n, nev, i;
	json_t *a;

	if (g == NULL)
		return;
	if (from != NULL && clock_parse_instant(from, &f.from_us) != 0) {
		resp_problem(r, 400, PROBLEM_INVALID_FORMAT, "from: not an acceptable value",
		    json_pack("[{s:s, s:s}]", "field", "from", "code", "invalid_format"));
		return;
	}
	if (status != NULL && strcmp(status, "open") != 0) {
		resp_problem(r, 400, PROBLEM_INVALID_FORMAT, "status: not an acceptable value",
		    json_pack("[{s:s, s:s}]", "field", "status", "code", "invalid_format"));
		return;
	}
	f.open_only = status != NULL;
	if (store_appointments(req_store(r), &r->arena, g, &f, &xs, &n) != 0 ||
	    store_appointment_events(req_store(r), &r->arena, g, NULL, &ev, &nev) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	note_goals(r, g, xs, n);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, appt_json(r, &xs[i], ev, nev));
	resp_json(r, 200, json_pack("{s:s, s:o}", "person_id", id, "appointments", a));
}

/* A member as text: NULL if absent or null; *code set if it is not a
 * string (numbers are taken as their digits: "minutes": 45), holds a NUL
 * or is not text. Lengths are core's to check. */
static const char *
member(struct req *r, json_t *doc, const char *name, const char **code, const char **field)
{
	json_t *v = json_object_get(doc, name);
	const char *s;

	if (v == NULL || json_is_null(v) || *code != NULL)
		return NULL;
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	if (!json_is_string(v)) {
		*code = "invalid_format";
		*field = name;
		return NULL;
	}
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v) || !utf8_valid_text(s, strlen(s))) {
		*code = "invalid_format";
		*field = name;
		return NULL;
	}
	return arena_strdup(&r->arena, s);
}

struct create {
	const struct grant *g;
	struct appointment *xs;
	int n;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_create(struct store_tx *tx, void *arg)
{
	struct create *c = arg;
	int rc = store_tx_appointments_insert(tx, c->g, c->xs, (size_t)c->n, c->now);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_create(struct req *r, int rc)
{
	struct create *c = r->write_arg;
	json_t *a;
	int i;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	a = json_array();
	for (i = 0; i < c->n; i++) {
		struct appointment x;

		if (store_appointment_get(req_store(r), &r->arena, c->g, c->xs[i].id, &x) != 0) {
			json_decref(a);
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		json_array_append_new(a, appt_json(r, &x, NULL, 0));
	}
	resp_header(r, "Location", arena_printf(&r->arena, "/api/v1/persons/%s/appointments",
	    grant_person(c->g)));
	resp_json(r, 201, json_pack("{s:o}", "appointments", a));
}

/* The zone times are read in: the one asked for, else the viewer's. */
static const char *
zone(struct req *r, const struct grant *g, const char *asked)
{
	struct person p;

	if (asked != NULL)
		return asked;
	if (!grant_is_self(g) && r->actor->org_time_zone != NULL)
		return r->actor->org_time_zone;
	if (grant_covers(g, CAT_BASIC) && store_person_get(req_store(r), &r->arena, g, &p) == 0 &&
	    p.time_zone != NULL)
		return p.time_zone;
	return "Europe/Copenhagen";
}

void
api_appointment_create(struct req *r)
{
	const char *id = req_param(r, 0), *code = NULL, *field = NULL, *tz, *member_id, *goal_id;
	const struct grant *g = open_door(r, id, true);
	struct appt_input in = {0};
	struct appointment x = {0};
	struct appt_problem p[12];
	struct create *c;
	json_t *doc;
	unsigned bad = 0;
	size_t np;
	int weeks = 1, i, rc;

	if (g == NULL || (doc = api_body(r)) == NULL)
		return;
	in.title = member(r, doc, "title", &code, &field);
	in.kind = member(r, doc, "kind", &code, &field);
	in.date = member(r, doc, "date", &code, &field);
	in.time = member(r, doc, "time", &code, &field);
	in.minutes = member(r, doc, "minutes", &code, &field);
	in.place = member(r, doc, "place", &code, &field);
	in.video_url = member(r, doc, "video_url", &code, &field);
	in.bring = member(r, doc, "bring", &code, &field);
	in.with_name = member(r, doc, "with_name", &code, &field);
	in.weeks = member(r, doc, "weeks", &code, &field);
	tz = member(r, doc, "time_zone", &code, &field);
	member_id = member(r, doc, "with_member_id", &code, &field);
	goal_id = member(r, doc, "goal_id", &code, &field);
	json_decref(doc);
	if (code != NULL) {
		api_invalid(r, field, code);
		return;
	}
	if (tz != NULL && !timefmt_zone_valid(tz)) {
		api_invalid(r, "time_zone", "unknown_zone");
		return;
	}
	if ((np = appt_check_input(&in, zone(r, g, tz), &x, &weeks, p, 12)) > 0) {
		json_t *list = json_array();

		for (i = 0; i < (int)np; i++)
			json_array_append_new(list, json_pack("{s:s, s:s}", "field", p[i].field,
			    "code", p[i].code));
		resp_problem(r, 422, PROBLEM_VALIDATION_FAILED, NULL, list);
		return;
	}
	rc = view_appointment_links(req_store(r), &r->arena, g, today_utc(r), member_id, goal_id,
	    &x, &bad);
	if (rc != 0 && rc != ERR_INVALID) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (bad != 0) {
		api_invalid(r, bad & APPT_BAD_MEMBER ? "with_member_id" : "goal_id",
		    "invalid_choice");
		return;
	}
	x.person_id = id;
	x.title_lang = lang_code(r->lang);
	x.created_by = r->actor->user.id;
	x.created_by_org = r->actor->org_id;
	x.with_org_id = grant_is_self(g) ? NULL : r->actor->org_id;
	c = arena_alloc(&r->arena, sizeof(*c));
	if (appt_series(&r->arena, &x, weeks, in.date, in.time, &c->xs) != 0) {
		api_invalid(r, "weeks", "skipped_time");
		return;
	}
	c->g = g;
	c->n = weeks;
	c->now = clock_now_us();
	c->audit = req_audit(r, "appointment.create", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "%d", weeks));
	req_defer_write(r, write_create, c, after_create);
}

struct change {
	const struct grant *g;
	struct appointment x;
	enum appt_status to;
	bool ask;
	const char *reason, *by_user, *by_org;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_change(struct store_tx *tx, void *arg)
{
	struct change *ch = arg;
	int rc = ch->ask ? store_tx_appointment_ask_move(tx, ch->g, &ch->x, ch->reason,
	    ch->by_user, ch->now) : store_tx_appointment_status(tx, ch->g, &ch->x, ch->to,
	    ch->reason, ch->by_user, ch->by_org, ch->now);

	return rc ? rc : store_tx_audit_append(tx, ch->audit);
}

static void
after_change(struct req *r, int rc)
{
	struct change *ch = r->write_arg;
	struct appointment_event *ev;
	struct appointment x;
	size_t nev;

	if (rc == ERR_CONFLICT) {
		resp_problem(r, 409, PROBLEM_CONFLICT, NULL, NULL);
		return;
	}
	if (rc != 0 || store_appointment_get(req_store(r), &r->arena, ch->g, ch->x.id, &x) != 0 ||
	    store_appointment_events(req_store(r), &r->arena, ch->g, x.id, &ev, &nev) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_json(r, 200, appt_json(r, &x, ev, nev));
}

void
api_appointment_status(struct req *r)
{
	const char *aid = req_param(r, 0), *person_id, *status, *reason, *field = NULL,
	    *code = NULL;
	const struct grant *g;
	struct decision d;
	enum appt_party party;
	struct change *ch;
	bool started;
	json_t *doc, *v;
	int rc;

	/* Whose appointment it is, then the door: anything the actor may not
	 * see is answered as a missing appointment (the address names no
	 * person). */
	rc = store_appointment_person(req_store(r), &r->arena, aid, &person_id);
	if (rc != 0 && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	g = rc == 0 ? door_open(r, person_id, PA_EDIT_PLAN, CAT_APPOINTMENTS, 0, &d) : NULL;
	ch = arena_alloc(&r->arena, sizeof(*ch));
	if (g == NULL || store_appointment_get(req_store(r), &r->arena, g, aid, &ch->x) != 0) {
		if (g == NULL && rc == 0 && d.status == 503)
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
		else
			error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if ((doc = api_body(r)) == NULL)
		return;
	status = member(r, doc, "status", &code, &field);
	reason = member(r, doc, "reason", &code, &field);
	if (reason == NULL && code == NULL)
		reason = member(r, doc, "note", &code, &field);
	v = json_object_get(doc, "version");
	if (code == NULL && !json_is_integer(v)) {
		code = v == NULL ? "required" : "invalid_format";
		field = "version";
	}
	if (code == NULL && reason != NULL && utf8_count(reason, strlen(reason)) > REASON_MAX) {
		code = "too_long";
		field = "reason";
	}
	if (code != NULL) {
		json_decref(doc);
		api_invalid(r, field, code);
		return;
	}
	if (json_integer_value(v) != ch->x.version) {
		json_decref(doc);
		resp_problem(r, 409, PROBLEM_CONFLICT, NULL, NULL);
		return;
	}
	json_decref(doc);
	party = grant_is_self(g) ? AP_PERSON : AP_TEAM;
	started = ch->x.starts_us <= clock_now_us();
	if (status != NULL && strcmp(status, "move") == 0) {
		if (party != AP_PERSON || !appt_open(ch->x.status) || started) {
			api_invalid(r, "status", "illegal_transition");
			return;
		}
		ch->ask = true;
	} else if ((field = appt_check_move(party, ch->x.status, started, status, reason,
	    &ch->to, &code)) != NULL) {
		api_invalid(r, field, code);
		return;
	}
	ch->g = g;
	ch->reason = reason;
	ch->by_user = r->actor->user.id;
	ch->by_org = r->actor->org_id;
	ch->now = clock_now_us();
	ch->audit = req_audit(r, "appointment.status", arena_printf(&r->arena, "person:%s",
	    person_id), arena_printf(&r->arena, "appointment:%s %s", aid,
	    ch->ask ? "move" : appt_status_code(ch->to)));
	req_defer_write(r, write_change, ch, after_change);
}
