/* The peer workers suggested to a person, as JSON.
 *   GET /api/v1/peers/matches?person={id}   the person themself, and staff
 *        who may read the person's plan (noted in the person's log as a
 *        read of the plan, and of substance use when the substance they
 *        asked for is shared and used): what the person asked, and the
 *        suggestions, best first, each with why it fits
 * Anyone else, and an id nobody has, get the same 404; without a person
 * the answer is 422 (field "person", "required"). */
#include "api/peers.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/err.h"
#include "core/peer.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "view/peers.h"

static json_t *
codes(unsigned mask, size_t n, const char *(*code)(size_t))
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		if (mask & (1u << i))
			json_array_append_new(a, json_string(code(i)));
	return a;
}

static const char *
lang_at(size_t i)
{
	return peer_lang_code((enum peer_lang)i);
}

static const char *
day_at(size_t i)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

	return days[i];
}

static const char *
time_at(size_t i)
{
	return i == 0 ? "day" : "evening";
}

static json_t *
pref_json(const struct peer_pref *p)
{
	if (!p->set)
		return json_null();
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
	    "languages", codes(p->langs, PL_COUNT, lang_at),
	    "gender", api_str(peer_gender_code(p->gender)),
	    "substance", api_str(p->substance >= 0 ?
	    peer_substance_code((enum peer_substance)p->substance) : NULL),
	    "age", api_str(peer_age_code(p->age)),
	    "area", api_str(p->area),
	    "days", codes(p->days, 7, day_at),
	    "times", codes(p->times, 2, time_at),
	    "video", p->video);
}

void
api_peer_matches(struct req *r)
{
	const char *id = req_query(r, "person");
	struct view_peers *v = arena_alloc(&r->arena, sizeof(*v));
	const struct grant *g;
	struct decision d;
	json_t *a;
	size_t i;
	int rc;

	if (id == NULL || *id == '\0') {
		api_invalid(r, "person", "required");
		return;
	}
	g = door_open_lazy(r, id, PA_READ, CAT_PLAN, CAT_BIT(CAT_SUBSTANCE), &d);
	if (g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if ((rc = view_peers(req_store(r), &r->arena, g, today_utc(r), v)) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (v->pref.substance >= 0)
		door_shown(r, g, CAT_SUBSTANCE);
	a = json_array();
	for (i = 0; i < v->nfit; i++) {
		const struct peer_profile *p = &v->ps[v->fit[i].index];

		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:b, s:i}",
		    "id", p->id, "name", p->name, "organisation", p->org_name,
		    "story", p->story, "why", view_peer_why(&r->arena, &v->pref, p, &v->fit[i]),
		    "languages", codes(p->langs, PL_COUNT, lang_at), "areas", p->areas,
		    "video", p->video, "score", v->fit[i].score));
	}
	resp_json(r, 200, json_pack("{s:s, s:o, s:o}", "person_id", id,
	    "preferences", pref_json(&v->pref), "matches", a));
}
