/* Pathway templates as JSON, for anyone signed in: they describe
 * programmes, not persons.
 *   GET /api/v1/pathway-templates        the newest version of each (?all=1: every
 *                                        version), with names in en, nl and da
 *   GET /api/v1/pathway-templates/{id}   one version, the template itself
 *                                        (rosc-pathway-template/1) under "template" */
#include "api/pathways.h"

#include <jansson.h>
#include <string.h>

#include "api/json.h"
#include "base/err.h"
#include "base/i18n.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/pathways.h"

static json_t *
row_json(struct req *r, const struct pathway_template_row *x)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(x->id));
	json_object_set_new(o, "code", json_string(x->code));
	json_object_set_new(o, "version", json_integer(x->version));
	json_object_set_new(o, "organisation", api_str(x->org_name));
	json_object_set_new(o, "country", api_str(x->country));
	json_object_set_new(o, "name", json_string(x->name[r->lang] != NULL ? x->name[r->lang] :
	    x->name[LANG_EN]));
	json_object_set_new(o, "names", json_pack("{s:s, s:s, s:s}", "en", x->name[LANG_EN],
	    "nl", x->name[LANG_NL], "da", x->name[LANG_DA]));
	json_object_set_new(o, "phases", json_integer(x->phases));
	json_object_set_new(o, "total_days", json_integer(x->total_days));
	json_object_set_new(o, "start_within_days", x->start_within_days > 0 ?
	    json_integer(x->start_within_days) : json_null());
	json_object_set_new(o, "created_at", api_instant(x->created_us));
	return o;
}

void
api_pathway_templates(struct req *r)
{
	const char *all = req_query(r, "all");
	struct pathway_template_row *xs;
	size_t n, i;
	json_t *a;

	if (all != NULL && strcmp(all, "0") != 0 && strcmp(all, "1") != 0) {
		api_invalid(r, "all", "invalid_format");
		return;
	}
	if (store_pathway_templates(req_store(r), &r->arena, all == NULL ||
	    strcmp(all, "1") != 0, &xs, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, row_json(r, &xs[i]));
	resp_json(r, 200, json_pack("{s:o}", "templates", a));
}

void
api_pathway_template(struct req *r)
{
	struct pathway_template_row x;
	json_t *o, *body;
	int rc;

	rc = store_pathway_template_get(req_store(r), &r->arena, req_param(r, 0), &x);
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
	json_object_set_new(o, "template", body);
	resp_json(r, 200, o);
}
