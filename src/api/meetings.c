/* Self-help meetings as JSON, and the meetings a person keeps in their
 * plan.
 *   GET  /api/v1/meetings?q=&day=&from=&to=&part=&tonight=&type=&language=
 *        &online=&tz=&limit=&after=   anyone: {"items": [meeting…], "next":
 *        URL|null}, soonest first, keyset paging (after: the cursor in
 *        next). day (0 Sunday … 6, or "today"), from and to ("18" or
 *        "18:30"), part (morning, afternoon, evening, tonight) and tonight=1
 *        are read in the zone tz (IANA), by default the caller's (a
 *        person's own, staff's organisation's, else Europe/Copenhagen).
 *        A bad parameter: 400 invalid_format with errors [{"field",
 *        "code": "invalid_format"}].
 *   GET  /api/v1/meetings/{id}        anyone: one meeting; 404 not_found
 *   GET  /api/v1/persons/{id}/meeting-favourites   whoever may read the
 *        plan (logged as a read of the plan for anyone but the person)
 *   POST /api/v1/persons/{id}/meeting-favourites   the person alone:
 *        {"meeting_id": ID}; 201 with the list; an unknown meeting: 422
 *   POST /api/v1/persons/{id}/meeting-favourites/{meeting}/remove   the
 *        person alone; 200 with the list, or 404 when it was not kept
 * A meeting carries the Meeting Guide fields (day as a list of days) and
 * rosc's id, source, online and its next occurrence (next_start,
 * next_end: instants in UTC). */
#include "api/meetings.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/meeting.h"
#include "core/person.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/meetings.h"
#include "view/meeting.h"

static json_t *
meeting_json(const struct meeting *m, const struct meeting_when *w)
{
	json_t *o = json_object(), *days = json_array(), *types = json_array();
	const char *p = m->types, *e;
	int d;

	for (d = 0; d < 7; d++)
		if (m->days & (1u << d))
			json_array_append_new(days, json_integer(d));
	while (p != NULL && *p) {
		p += strspn(p, " ");
		e = p + strcspn(p, " ");
		if (e == p)
			break;
		json_array_append_new(types, json_stringn(p, (size_t)(e - p)));
		p = e;
	}
	json_object_set_new(o, "id", json_string(m->id));
	json_object_set_new(o, "source", json_string(m->source));
	json_object_set_new(o, "slug", json_string(m->slug));
	json_object_set_new(o, "name", json_string(m->name));
	json_object_set_new(o, "day", days);
	json_object_set_new(o, "time", api_str(m->start_time));
	json_object_set_new(o, "end_time", api_str(m->end_time));
	json_object_set_new(o, "timezone", json_string(m->time_zone));
	json_object_set_new(o, "types", types);
	json_object_set_new(o, "location", api_str(m->location));
	json_object_set_new(o, "address", api_str(m->address));
	json_object_set_new(o, "city", api_str(m->city));
	json_object_set_new(o, "postal_code", api_str(m->postal_code));
	json_object_set_new(o, "country", api_str(m->country));
	json_object_set_new(o, "formatted_address", api_str(m->formatted_address));
	json_object_set_new(o, "region", api_str(m->region));
	json_object_set_new(o, "latitude", m->has_geo ? json_real(m->latitude) : json_null());
	json_object_set_new(o, "longitude", m->has_geo ? json_real(m->longitude) : json_null());
	json_object_set_new(o, "conference_url", api_str(m->conference_url));
	json_object_set_new(o, "conference_url_notes", api_str(m->conference_url_notes));
	json_object_set_new(o, "conference_phone", api_str(m->conference_phone));
	json_object_set_new(o, "conference_phone_notes", api_str(m->conference_phone_notes));
	json_object_set_new(o, "notes", api_str(m->notes));
	json_object_set_new(o, "location_notes", api_str(m->location_notes));
	json_object_set_new(o, "updated", api_str(m->updated));
	json_object_set_new(o, "online", json_boolean(m->online));
	json_object_set_new(o, "next_start", api_instant(w->start));
	json_object_set_new(o, "next_end", api_instant(w->end));
	return o;
}

/* The zone the times of a search are read in. NULL: tz was not one. */
static const char *
zone_of(struct req *r)
{
	const char *tz = req_query(r, "tz");
	struct person p;
	int rc;

	if (tz != NULL && *tz != '\0')
		return strlen(tz) <= 64 && timefmt_zone_valid(tz) ? tz : NULL;
	if (r->actor != NULL && r->actor->org_time_zone != NULL)
		return r->actor->org_time_zone;
	if (r->actor != NULL && door_self(r, &p, &rc) != NULL && p.time_zone != NULL)
		return p.time_zone;
	return "Europe/Copenhagen";
}

static const char *
next_link(struct req *r, const struct meeting_hit *last)
{
	const char *names[] = {"q", "day", "from", "to", "part", "tonight", "type", "language",
		"online", "tz", "limit"};
	struct buf b;
	const char *v;
	size_t i;

	buf_init(&b, &r->arena);
	buf_puts(&b, "/api/v1/meetings?");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if ((v = req_query(r, names[i])) == NULL || *v == '\0')
			continue;
		buf_puts(&b, names[i]);
		buf_puts(&b, "=");
		url_encode(&b, v);
		buf_puts(&b, "&");
	}
	buf_puts(&b, "after=");
	buf_puts(&b, meeting_cursor(&r->arena, last->w.start, last->m.id));
	return b.data;
}

static void
bad_param(struct req *r, const char *field)
{
	resp_problem(r, 400, PROBLEM_INVALID_FORMAT, arena_printf(&r->arena,
	    "%s: not an acceptable value", field), json_pack("[{s:s, s:s}]", "field", field,
	    "code", "invalid_format"));
}

void
api_meetings(struct req *r)
{
	struct meeting_params f = {
		req_query(r, "q"), req_query(r, "day"), req_query(r, "from"),
		req_query(r, "to"), req_query(r, "part"), req_query(r, "type"),
		req_query(r, "language"), req_query(r, "online"), req_query(r, "tonight"),
		req_query(r, "limit"), req_query(r, "after"),
	};
	struct meeting_query q;
	struct meeting_hit *hits;
	const char *bad, *tz = zone_of(r);
	int64_t now = clock_now_us();
	json_t *items;
	size_t n, i;
	bool more;

	if (tz == NULL) {
		bad_param(r, "tz");
		return;
	}
	if ((bad = meeting_query_parse(&r->arena, &f, now, tz, &q)) != NULL) {
		bad_param(r, bad);
		return;
	}
	if (view_meetings_find(req_store(r), &r->arena, &q, now, tz, &hits, &n, &more) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, meeting_json(&hits[i].m, &hits[i].w));
	resp_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next", more ?
	    json_string(next_link(r, &hits[n - 1])) : json_null()));
}

void
api_meeting(struct req *r)
{
	struct meeting m;
	struct meeting_when w;
	int rc = store_meeting_get(req_store(r), &r->arena, req_param(r, 0), &m);

	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	view_meeting_next(&m, clock_now_us(), &w);
	resp_json(r, 200, meeting_json(&m, &w));
}

/* The favourites as JSON: {"items": [{"meeting": …, "saved": instant}]}. */
static void
favourites_answer(struct req *r, const struct grant *g, unsigned status)
{
	struct meeting *ms;
	struct meeting_when w;
	int64_t *saved, now = clock_now_us();
	json_t *items;
	size_t n, i;
	int rc;

	if ((rc = store_meeting_favourites(req_store(r), &r->arena, g, &ms, &saved, &n)) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	items = json_array();
	for (i = 0; i < n; i++) {
		view_meeting_next(&ms[i], now, &w);
		json_array_append_new(items, json_pack("{s:o, s:o}", "meeting",
		    meeting_json(&ms[i], &w), "saved", api_instant(saved[i])));
	}
	resp_json(r, status, json_pack("{s:o}", "items", items));
}

void
api_meeting_favourites(struct req *r)
{
	struct decision d;
	const struct grant *g = door_open(r, req_param(r, 0), PA_READ, CAT_PLAN, 0, &d);

	if (g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	favourites_answer(r, g, 200);
}

struct fav {
	const struct grant *g;
	const char *meeting_id;
	bool add;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_fav(struct store_tx *tx, void *arg)
{
	struct fav *c = arg;
	int rc = c->add ? store_tx_meeting_favourite_add(tx, c->g, c->meeting_id, c->now) :
	    store_tx_meeting_favourite_remove(tx, c->g, c->meeting_id);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_fav(struct req *r, int rc)
{
	struct fav *c = r->write_arg;

	if (rc == ERR_NOT_FOUND)
		error_respond(r, 404, PROBLEM_NOT_FOUND);
	else if (rc != 0)
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
	else
		favourites_answer(r, c->g, c->add ? 201 : 200);
}

/* The person alone changes their favourites; anyone who may read them
 * is told so (403), anyone else gets what a missing person gets. */
static const struct grant *
own_grant(struct req *r, const char *id)
{
	struct decision d;
	const struct grant *g;

	if (!door_is_self(r, id)) {
		if (door_open(r, id, PA_READ, CAT_PLAN, 0, &d) == NULL)
			door_refuse(r, &d, CAT_PLAN);
		else
			resp_problem(r, 403, PROBLEM_FORBIDDEN,
			    "Only the person chooses their meetings.",
			    json_pack("[{s:s, s:s}]", "field", "person", "code", "only_the_person"));
		return NULL;
	}
	if ((g = door_open(r, id, PA_EDIT_PLAN, CAT_PLAN, 0, &d)) == NULL || !grant_is_self(g)) {
		door_refuse(r, &d, CAT_PLAN);
		return NULL;
	}
	return g;
}

static void
change(struct req *r, const struct grant *g, const char *mid, bool add)
{
	struct fav *c = arena_alloc(&r->arena, sizeof(*c));

	c->g = g;
	c->meeting_id = mid;
	c->add = add;
	c->now = clock_now_us();
	c->audit = req_audit(r, add ? "plan.meeting.save" : "plan.meeting.remove",
	    arena_printf(&r->arena, "person:%s", grant_person(g)),
	    arena_printf(&r->arena, "meeting:%s", mid));
	req_defer_write(r, write_fav, c, after_fav);
}

void
api_meeting_favourite_add(struct req *r)
{
	const struct grant *g = own_grant(r, req_param(r, 0));
	struct meeting m;
	const char *mid = NULL;
	json_t *doc, *v;
	int rc;

	if (g == NULL || (doc = api_body(r)) == NULL)
		return;
	v = json_object_get(doc, "meeting_id");
	if (v != NULL && json_is_string(v) && id_valid(json_string_value(v),
	    json_string_length(v)))
		mid = arena_strdup(&r->arena, json_string_value(v));
	json_decref(doc);
	if (mid == NULL) {
		api_invalid(r, "meeting_id", v == NULL ? "required" : "invalid_format");
		return;
	}
	if ((rc = store_meeting_get(req_store(r), &r->arena, mid, &m)) != 0) {
		if (rc == ERR_NOT_FOUND)
			api_invalid(r, "meeting_id", "not_found");
		else
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	change(r, g, mid, true);
}

void
api_meeting_favourite_remove(struct req *r)
{
	const struct grant *g = own_grant(r, req_param(r, 0));

	if (g != NULL)
		change(r, g, req_param(r, 1), false);
}
