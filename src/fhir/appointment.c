/* Appointments written through FHIR, by the same checks and writers as
 * the pages and the JSON API (web/appointments.c, api/appointments.c):
 * whoever may write the person's appointments makes one; the team
 * changes the time, place and the rest of an open one; the person and
 * the team move its status as the one table says (core/appointment.c).
 *   POST /fhir/R4/Appointment        a new one (booked): 201 with Location
 *   PUT  /fhir/R4/Appointment/{id}   a change, with If-Match: W/"N" (or
 *        meta.versionId): 200; 412 when someone saved since */
#include "fhir/appointment.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/appointment.h"
#include "fhir/write.h"
#include "http/problem.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/appointments.h"
#include "store/audit.h"
#include "store/network.h"
#include "store/persons.h"
#include "view/appointment.h"
#include "view/fhir.h"

struct appt_write {
	const struct grant *g;
	struct appointment old, x;
	bool changed, move;
	enum appt_status to;
	const char *reason, *by_user, *by_org;
	int64_t now;
	struct audit_entry *audit, *audit_move;
};

static void
refuse(struct req *r, unsigned status)
{
	if (status == 503)
		resp_problem(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
	else
		resp_problem(r, 404, PROBLEM_NOT_FOUND, NULL, NULL);
}

/* The zone a time is kept in, as the API chooses it: the staff member's
 * organisation's, else the person's. */
static const char *
zone(struct req *r, const struct grant *g)
{
	struct person p;

	if (!grant_is_self(g) && r->actor->org_time_zone != NULL)
		return r->actor->org_time_zone;
	if (grant_covers(g, CAT_BASIC) && store_person_get(req_store(r), &r->arena, g, &p) == 0 &&
	    p.time_zone != NULL)
		return p.time_zone;
	return "Europe/Copenhagen";
}

/* The FHIR element a field of the pages' checks is. */
static const char *
element(const char *field)
{
	static const struct { const char *field, *element; } map[] = {
		{"title", "description"}, {"kind", "serviceCategory"}, {"date", "start"},
		{"time", "start"}, {"minutes", "minutesDuration"}, {"place", "comment"},
		{"video_url", "comment"}, {"bring", "patientInstruction"},
		{"with_name", "participant.actor"}, {"reason", "cancelationReason.text"},
		{"status", "status"},
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].field, field) == 0)
			return map[i].element;
	return field;
}

static void
fault(struct req *r, const char *element_name, const char *code)
{
	struct fhir_fault f = {element_name, code};

	fhir_refuse_fault(r, "Appointment", &f);
}

/* Reads the body; *in as sent. NULL after answering. */
static json_t *
body(struct req *r, const char *id, struct fhir_appt_in *in, int64_t *from)
{
	struct fhir_fault f;
	json_t *res = fhir_body(r, "Appointment", id);

	if (res == NULL)
		return NULL;
	if (from != NULL && (*from = fhir_from_version(r, res)) <= 0) {
		json_decref(res);
		return NULL;
	}
	if (fhir_appointment_read(res, &r->arena, in, &f) != 0) {
		fhir_refuse_fault(r, "Appointment", &f);
		json_decref(res);
		return NULL;
	}
	return res;
}

/* The network member a reference names, as fhir_member_ref() names them
 * ("RelatedPerson/ID", "PractitionerRole/ROLE"): *member_id, or a name
 * no member answers to ("-": no choice at all). 0 or ERR_DB. */
static int
member_of(struct req *r, const struct grant *g, const char *ref, const char **member_id)
{
	struct network_member *ms = NULL;
	size_t n = 0, i;
	int rc;

	*member_id = NULL;
	if (ref == NULL)
		return 0;
	*member_id = "-";
	if (!grant_covers(g, CAT_BASIC))
		return 0;
	if ((rc = store_network(req_store(r), &r->arena, g, &ms, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		json_t *m = fhir_member_ref(&ms[i]);
		const char *s = json_string_value(json_object_get(m, "reference"));

		if (s != NULL && strcmp(s, ref) == 0 && (ms[i].until_date == NULL ||
		    strcmp(ms[i].until_date, today_utc(r)) >= 0))
			*member_id = ms[i].id;
		json_decref(m);
	}
	return 0;
}

/* The pages' checks of what was sent, into x (which keeps what they do
 * not set): the time read in the zone tz at the instant sent, whom it is
 * with and for which goal. false after answering. */
static bool
check(struct req *r, const struct grant *g, struct fhir_appt_in *in, const char *tz,
    struct appointment *x)
{
	struct appt_problem p[12];
	const char *member_id = NULL;
	char ymd[11], hm[6];
	unsigned bad = 0;
	int weeks = 1, rc;

	if (!timefmt_local_fields(in->starts_us, tz, ymd, hm)) {
		fault(r, "start", "invalid_format");
		return false;
	}
	in->in.date = ymd;
	in->in.time = hm;
	x->with_member_id = NULL;
	x->goal_id = NULL;
	if (appt_check_input(&in->in, tz, x, &weeks, p, 12) > 0) {
		fault(r, element(p[0].field), p[0].code);
		return false;
	}
	if (x->starts_us != in->starts_us) {
		/* A local time the clocks pass twice: the other one. */
		fault(r, "start", "invalid_choice");
		return false;
	}
	if ((rc = member_of(r, g, in->member_ref, &member_id)) != 0) {
		refuse(r, 503);
		return false;
	}
	rc = view_appointment_links(req_store(r), &r->arena, g, today_utc(r), member_id,
	    in->goal_id, x, &bad);
	if (rc != 0 && rc != ERR_INVALID) {
		refuse(r, 503);
		return false;
	}
	if (bad != 0) {
		fault(r, bad & APPT_BAD_MEMBER ? "participant.actor" : "supportingInformation",
		    "invalid_choice");
		return false;
	}
	return true;
}

/* Answers with the appointment as stored now. */
static void
send_stored(struct req *r, struct appt_write *c, unsigned status)
{
	struct appointment now;

	if (store_appointment_get(req_store(r), &r->arena, c->g, c->x.id, &now) != 0) {
		refuse(r, 503);
		return;
	}
	if (now.goal_title != NULL)
		door_shown(r, c->g, CAT_PLAN);
	fhir_send(r, status, fhir_appointment(&now));
}

static int
write_create(struct store_tx *tx, void *arg)
{
	struct appt_write *c = arg;
	int rc = store_tx_appointment_insert(tx, c->g, &c->x, c->now);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_create(struct req *r, int rc)
{
	if (rc != 0) {
		refuse(r, 503);
		return;
	}
	send_stored(r, r->write_arg, 201);
}

void
fhir_appointment_create(struct req *r)
{
	struct appt_write *c = arena_alloc(&r->arena, sizeof(*c));
	struct fhir_appt_in in;
	struct decision d;
	enum appt_status to;
	json_t *res;
	char *aid;

	memset(c, 0, sizeof(*c));
	if ((res = body(r, NULL, &in, NULL)) == NULL)
		return;
	json_decref(res);
	/* A new appointment is booked; the person confirms it afterwards. */
	if (!fhir_appointment_status(&in, &to) || to != AS_PLANNED) {
		fault(r, in.person_accepted ? "participant.status" : "status", "invalid_choice");
		return;
	}
	if (in.referral_id != NULL || in.service_id != NULL) {
		/* One for a referral (with its service) is made from the referral. */
		fault(r, in.referral_id != NULL ? "basedOn" : "participant.actor",
		    "invalid_choice");
		return;
	}
	c->g = door_open_lazy(r, in.person_id, PA_EDIT_PLAN, CAT_APPOINTMENTS,
	    CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_PLAN) | CAT_BIT(CAT_SUBSTANCE), &d);
	if (c->g == NULL) {
		refuse(r, d.status);
		return;
	}
	if (!check(r, c->g, &in, zone(r, c->g), &c->x))
		return;
	aid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(aid);
	c->x.id = aid;
	c->x.person_id = grant_person(c->g);
	c->x.title_lang = in.lang != NULL ? in.lang : lang_code(r->lang);
	c->x.status = AS_PLANNED;
	c->x.created_by = r->actor->user.id;
	c->x.created_by_org = r->actor->org_id;
	c->x.with_org_id = grant_is_self(c->g) ? NULL : r->actor->org_id;
	c->now = clock_now_us();
	c->audit = req_audit(r, "appointment.create", arena_printf(&r->arena, "person:%s",
	    c->x.person_id), "1");
	req_defer_write(r, write_create, c, after_create);
}

static int
write_update(struct store_tx *tx, void *arg)
{
	struct appt_write *c = arg;
	struct appointment now;
	int rc;

	if (c->changed) {
		if ((rc = store_tx_appointment_update(tx, c->g, &c->old, &c->x, NULL,
		    c->by_user, c->by_org, c->now)) != 0 ||
		    (rc = store_tx_audit_append(tx, c->audit)) != 0)
			return rc;
	}
	if (!c->move)
		return 0;
	/* The status moves from the appointment as just written. */
	now = c->changed ? c->x : c->old;
	now.version = c->old.version + (c->changed ? 1 : 0);
	if ((rc = store_tx_appointment_status(tx, c->g, &now, c->to, c->reason,
	    c->by_user, c->by_org, c->now)) != 0)
		return rc;
	return store_tx_audit_append(tx, c->audit_move);
}

static void
after_update(struct req *r, int rc)
{
	if (rc == ERR_CONFLICT) {
		resp_problem(r, 412, PROBLEM_CONFLICT, _("Someone saved this appointment since the "
		    "version you changed: read it again, then change that."), NULL);
		return;
	}
	if (rc != 0) {
		refuse(r, 503);
		return;
	}
	send_stored(r, r->write_arg, 200);
}

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Whether x changes what the team changes on the page. */
static bool
differs(const struct appointment *a, const struct appointment *b)
{
	return !same(a->title, b->title) || a->kind != b->kind || a->starts_us != b->starts_us ||
	    a->minutes != b->minutes || !same(a->place, b->place) ||
	    !same(a->video_url, b->video_url) || !same(a->bring, b->bring) ||
	    !same(a->with_name, b->with_name) || !same(a->with_member_id, b->with_member_id) ||
	    !same(a->goal_id, b->goal_id);
}

void
fhir_appointment_update(struct req *r)
{
	struct appt_write *c = arena_alloc(&r->arena, sizeof(*c));
	const char *id = req_param(r, 0), *owner, *field, *code = NULL;
	struct fhir_appt_in in;
	struct decision d;
	enum appt_party party;
	bool started;
	int64_t from;
	json_t *res;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((res = body(r, id, &in, &from)) == NULL)
		return;
	json_decref(res);
	rc = store_appointment_person(req_store(r), &r->arena, id, &owner);
	if (rc != 0) {
		refuse(r, rc == ERR_NOT_FOUND ? 404 : 503);
		return;
	}
	c->g = door_open_lazy(r, owner, PA_EDIT_PLAN, CAT_APPOINTMENTS,
	    CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_PLAN) | CAT_BIT(CAT_SUBSTANCE), &d);
	if (c->g == NULL) {
		refuse(r, d.status == 503 ? 503 : 404);
		return;
	}
	rc = store_appointment_get(req_store(r), &r->arena, c->g, id, &c->old);
	if (rc != 0) {
		refuse(r, rc == ERR_NOT_FOUND ? 404 : 503);
		return;
	}
	if (strcmp(in.person_id, owner) != 0) {
		/* An appointment stays with its person. */
		fault(r, "participant", "invalid_choice");
		return;
	}
	if (!same(in.referral_id, c->old.referral_id)) {
		fault(r, "basedOn", "invalid_choice");
		return;
	}
	if (in.service_id != NULL && !same(in.service_id, c->old.with_service_id)) {
		fault(r, "participant.actor", "invalid_choice");
		return;
	}
	if (from != c->old.version) {
		after_update(r, ERR_CONFLICT);
		return;
	}
	if (!fhir_appointment_status(&in, &c->to)) {
		fault(r, "status", "invalid_choice");
		return;
	}
	party = grant_is_self(c->g) ? AP_PERSON : AP_TEAM;
	c->x = c->old;
	if (!check(r, c->g, &in, c->old.time_zone, &c->x))
		return;
	/* A goal link the writer is not shown stays as it is. */
	if (in.goal_id == NULL && c->old.goal_id != NULL && c->old.goal_title == NULL)
		c->x.goal_id = c->old.goal_id;
	c->changed = differs(&c->old, &c->x);
	c->move = c->to != c->old.status;
	/* The time, place and the rest: the team's, while it is ahead. */
	if (c->changed && (party != AP_TEAM || !appt_open(c->old.status))) {
		resp_problem(r, 403, PROBLEM_FORBIDDEN, _("Only the team changes the time, the "
		    "place and the rest of an appointment still ahead; the person asks to move it."),
		    NULL);
		return;
	}
	if (c->move) {
		started = c->old.starts_us <= clock_now_us();
		if ((field = appt_check_move(party, c->old.status, started,
		    appt_status_code(c->to), in.cancel_reason, &c->to, &code)) != NULL) {
			fault(r, element(field), code);
			return;
		}
		c->reason = c->to == AS_CANCELLED ? in.cancel_reason : NULL;
	}
	if (!c->changed && !c->move) {
		send_stored(r, c, 200);
		return;
	}
	c->x.title_lang = in.lang != NULL ? in.lang : c->old.title_lang;
	c->by_user = r->actor->user.id;
	c->by_org = r->actor->org_id;
	c->now = clock_now_us();
	c->audit = req_audit(r, "appointment.change", arena_printf(&r->arena, "person:%s",
	    owner), arena_printf(&r->arena, "appointment:%s", id));
	c->audit_move = req_audit(r, "appointment.status", arena_printf(&r->arena, "person:%s",
	    owner), arena_printf(&r->arena, "appointment:%s %s", id, appt_status_code(c->to)));
	req_defer_write(r, write_update, c, after_update);
}
