/* A referral's status moved through FHIR, by the same rules and write as
 * the pages and the JSON API (api/referrals.c): the party the door says
 * the writer is (core/referral.c's one table), a note where a move needs
 * one, every move a version.
 *   PUT /fhir/R4/Task/{id}   businessStatus: the status to move to (rosc's
 *       code system), status agreeing with it, note[0].text the note; with
 *       If-Match: W/"N" (or meta.versionId): 200; 412 when someone saved
 *       since. Reopening a closed referral is the pages' (it shows what
 *       will be shared again). */
#include "fhir/task.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "core/actor.h"
#include "core/referral.h"
#include "fhir/write.h"
#include "http/problem.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/referrals.h"
#include "view/fhir.h"

struct task_write {
	const struct grant *g;
	struct referral x;
	struct referral_change c;
	struct audit_entry *audit;
};

static void
refuse(struct req *r, unsigned status)
{
	if (status == 503)
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
	else
		resp_problem(r, 404, PROBLEM_NOT_FOUND, NULL, NULL);
}

static void
fault(struct req *r, const char *element, const char *code)
{
	struct fhir_fault f = {element, code};

	fhir_refuse_fault(r, "Task", &f);
}

static int
write_move(struct store_tx *tx, void *arg)
{
	struct task_write *w = arg;
	int rc = store_tx_referral_change(tx, w->g, &w->c);

	return rc ? rc : store_tx_audit_append(tx, w->audit);
}

static void
after_move(struct req *r, int rc)
{
	struct task_write *w = r->write_arg;
	struct referral now;

	if (rc == ERR_CONFLICT) {
		resp_problem(r, 412, PROBLEM_CONFLICT, _("Someone moved this referral since the "
		    "version you changed: read it again, then change that."), NULL);
		return;
	}
	if (rc != 0) {
		refuse(r, 503);
		return;
	}
	rc = store_referral_get(req_store(r), &r->arena, w->g, w->x.id, &now);
	if (rc == ERR_NOT_FOUND) {
		/* Closed, the receiver no longer holds it: what it moved to. */
		now = w->x;
		now.status = w->c.to;
		now.status_us = w->c.now;
		now.version = w->x.version + 1;
	} else if (rc != 0) {
		refuse(r, 503);
		return;
	}
	fhir_send(r, 200, fhir_task(&now));
}

void
fhir_task_update(struct req *r)
{
	struct task_write *w = arena_alloc(&r->arena, sizeof(*w));
	const char *id = req_param(r, 0), *owner, *field, *code = NULL;
	struct fhir_task_in in;
	struct fhir_fault f;
	struct decision d;
	enum ref_status to;
	int64_t from;
	json_t *res;
	int rc;

	memset(w, 0, sizeof(*w));
	if ((res = fhir_body(r, "Task", id)) == NULL)
		return;
	if ((from = fhir_from_version(r, res)) <= 0) {
		json_decref(res);
		return;
	}
	rc = fhir_task_read(res, &r->arena, &in, &f);
	if (rc != 0)
		fhir_refuse_fault(r, "Task", &f);    /* f may point into res */
	json_decref(res);
	if (rc != 0)
		return;
	/* Whose referral, then the door: anything the writer may not see
	 * is a missing one. */
	rc = store_referral_person(req_store(r), &r->arena, id, &owner);
	if (rc != 0) {
		refuse(r, rc == ERR_NOT_FOUND ? 404 : 503);
		return;
	}
	w->g = door_referrals(r, owner, true, 0, &d);
	if (w->g == NULL) {
		refuse(r, d.status == 503 ? 503 : 404);
		return;
	}
	rc = store_referral_get(req_store(r), &r->arena, w->g, id, &w->x);
	if (rc != 0) {
		refuse(r, rc == ERR_NOT_FOUND ? 404 : 503);
		return;
	}
	if (in.focus_id != NULL && strcmp(in.focus_id, id) != 0) {
		fault(r, "focus", "invalid_choice");
		return;
	}
	if (in.for_id != NULL && strcmp(in.for_id, owner) != 0) {
		fault(r, "for", "invalid_choice");
		return;
	}
	if (!ref_status_parse(in.business_status, &to)) {
		fault(r, "businessStatus", "invalid_choice");
		return;
	}
	if (strcmp(in.status, ref_fhir_task_status(to)) != 0) {
		fault(r, "status", "invalid_choice");
		return;
	}
	if (from != w->x.version) {
		after_move(r, ERR_CONFLICT);
		return;
	}
	if (to == w->x.status) {
		fhir_send(r, 200, fhir_task(&w->x));
		return;
	}
	field = ref_check_move(door_referral_party(r, w->g, w->x.to_org_id), w->x.status,
	    ref_status_code(to), in.note, &w->c.to, &w->c.reopen, &code);
	if (field != NULL) {
		fault(r, strcmp(field, "note") == 0 ? "note.text" : "businessStatus", code);
		return;
	}
	w->c.old = &w->x;
	w->c.note = in.note;
	w->c.now = clock_now_us();
	w->c.by_user = r->actor->user.id;
	w->c.by_org = r->actor->org_id;
	w->c.purpose = arena_printf(&r->arena, _("Referral to %s"), w->x.service_name);
	w->audit = req_audit(r, "referral.status", arena_printf(&r->arena, "person:%s", owner),
	    arena_printf(&r->arena, "referral:%s %s", id, ref_status_code(w->c.to)));
	req_defer_write(r, write_move, w, after_move);
}
