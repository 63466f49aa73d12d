/* Questionnaire definitions as JSON.
 *   GET /api/v1/questionnaires        the newest version of each (?all=1: every
 *                                     version), with its name in the request's
 *                                     language where it has an official version
 *   GET /api/v1/questionnaires/{id}   one version, the definition itself
 *                                     (rosc-questionnaire/1) under "questionnaire"
 * Definitions describe instruments, not persons: anyone signed in. */
#include "api/questionnaires.h"

#include <jansson.h>
#include <string.h>

#include "api/json.h"
#include "base/err.h"
#include "base/i18n.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/questionnaires.h"

static json_t *
row_json(struct req *r, const struct questionnaire_row *x)
{
	json_t *o = json_object(), *langs = json_array(), *names = json_object();
	static const char *const keys[LANG_COUNT] = {"en", "nl", "da"};
	int l;

	/* A language without an official version has no name of its own: the
	 * instrument is shown in English there, so its name is English too. */
	for (l = 0; l < LANG_COUNT; l++)
		if (x->name[l] != NULL) {
			json_array_append_new(langs, json_string(keys[l]));
			json_object_set_new(names, keys[l], json_string(x->name[l]));
		}
	json_object_set_new(o, "id", json_string(x->id));
	json_object_set_new(o, "code", json_string(x->code));
	json_object_set_new(o, "version", json_integer(x->version));
	json_object_set_new(o, "name", json_string(x->name[r->lang] != NULL ? x->name[r->lang] :
	    x->name[LANG_EN]));
	json_object_set_new(o, "names", names);
	json_object_set_new(o, "languages", langs);
	json_object_set_new(o, "items", json_integer(x->items));
	json_object_set_new(o, "score_min", json_integer(x->score_min));
	json_object_set_new(o, "score_max", json_integer(x->score_max));
	json_object_set_new(o, "created_at", api_instant(x->created_us));
	return o;
}

void
api_questionnaires(struct req *r)
{
	const char *all = req_query(r, "all");
	struct questionnaire_row *xs;
	size_t n, i;
	json_t *a;

	if (all != NULL && strcmp(all, "0") != 0 && strcmp(all, "1") != 0) {
		api_invalid(r, "all", "invalid_format");
		return;
	}
	if (store_questionnaires(req_store(r), &r->arena, all == NULL || strcmp(all, "1") != 0,
	    &xs, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, row_json(r, &xs[i]));
	resp_json(r, 200, json_pack("{s:o}", "questionnaires", a));
}

void
api_questionnaire(struct req *r)
{
	struct questionnaire_row x;
	json_t *o, *body;
	int rc;

	rc = store_questionnaire_get(req_store(r), &r->arena, req_param(r, 0), &x);
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if ((body = json_loads(x.body, 0, NULL)) == NULL) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	o = row_json(r, &x);
	json_object_set_new(o, "questionnaire", body);
	resp_json(r, 200, o);
}
