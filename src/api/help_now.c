/* A person's Help now presses as JSON.
 *   GET  /api/v1/persons/{id}/help-now             the person, and staff who
 *        may see presses (access/door.h: door_help_now(), logged as a read
 *        of basic details): the presses, newest first, at most 100
 *   POST /api/v1/persons/{id}/help-now/{hid}/seen  those staff: "I saw it";
 *        answers the press as it now is (the first to see it stays)
 * Anyone else, and an unknown press, get the 404 a missing person gets. */
#include "api/help_now.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/clock.h"
#include "base/err.h"
#include "core/actor.h"
#include "core/person.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/help_now.h"

#define PRESSES_MAX 100

static json_t *
press_json(const struct hn_press *x)
{
	return json_pack("{s:s, s:o, s:i, s:o, s:o}", "id", x->id, "at", api_instant(x->at_us),
	    "people_told", x->notified, "seen_by", x->acknowledged_by == NULL ? json_null() :
	    json_pack("{s:s, s:o}", "id", x->acknowledged_by, "name",
	    api_str(x->acknowledged_name)), "seen_at", x->acknowledged_us == 0 ? json_null() :
	    api_instant(x->acknowledged_us));
}

void
api_help_now(struct req *r)
{
	const char *id = req_param(r, 0);
	struct hn_press *x = NULL;
	const struct grant *g;
	struct decision d;
	size_t n = 0, i;
	json_t *doc, *a;

	/* The person sees their own; staff pass the door for presses. */
	g = door_is_self(r, id) ? door_open(r, id, PA_READ, CAT_BASIC, 0, &d) :
	    door_help_now(r, id, false, &d);
	if (g == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	if (store_help_now_presses(req_store(r), &r->arena, g, 0, PRESSES_MAX, &x, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, press_json(&x[i]));
	doc = json_pack("{s:s, s:o}", "person_id", id, "presses", a);
	resp_json(r, 200, doc);
}

struct ack {
	const struct grant *g;
	const char *id, *user_id;
	int64_t now;
};

static int
write_ack(struct store_tx *tx, void *arg)
{
	struct ack *w = arg;

	return store_tx_help_now_ack(tx, w->g, w->id, w->user_id, w->now);
}

static void
after_ack(struct req *r, int rc)
{
	struct ack *w = r->write_arg;
	struct hn_press *x = NULL;
	size_t n = 0, i;

	if (rc == ERR_NOT_FOUND || rc == ERR_INVALID) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0 || store_help_now_presses(req_store(r), &r->arena, w->g, 0, PRESSES_MAX, &x,
	    &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	for (i = 0; i < n; i++)
		if (strcmp(x[i].id, w->id) == 0) {
			resp_json(r, 200, press_json(&x[i]));
			return;
		}
	error_respond(r, 404, PROBLEM_NOT_FOUND);
}

void
api_help_now_ack(struct req *r)
{
	struct ack *w = arena_alloc(&r->arena, sizeof(*w));
	struct decision d;

	if ((w->g = door_help_now(r, req_param(r, 0), true, &d)) == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	w->id = req_param(r, 1);
	w->user_id = r->actor->user.id;
	w->now = clock_now_us();
	req_defer_write(r, write_ack, w, after_ack);
}
