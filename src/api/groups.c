/* Peer groups as JSON.
 *   GET  /api/v1/groups?language=&online=&day=   anyone signed in: the
 *        groups open to join, {"items": [group...]}; language a code
 *        ("da"), online true|false, day 0 (Monday) ... 6. A parameter
 *        that is not acceptable: 400 problem+json, code "invalid_format",
 *        errors [{"field", "code"}]
 *   GET  /api/v1/groups/{id}   one group: open ones for anyone signed in,
 *        closed ones for their members and their organisation's staff;
 *        404 problem+json ("not_found") for anyone else, as for none
 *   POST /api/v1/groups/{id}/join, /leave   the person themself (their
 *        own token or session): 200 {"member": true|false}; anyone else
 *        403 ("forbidden"): staff may point a person to a group, never add
 *        them; a closed group 409 ("conflict")
 * A group says nothing about its members: membership is the person's, in
 * the consent category "appointments" (their own data download has it). */
#include "api/groups.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "core/account.h"
#include "core/peer_group.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/peer_groups.h"

static bool
is_person(struct req *r)
{
	return r->actor != NULL && r->actor->user.kind == USER_PERSON;
}

static json_t *
group_json(const struct peer_group *g, bool member, int64_t now)
{
	struct group_schedule s = {g->weekday, g->minutes, g->at_time, g->time_zone,
	    g->starts_on, g->ends_on};
	json_t *doc, *langs = json_array();
	char ymd[11];
	int64_t start;
	const char *p, *sp;

	for (p = g->language; *p != '\0'; p = *sp == ' ' ? sp + 1 : sp) {
		sp = strchr(p, ' ');
		if (sp == NULL)
			sp = p + strlen(p);
		json_array_append_new(langs, json_stringn(p, (size_t)(sp - p)));
	}
	doc = json_pack("{s:s, s:s, s:s, s:s, s:o, s:i, s:s, s:i, s:s, s:s, s:o, s:o, s:b, "
	    "s:b, s:o}", "id", g->id, "organisation_id", g->org_id, "organisation", g->org_name,
	    "name", g->name, "languages", langs, "weekday", g->weekday, "time", g->at_time,
	    "minutes", g->minutes, "time_zone", g->time_zone, "starts_on", g->starts_on,
	    "ends_on", api_str(g->ends_on), "place", api_str(g->place), "online",
	    g->video_url != NULL, "open", g->is_open, "facilitator",
	    api_str(g->facilitator_name));
	json_object_set_new(doc, "description", api_str(g->description));
	json_object_set_new(doc, "next_session", group_next_session(&s, now, ymd, &start) == 0 ?
	    api_instant(start) : json_null());
	/* The link is for the members (and the person's own answer says so). */
	if (member)
		json_object_set_new(doc, "video_url", api_str(g->video_url));
	return doc;
}

static void
invalid_param(struct req *r, const char *field)
{
	resp_problem(r, 400, PROBLEM_INVALID_FORMAT, NULL, json_pack("[{s:s, s:s}]", "field",
	    field, "code", "invalid_format"));
}

void
api_groups(struct req *r)
{
	const char *lang = req_query(r, "language"), *online = req_query(r, "online"),
	    *day = req_query(r, "day");
	struct group_filter f = {NULL, -1, -1};
	struct peer_group *gs;
	size_t n, i;
	json_t *items;
	int64_t now = clock_now_us();

	if (lang != NULL && *lang != '\0') {
		if (group_language_name(lang) == NULL) {
			invalid_param(r, "language");
			return;
		}
		f.language = lang;
	}
	if (online != NULL && *online != '\0') {
		if (strcmp(online, "true") != 0 && strcmp(online, "false") != 0) {
			invalid_param(r, "online");
			return;
		}
		f.online = strcmp(online, "true") == 0;
	}
	if (day != NULL && *day != '\0') {
		if (strlen(day) != 1 || *day < '0' || *day > '6') {
			invalid_param(r, "day");
			return;
		}
		f.weekday = *day - '0';
	}
	if (store_groups_open(req_store(r), &r->arena, &f, today_utc(r), &gs, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, group_json(&gs[i], false, now));
	resp_json(r, 200, json_pack("{s:o}", "items", items));
}

/* The group of the path if the actor may see it (as the page: an open
 * group for anyone signed in, a closed one for its members and its
 * organisation's staff); *self the person's own grant. Else answers. */
static bool
load(struct req *r, struct peer_group *g, const struct grant **self, bool *member)
{
	struct group_membership m;
	struct person p;
	int rc;

	*self = NULL;
	*member = false;
	rc = store_group_get(req_store(r), &r->arena, req_param(r, 0), g);
	if (rc == 0 && is_person(r) && (*self = door_self(r, &p, &rc)) != NULL) {
		rc = store_group_membership(req_store(r), &r->arena, *self, g->id, &m);
		*member = rc == 0;
		if (rc == ERR_NOT_FOUND)
			rc = 0;
	}
	if (rc == 0 && !g->is_open && !*member &&
	    (r->actor->org_id == NULL || strcmp(r->actor->org_id, g->org_id) != 0))
		rc = ERR_NOT_FOUND;
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	return true;
}

void
api_group(struct req *r)
{
	const struct grant *self;
	struct peer_group g;
	bool member;
	json_t *doc;

	if (!load(r, &g, &self, &member))
		return;
	doc = group_json(&g, member, clock_now_us());
	if (self != NULL)
		json_object_set_new(doc, "member", json_boolean(member));
	resp_json(r, 200, doc);
}

struct membership_write {
	const struct grant *g;
	const char *group_id, *today;
	bool join;
	int64_t now;
};

static int
write_membership(struct store_tx *tx, void *arg)
{
	struct membership_write *w = arg;

	return w->join ? store_tx_group_join(tx, w->g, w->group_id, w->today, w->now) :
	    store_tx_group_leave(tx, w->g, w->group_id);
}

static void
after_membership(struct req *r, int rc)
{
	struct membership_write *w = r->write_arg;

	if (rc == 0 || rc == ERR_EXISTS || rc == ERR_NOT_FOUND)
		resp_json(r, 200, json_pack("{s:s, s:b}", "group_id", w->group_id, "member",
		    w->join));
	else if (rc == ERR_CONFLICT)
		resp_problem(r, 409, PROBLEM_CONFLICT, NULL, NULL);
	else
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
}

static void
membership(struct req *r, bool join)
{
	struct membership_write *w = arena_alloc(&r->arena, sizeof(*w));
	const struct grant *self;
	struct peer_group g;
	struct decision d;
	bool member;

	/* Only the person, for themself: nobody adds a person to a group. */
	if (!is_person(r)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	if (!load(r, &g, &self, &member))
		return;
	if ((w->g = door_open(r, grant_person(self), PA_EDIT_PLAN, CAT_APPOINTMENTS, 0,
	    &d)) == NULL) {
		door_refuse(r, &d, CAT_APPOINTMENTS);
		return;
	}
	w->group_id = g.id;
	w->today = today_utc(r);
	w->join = join;
	w->now = clock_now_us();
	req_defer_write(r, write_membership, w, after_membership);
}

void
api_group_join(struct req *r)
{
	membership(r, true);
}

void
api_group_leave(struct req *r)
{
	membership(r, false);
}
