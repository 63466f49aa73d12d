/* Questionnaire responses written through FHIR, by the same rules and the
 * same writer as the questionnaire pages and the JSON API
 * (api/responses.c, view/responses.c): the person, or staff who may write
 * their questionnaires (kept as entered by staff); the version named by
 * the canonical (the newest when it names none); the answers checked
 * against it (qr_check) and scored by its rule; the response, its answers
 * and the audit entry written together or not at all.
 *   POST /fhir/R4/QuestionnaireResponse   201 with the response as kept
 *        (its score is the Observation RESPONSE-score) and its Location */
#include "fhir/qresponse.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "core/actor.h"
#include "core/q_response.h"
#include "fhir/write.h"
#include "http/problem.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/persons.h"
#include "store/questionnaires.h"
#include "store/responses.h"
#include "view/fhir.h"
#include "view/responses.h"

/* The write (w first: what view_tx_response_write() takes) and the
 * version answered, for the answer. */
struct qr_create {
	struct qr_write w;
	struct q_version v;
};

static void
refuse(struct req *r, unsigned status)
{
	if (status == 503)
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
	else if (status == 403)
		resp_problem(r, 403, PROBLEM_FORBIDDEN, NULL, NULL);
	else
		resp_problem(r, 404, PROBLEM_NOT_FOUND, NULL, NULL);
}

/* The version in->code, in->version names into v: 0, ERR_NOT_FOUND or
 * ERR_DB. */
static int
version_named(struct req *r, const struct fhir_qr_in *in, struct q_version *v)
{
	struct questionnaire_row *all;
	size_t n, i;
	int rc;

	if (in->version == 0)
		return view_q_version(req_store(r), &r->arena, NULL, in->code, v);
	if ((rc = store_questionnaires(req_store(r), &r->arena, false, &all, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (strcmp(all[i].code, in->code) == 0 && all[i].version == in->version)
			return view_q_version(req_store(r), &r->arena, all[i].id, NULL, v);
	return ERR_NOT_FOUND;
}

static void
after_create(struct req *r, int rc)
{
	struct qr_create *c = r->write_arg;
	struct q_response kept;

	if (rc == 0)
		rc = store_response_get(req_store(r), &r->arena, c->w.g, c->w.x.id, &kept);
	if (rc != 0) {
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
		return;
	}
	fhir_send(r, 201, fhir_qresponse(&kept, &c->v.d));
}

void
fhir_qresponse_create(struct req *r)
{
	struct qr_create *c = arena_alloc(&r->arena, sizeof(*c));
	struct fhir_fault f;
	struct fhir_qr_in in;
	struct qr_problem p[1];
	struct decision d;
	struct person per;
	const char *zone;
	size_t i;
	json_t *res;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((res = fhir_body(r, "QuestionnaireResponse", NULL)) == NULL)
		return;
	rc = fhir_qresponse_read(&r->arena, res, &in, &f);
	json_decref(res);
	if (rc != 0) {
		fhir_refuse_fault(r, "QuestionnaireResponse", &f);
		return;
	}
	/* The door of the questionnaire pages and the API. */
	c->w.g = door_open_lazy(r, in.person_id, PA_EDIT_PLAN, CAT_QUESTIONNAIRES,
	    CAT_BIT(CAT_BASIC), &d);
	if (c->w.g == NULL) {
		refuse(r, d.status);
		return;
	}
	rc = version_named(r, &in, &c->v);
	if (rc == ERR_NOT_FOUND) {
		fhir_fault(&f, "questionnaire", in.version ? "unknown_version" :
		    "unknown_questionnaire");
		fhir_refuse_fault(r, "QuestionnaireResponse", &f);
		return;
	}
	if (rc != 0) {
		refuse(r, 503);
		return;
	}
	if (qr_check(&c->v.d, in.answers, in.n, p, 1) > 0) {
		/* The item it is about, by its place in the body. */
		for (i = 0; p[0].item != NULL && i < in.n; i++)
			if (strcmp(in.answers[i].item, p[0].item) == 0)
				break;
		fhir_fault(&f, p[0].item == NULL || i == in.n ? "item" : arena_printf(&r->arena,
		    strcmp(p[0].code, "invalid_value") == 0 ? "item[%zu].answer[0]" :
		    "item[%zu].linkId", i), p[0].code);
		if (strcmp(p[0].code, "duplicate_item") == 0) {
			/* The second of the two. */
			for (i = i + 1; i < in.n && strcmp(in.answers[i].item, p[0].item) != 0; i++)
				;
			f.element = arena_printf(&r->arena, "item[%zu].linkId", i);
		}
		fhir_refuse_fault(r, "QuestionnaireResponse", &f);
		return;
	}
	zone = r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
	if (grant_covers(c->w.g, CAT_BASIC) && store_person_get(req_store(r), &r->arena, c->w.g,
	    &per) == 0 && per.time_zone != NULL)
		zone = per.time_zone;
	view_response_new(&r->arena, &c->v, in.person_id, zone, grant_is_self(c->w.g) ?
	    QR_SELF : QR_STAFF, r->actor->user.id, in.answers, in.n, clock_now_us(), &c->w.x);
	c->w.audit = req_audit(r, "questionnaire.answer", arena_printf(&r->arena, "person:%s",
	    in.person_id), arena_printf(&r->arena, "response:%s %s v%d %s", c->w.x.id,
	    c->v.row.code, c->v.row.version, qr_source_code(c->w.x.source)));
	req_defer_write(r, view_tx_response_write, c, after_create);
}
