/* The service directory as JSON, HSDS-shaped.
 *   GET /api/v1/services?q=&stage=&domain=&lang=&video=&capacity=&open_now=
 *       &limit=&after=   anyone: {"items": [service…], "next": URL|null},
 *       by name, keyset paging (after: the opaque cursor from next)
 *   GET /api/v1/services/{id}   anyone: one service; 404 problem+json for
 *       an unknown id
 * A parameter that is not acceptable is a 400 problem+json with code
 * "invalid_format" and errors [{"field": NAME, "code": "invalid_format"}].
 * Each service carries HSDS's own fields, its organization, languages,
 * service_at_locations with their location and physical address, phones,
 * schedules and service_capacity, and rosc's own under "x_rosc": stage,
 * domains, video and response_days. */
#include "api/services.h"

#include <jansson.h>
#include <string.h>

#include "api/json.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "core/directory.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/directory.h"

static json_t *
location_json(const struct dir_location *l)
{
	json_t *addr = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
	    "address_1", api_str(l->address_1), "address_2", api_str(l->address_2),
	    "city", api_str(l->city), "region", api_str(l->region),
	    "state_province", api_str(l->state_province), "postal_code", api_str(l->postal_code),
	    "country", api_str(l->country), "address_type", "physical");
	json_t *loc = json_pack("{s:s, s:s, s:o, s:o, s:o, s:[o]}", "id", l->id,
	    "location_type", "physical", "name", api_str(l->name), "description",
	    api_str(l->description), "transportation", api_str(l->transportation), "addresses", addr);

	if (l->has_position) {
		json_object_set_new(loc, "latitude", json_real(l->latitude));
		json_object_set_new(loc, "longitude", json_real(l->longitude));
	}
	return json_pack("{s:o}", "location", loc);
}

/* The service with everything HSDS hangs off it (d: its details). */
static json_t *
service_json(const struct service *sv, const struct service_detail *dp)
{
	const struct service_detail d = *dp;
	json_t *doc, *a, *x;
	size_t i;
	int k;

	doc = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "id", sv->id, "name", sv->name, "alternate_name", api_str(sv->alternate_name),
	    "description", api_str(sv->description), "url", api_str(sv->url), "email", api_str(sv->email),
	    "status", api_str(sv->status), "interpretation_services",
	    api_str(sv->interpretation_services), "application_process",
	    api_str(sv->application_process), "fees_description", api_str(sv->fees_description),
	    "wait_time", api_str(sv->wait_time), "eligibility_description",
	    api_str(sv->eligibility_description), "alert", api_str(sv->alert));
	json_object_set_new(doc, "minimum_age", sv->has_minimum_age ?
	    json_integer(sv->minimum_age) : json_null());
	json_object_set_new(doc, "maximum_age", sv->has_maximum_age ?
	    json_integer(sv->maximum_age) : json_null());
	json_object_set_new(doc, "organization", json_pack("{s:s, s:s, s:o}", "id",
	    sv->organization_id, "name", sv->organization_name, "website",
	    api_str(sv->organization_website)));
	a = json_array();
	for (i = 0; i < d.nlanguages; i++)
		json_array_append_new(a, json_pack("{s:o, s:s, s:s}", "id", api_str(d.languages[i].id),
		    "code", d.languages[i].code, "name",
		    language_label(d.languages[i].code, d.languages[i].name)));
	json_object_set_new(doc, "languages", a);
	a = json_array();
	for (i = 0; i < d.nlocations; i++)
		json_array_append_new(a, location_json(&d.locations[i]));
	json_object_set_new(doc, "service_at_locations", a);
	a = json_array();
	for (i = 0; i < d.nphones; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o}", "id",
		    d.phones[i].id, "number", d.phones[i].number, "extension",
		    api_str(d.phones[i].extension), "type", api_str(d.phones[i].type), "description",
		    api_str(d.phones[i].description)));
	json_object_set_new(doc, "phones", a);
	a = json_array();
	for (i = 0; i < d.ncontacts; i++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:o, s:o}", "id",
		    d.contacts[i].id, "name", api_str(d.contacts[i].name), "title",
		    api_str(d.contacts[i].title), "department", api_str(d.contacts[i].department),
		    "email", api_str(d.contacts[i].email)));
	json_object_set_new(doc, "contacts", a);
	a = json_array();
	for (i = 0; i < d.nschedules; i++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
		    d.schedules[i].id, "freq", api_str(d.schedules[i].freq), "byday",
		    api_str(d.schedules[i].byday), "opens_at", api_str(d.schedules[i].opens_at),
		    "closes_at", api_str(d.schedules[i].closes_at), "timezone",
		    api_str(d.schedules[i].timezone), "description",
		    api_str(d.schedules[i].description)));
	json_object_set_new(doc, "schedules", a);
	a = json_array();
	if (sv->has_capacity)
		json_array_append_new(a, json_pack("{s:i, s:o, s:o, s:o}", "available",
		    sv->capacity_available, "maximum", sv->capacity_maximum > 0 ?
		    json_integer(sv->capacity_maximum) : json_null(), "unit",
		    api_str(sv->capacity_unit), "updated", api_instant(sv->capacity_updated_us)));
	json_object_set_new(doc, "service_capacity", a);
	x = json_pack("{s:o, s:[], s:b, s:i, s:[]}", "stage", sv->stage == STAGE_NONE ?
	    json_null() : json_string(stage_code(sv->stage)), "domains", "video", sv->video,
	    "response_days", sv->response_days, "shares");
	for (k = 0; k < DOM_COUNT; k++)
		if (sv->domains & (1u << k))
			json_array_append_new(json_object_get(x, "domains"),
			    json_string(domain_code((enum domain)k)));
	for (k = 0; k < CAT_COUNT; k++)
		if (sv->shares & CAT_BIT(k))
			json_array_append_new(json_object_get(x, "shares"),
			    json_string(category_code((enum category)k)));
	json_object_set_new(x, "updated", api_instant(sv->updated_us));
	json_object_set_new(doc, "x_rosc", x);
	return doc;
}

static const char *
next_link(struct req *r, const struct service_filters *f, const struct service *last)
{
	const char *names[] = {"q", "stage", "domain", "lang", "video", "capacity", "open_now",
		"limit"};
	const char *values[] = {f->q, f->stage, f->domain, f->lang, f->video, f->capacity,
		f->open_now, f->limit};
	struct buf b;
	size_t i;

	buf_init(&b, &r->arena);
	buf_puts(&b, "/api/v1/services?");
	for (i = 0; i < 8; i++) {
		if (values[i] == NULL || *values[i] == '\0')
			continue;
		buf_puts(&b, names[i]);
		buf_puts(&b, "=");
		url_encode(&b, values[i]);
		buf_puts(&b, "&");
	}
	buf_puts(&b, "after=");
	buf_puts(&b, service_cursor(&r->arena, last->name, last->id));
	return b.data;
}

void
api_services(struct req *r)
{
	struct service_filters f = {
		req_query(r, "q"), req_query(r, "stage"), req_query(r, "domain"),
		req_query(r, "lang"), req_query(r, "video"), req_query(r, "capacity"),
		req_query(r, "open_now"), req_query(r, "limit"), req_query(r, "after"),
	};
	struct service_query q;
	struct service *found = NULL;
	struct service_detail *d;
	const char *bad;
	json_t *items;
	size_t n = 0, i;
	bool more = false;

	if ((bad = service_query_parse(&r->arena, &f, clock_now_us(), &q)) != NULL) {
		resp_problem(r, 400, PROBLEM_INVALID_FORMAT, arena_printf(&r->arena,
		    "%s: not an acceptable value", bad), json_pack("[{s:s, s:s}]", "field", bad,
		    "code", "invalid_format"));
		return;
	}
	if (store_services_search(req_store(r), &r->arena, &q, &found, &n, &more) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	d = arena_alloc(&r->arena, (n + 1) * sizeof(*d));
	if (store_services_details(req_store(r), &r->arena, found, n, d) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, service_json(&found[i], &d[i]));
	resp_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next", more ?
	    json_string(next_link(r, &f, &found[n - 1])) : json_null()));
}

void
api_service(struct req *r)
{
	struct service sv;
	struct service_detail d;
	int rc = store_service_get(req_store(r), &r->arena, req_param(r, 0), &sv);

	if (rc == 0)
		rc = store_service_detail(req_store(r), &r->arena, sv.id, &d);
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	resp_json(r, 200, service_json(&sv, &d));
}
