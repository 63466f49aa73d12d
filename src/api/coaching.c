/* A person's coaching sessions as JSON.
 *   GET  /api/v1/persons/{id}/coaching   the person always; others by duty
 *        or with the "notes" consent (noted as a read of notes)
 *   POST /api/v1/persons/{id}/coaching   the peer worker in the person's
 *        network: {"day": "YYYY-MM-DD", "minutes": 1-480, "text": "..."};
 *        201 with the session
 * Anyone else gets the 404 a missing person gets; someone in the network
 * who may not, 403. */
#include "api/coaching.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "core/actor.h"
#include "core/peer.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/peers.h"

static json_t *
note_json(const struct coaching_note *x)
{
	return json_pack("{s:s, s:s, s:i, s:s, s:{s:s, s:o}, s:{s:s, s:o}, s:o}",
	    "id", x->id, "day", x->day, "minutes", x->minutes, "text", x->text,
	    "author", "id", x->author_id, "name", api_str(x->author_name),
	    "organisation", "id", x->org_id, "name", api_str(x->org_name),
	    "created", api_instant(x->created_us));
}

void
api_coaching(struct req *r)
{
	const char *id = req_param(r, 0), *member;
	struct coaching_note *xs = NULL;
	const struct grant *g;
	struct decision d;
	size_t n = 0, i;
	json_t *a;

	if ((g = door_coaching(r, id, false, &member, &d)) == NULL) {
		door_refuse(r, &d, CAT_NOTES);
		return;
	}
	if (store_coaching_notes(req_store(r), &r->arena, g, &xs, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, note_json(&xs[i]));
	resp_json(r, 200, json_pack("{s:s, s:o}", "person_id", id, "sessions", a));
}

struct create {
	const struct grant *g;
	const char *member_id;
	struct coaching_note x;
};

static int
write_create(struct store_tx *tx, void *arg)
{
	struct create *w = arg;

	return store_tx_coaching_add(tx, w->g, w->member_id, &w->x);
}

static void
after_create(struct req *r, int rc)
{
	struct create *w = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	w->x.author_name = r->actor->user.display_name;
	w->x.org_name = r->actor->org_name;
	resp_json(r, 201, note_json(&w->x));
}

/* A string member as text, NULL when missing or null; *bad when present
 * but not a string without NUL. */
static const char *
text_of(struct req *r, json_t *doc, const char *name, bool *bad)
{
	json_t *v = json_object_get(doc, name);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v)) {
		*bad = true;
		return NULL;
	}
	return arena_strdup(&r->arena, json_string_value(v));
}

void
api_coaching_create(struct req *r)
{
	const char *id = req_param(r, 0), *field = NULL, *code = NULL, *day, *text, *minutes;
	struct create *w = arena_alloc(&r->arena, sizeof(*w));
	bool bad_day = false, bad_text = false;
	struct decision d;
	json_t *doc, *v;
	char *nid;

	if ((w->g = door_coaching(r, id, true, &w->member_id, &d)) == NULL) {
		door_refuse(r, &d, CAT_NOTES);
		return;
	}
	if ((doc = api_body(r)) == NULL)
		return;
	day = text_of(r, doc, "day", &bad_day);
	text = text_of(r, doc, "text", &bad_text);
	v = json_object_get(doc, "minutes");
	minutes = NULL;
	if (v != NULL && json_is_integer(v))
		minutes = arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	if (bad_day) {
		field = "day", code = "invalid_format";
	} else if (v != NULL && !json_is_null(v) && !json_is_integer(v)) {
		field = "minutes", code = "invalid_format";
	} else if (bad_text) {
		field = "text", code = "invalid_format";
	} else if (v != NULL && json_is_integer(v) && (json_integer_value(v) < 1 ||
	    json_integer_value(v) > COACHING_MINUTES_MAX)) {
		field = "minutes", code = "out_of_range";
	}
	json_decref(doc);
	if (code == NULL)
		(void)coaching_check(day, today_utc(r), minutes, text, &w->x, &field, &code);
	if (code != NULL) {
		api_invalid(r, field, code);
		return;
	}
	nid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(nid);
	w->x.person_id = id;
	w->x.id = nid;
	w->x.author_id = r->actor->user.id;
	w->x.org_id = r->actor->org_id;
	w->x.created_us = clock_now_us();
	req_defer_write(r, write_create, w, after_create);
}
