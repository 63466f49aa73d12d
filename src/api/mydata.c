/* Download my data: everything rosc holds about the signed-in person, as
 * one JSON document (their right of access). Only their own: anyone
 * without a record of their own gets 404.
 *   GET /api/v1/me/data        signed in (a person; session or bearer token)
 *   GET /api/v1/me/data/fhir   the same as a FHIR R4 Bundle (type collection),
 *       for health and care systems: what Patient/$everything answers her */
#include "api/mydata.h"

#include <jansson.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "core/person.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "view/export.h"
#include "view/fhir.h"
#include "base/clock.h"
#include "base/conf.h"
#include "http/server.h"

void
api_my_data(struct req *r)
{
	struct export_ctx x = {req_store(r), &r->arena, today_utc(r)};
	const struct grant *g;
	json_t *doc;
	struct person p;
	struct buf b;
	int rc;

	/* The person's own: all of it, and nothing logged. */
	g = door_self(r, &p, &rc);
	if (rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (view_export(&x, g, &p, &doc) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}

	/* Indented, so it can be read in any text editor. */
	buf_init(&b, &r->arena);
	if (json_dump_callback(doc, view_export_dump, &b, JSON_INDENT(2)) != 0)
		die("cannot serialise JSON");
	json_decref(doc);
	buf_putc(&b, '\n');
	resp_header(
	    r, "Content-Disposition", "attachment; filename=\"rosc-my-data.json\"");
	resp_bytes(r, 200, "application/json", b.data, b.len);
}

void
api_my_data_fhir(struct req *r)
{
	struct fhir_ctx x = {req_store(r), &r->arena, today_utc(r), clock_now_us()};
	const struct grant **grants = arena_alloc(&r->arena, fhir_nkinds * sizeof(*grants));
	const struct grant *g;
	json_t *doc;
	struct person p;
	struct buf b;
	size_t k;
	int rc;

	g = door_self(r, &p, &rc);
	if (rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	/* Her own grant covers every kind, as for the download above. */
	for (k = 0; k < fhir_nkinds; k++)
		grants[k] = g;
	if (view_fhir_everything(&x, grants, arena_printf(&r->arena, "%s/fhir/R4",
	    server_config(r->srv)->base_url), "collection", &doc) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	if (json_dump_callback(doc, view_export_dump, &b, JSON_INDENT(2)) != 0)
		die("cannot serialise JSON");
	json_decref(doc);
	buf_putc(&b, '\n');
	resp_header(r, "Content-Disposition",
	    "attachment; filename=\"rosc-my-data-fhir.json\"");
	resp_bytes(r, 200, "application/fhir+json", b.data, b.len);
}
