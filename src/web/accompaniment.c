/* A volunteer bridge builder's pages: the requests for company sent to
 * their organisation, and those they said yes to.
 *   GET  /accompaniment               mine first, then the open ones
 *   GET  /accompaniment/{id}          one: what the job needs, and once mine,
 *                                     what the person shared
 *   POST /accompaniment/{id}/accept   I will go along (version)
 *   POST /accompaniment/{id}/release  I can no longer come: open again
 *   POST /accompaniment/{id}/report   how it went (outcome, note)
 * Each person passes the door as a volunteer's (door_job()); a request
 * not sent to the volunteer's organisation, or someone else's, answers
 * exactly as one that does not exist. */
#include "web/accompaniment.h"

#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "core/accompaniment.h"
#include "core/actor.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/accompaniment.h"
#include "store/audit.h"
#include "web/appointments.h"
#include "web/forms.h"
#include "web/layout.h"

/* Mine stay on the list this long after they end. */
#define MINE_BACK_US (INT64_C(14) * 24 * 3600 * 1000000)

static const char *
zone_of(struct req *r)
{
	return r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
}

static const char *
language(struct req *r, const char *code)
{
	char *buf = arena_alloc(&r->arena, 64);

	return code != NULL ? lang_name(code, r->lang, buf, 64) : NULL;
}

static const char *
version_text(struct req *r, int64_t v)
{
	return arena_printf(&r->arena, "%lld", (long long)v);
}

/* One request through the door and the store: 0 with *out, or an error
 * (ERR_NOT_FOUND for anything the volunteer may not see). */
static int
job_load(struct req *r, const char *id, enum job_use use, const struct grant **g,
    struct acc_job *out)
{
	const char *person_id;
	int rc;

	if ((rc = store_job_person(req_store(r), &r->arena, id, &person_id)) != 0)
		return rc;
	if ((*g = door_job(r, person_id, use)) == NULL)
		return ERR_NOT_FOUND;
	return store_job_get(req_store(r), &r->arena, *g, id, out);
}

static bool
job_started(const struct acc_job *j)
{
	return j->starts_us <= clock_now_us();
}

/* What the appointment's own status means for the volunteer, if not
 * planned or confirmed. */
static const char *
appt_notice(const struct acc_job *j)
{
	if (j->appt_status == AS_CANCELLED)
		return _("The appointment was cancelled. You do not need to go.");
	if (j->moved && appt_open(j->appt_status))
		return _("The time has changed since you said yes. Can you still come?");
	return NULL;
}

static void
summary(struct req *r, struct buf *b, const struct acc_job *j)
{
	char iso[21];

	clock_format_datetime(j->starts_us, iso);
	html(b, "<p><time datetime=\"%s\">%s</time>, %s</p>", iso,
	    web_appointment_when(r, j->starts_us, j->time_zone, zone_of(r)),
	    arena_printf(&r->arena, ngettext("%d minute", "%d minutes", j->minutes), j->minutes));
	html(b, "<p>%s %s</p><p>%s %s</p>", _("Area:"), j->area, _("Language:"),
	    language(r, j->lang));
}

static void
accept_button(struct req *r, struct buf *b, const struct acc_job *j)
{
	html(b, "<form method=\"post\" action=\"/accompaniment/%s/accept\">", j->id);
	form_csrf(r, b);
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%s\">"
	    "<button type=\"submit\">%s</button></form>", version_text(r, j->version),
	    _("I will go along"));
}

static void
card(struct req *r, struct buf *b, const struct acc_job *j)
{
	const char *notice = appt_notice(j);

	html(b, "<li><h3><a href=\"/accompaniment/%s\">%s</a></h3>", j->id,
	    arena_printf(&r->arena, _("%s, %s"), j->first_name != NULL ? j->first_name : "-",
	    appt_kind_label(j->kind)));
	summary(r, b, j);
	if (notice != NULL)
		html(b, "<p class=\"notice flag\">%s</p>", notice);
	if (j->status == ACC_OPEN)
		accept_button(r, b, j);
	else if (j->status == ACC_REPORTED && j->has_outcome)
		html(b, "<p>%s</p>", acc_outcome_label(j->outcome));
	html_raw(b, "</li>");
}

static void
render_list(struct req *r, unsigned status, const char *message)
{
	const struct list_grant *l = door_jobs(r);
	struct acc_ref *refs;
	struct acc_job *jobs;
	size_t n = 0, i, k = 0, mine = 0;
	struct buf b;
	int rc;

	if (l == NULL) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	rc = store_job_refs(req_store(r), &r->arena, l, clock_now_us() - MINE_BACK_US,
	    clock_now_us(), false, &refs, &n);
	jobs = arena_alloc(&r->arena, (n + 1) * sizeof(*jobs));
	for (i = 0; rc == 0 && i < n; i++) {
		const struct grant *g = door_job(r, refs[i].person_id, JOB_LISTED);
		int rc2 = g != NULL ? store_job_get(req_store(r), &r->arena, g, refs[i].id,
		    &jobs[k]) : ERR_NOT_FOUND;

		if (rc2 == 0)
			mine += jobs[k++].mine;
		else if (rc2 != ERR_NOT_FOUND)
			rc = rc2;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Going along"));
	html(&b, "<h1>%s</h1>", _("Going along"));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	html(&b, "<p>%s</p>", _("People who asked for company to an appointment. You see "
	    "only what the job needs; once you say yes, you see where to meet."));
	html(&b, "<section aria-labelledby=\"s-mine\"><h2 id=\"s-mine\">%s</h2>",
	    _("I am going along"));
	if (mine == 0)
		html(&b, "<p>%s</p>", _("Nothing yet."));
	else {
		html_raw(&b, "<ul class=\"cards jobs mine\">");
		for (i = 0; i < k; i++)
			if (jobs[i].mine)
				card(r, &b, &jobs[i]);
		html_raw(&b, "</ul>");
	}
	html(&b, "</section><section aria-labelledby=\"s-open\"><h2 id=\"s-open\">%s</h2>",
	    _("Open requests"));
	if (k == mine)
		html(&b, "<p>%s</p>", _("No open requests just now."));
	else {
		html_raw(&b, "<ul class=\"cards jobs open\">");
		for (i = 0; i < k; i++)
			if (!jobs[i].mine)
				card(r, &b, &jobs[i]);
		html_raw(&b, "</ul>");
	}
	html(&b, "</section><p><a href=\"/me/calendar\">%s</a></p>",
	    _("Put the appointments I go along to in my phone's calendar"));
	layout_end(r, &b, status);
}

void
web_jobs(struct req *r)
{
	render_list(r, 200, req_query(r, "released") != NULL ?
	    _("You are no longer going along. The request is open again.") : NULL);
}

/* One request */

static void
render_job(struct req *r, const struct acc_job *j, unsigned status, const char *message,
    const struct form_errors *e, const char *outcome, const char *note)
{
	const char *notice = appt_notice(j);
	struct buf b;
	int o;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Going along"));
	html(&b, "<nav><a href=\"/accompaniment\">%s</a></nav>", _("Back to going along"));
	html(&b, "<h1>%s</h1>", arena_printf(&r->arena, _("%s, %s"),
	    j->first_name != NULL ? j->first_name : "-", appt_kind_label(j->kind)));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	if (notice != NULL)
		html(&b, "<p class=\"notice flag\">%s</p>", notice);
	summary(r, &b, j);
	if (!j->mine) {
		if (j->status == ACC_OPEN && !job_started(j))
			accept_button(r, &b, j);
		layout_end(r, &b, status);
		return;
	}
	html(&b, "<h2>%s</h2><dl>", _("What the person shared with you"));
	html(&b, "<dt>%s</dt><dd>%s</dd>", _("Where to meet"),
	    j->meet_at != NULL ? j->meet_at : _("Not said yet: ask the coordinator."));
	if (j->place != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Address"), j->place);
	if (j->video_url != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("By video"), j->video_url);
	if (j->phone != NULL)
		html(&b, "<dt>%s</dt><dd><a href=\"tel:%s\">%s</a></dd>", _("Phone"), j->phone,
		    j->phone);
	html_raw(&b, "</dl>");
	if (j->status == ACC_REPORTED) {
		if (j->has_outcome)
			html(&b, "<p>%s %s</p>", _("How it went:"), acc_outcome_label(j->outcome));
		if (j->outcome_note != NULL)
			html(&b, "<p><q>%s</q></p>", j->outcome_note);
		layout_end(r, &b, status);
		return;
	}
	html(&b, "<section aria-labelledby=\"s-report\"><h2 id=\"s-report\">%s</h2>",
	    _("How did it go?"));
	form_begin(r, &b, arena_printf(&r->arena, "/accompaniment/%s/report", j->id), e);
	html(&b, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
	    version_text(r, j->version));
	html(&b, "<fieldset id=\"outcome\"><legend>%s</legend>", _("How it went"));
	if (form_error_at(e, "outcome") != NULL)
		html(&b, "<p class=\"error\" id=\"outcome-error\">%s</p>",
		    form_error_text(form_error_at(e, "outcome")));
	for (o = 0; o < AO_COUNT; o++)
		html(&b, "<div class=\"check\"><input type=\"radio\" name=\"outcome\" id=\"o-%s\" "
		    "value=\"%s\"%s><label for=\"o-%s\">%s</label></div>",
		    acc_outcome_code((enum acc_outcome)o), acc_outcome_code((enum acc_outcome)o),
		    outcome != NULL && strcmp(outcome, acc_outcome_code((enum acc_outcome)o)) == 0 ?
		    " checked" : "", acc_outcome_code((enum acc_outcome)o),
		    acc_outcome_label((enum acc_outcome)o));
	html_raw(&b, "</fieldset>");
	form_textarea(&b, "note", _("A few words (needed for \"something else\"). The person "
	    "sees them: write nothing about their health."), note, NULL, e);
	form_end(&b, _("Save"));
	html_raw(&b, "</section>");
	if (!job_started(j)) {
		html(&b, "<form method=\"post\" action=\"/accompaniment/%s/release\">", j->id);
		form_csrf(r, &b);
		html(&b, "<input type=\"hidden\" name=\"version\" value=\"%s\">"
		    "<button type=\"submit\" class=\"secondary\">%s</button></form>",
		    version_text(r, j->version), _("I can no longer come"));
	}
	layout_end(r, &b, status);
}

void
web_job(struct req *r)
{
	const struct grant *g;
	struct acc_job j;
	int rc;

	if (door_jobs(r) == NULL) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	rc = job_load(r, req_param(r, 0), JOB_OPENED, &g, &j);
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	render_job(r, &j, 200, req_query(r, "saved") != NULL ? _("Saved. Thank you.") :
	    req_query(r, "accepted") != NULL ?
	    _("Thank you! The person will see that you are coming.") : NULL, NULL, NULL, NULL);
}

/* Writes */

enum job_write { JW_ACCEPT, JW_RELEASE, JW_REPORT };

struct job_change {
	enum job_write what;
	const struct grant *g;
	const char *id;
	int64_t version, now;
	enum acc_outcome outcome;
	const char *note;
	struct audit_entry *audit;
};

static int
write_job(struct store_tx *tx, void *arg)
{
	struct job_change *c = arg;
	int rc;

	switch (c->what) {
	case JW_ACCEPT: rc = store_tx_job_accept(tx, c->g, c->id, c->version, c->now); break;
	case JW_RELEASE: rc = store_tx_job_release(tx, c->g, c->id, c->version, c->now); break;
	default:
		rc = store_tx_job_report(tx, c->g, c->id, c->version, c->outcome, c->note, c->now);
	}
	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_job(struct req *r, int rc)
{
	struct job_change *c = r->write_arg;
	const struct grant *g;
	struct acc_job j;

	if (rc == ERR_CONFLICT) {
		/* Someone else said yes first, or it changed: as it is now. */
		if (c->what == JW_ACCEPT) {
			render_list(r, 409, _("Someone else said yes to that request first, or it "
			    "was withdrawn. Thank you all the same."));
			return;
		}
		if (job_load(r, c->id, JOB_OPENED, &g, &j) != 0) {
			error_respond(r, 404, PROBLEM_NOT_FOUND);
			return;
		}
		render_job(r, &j, 409, _("This request changed while you were looking at it. "
		    "Here it is as it is now."), NULL, NULL, NULL);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (c->what == JW_RELEASE)
		resp_redirect(r, 303, "/accompaniment?released=1");
	else
		resp_redirect(r, 303, arena_printf(&r->arena, "/accompaniment/%s?%s=1", c->id,
		    c->what == JW_ACCEPT ? "accepted" : "saved"));
}

static void
job_post(struct req *r, enum job_write what)
{
	static const char *const actions[] = {"accompaniment.accept", "accompaniment.release",
	    "accompaniment.report"};
	struct job_change *c = arena_alloc(&r->arena, sizeof(*c));
	const char *version = req_form(r, "version");
	struct acc_job j;
	int rc;

	if (door_jobs(r) == NULL) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	c->what = what;
	c->id = req_param(r, 0);
	c->now = clock_now_us();
	/* Read first (what the form is checked against); the write is noted
	 * only once the form holds. */
	if ((rc = job_load(r, c->id, JOB_OPENED, &c->g, &j)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if (version == NULL || strcmp(version, version_text(r, j.version)) != 0) {
		render_job(r, &j, 409, _("This request changed while you were looking at it. "
		    "Here it is as it is now."), NULL, NULL, NULL);
		return;
	}
	c->version = j.version;
	if (what == JW_REPORT) {
		struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
		const char *outcome = req_form(r, "outcome"), *note = req_form(r, "note");
		const char *code, *field;

		if (!j.mine || j.status != ACC_ACCEPTED) {
			error_respond(r, 404, PROBLEM_NOT_FOUND);
			return;
		}
		field = acc_check_report(outcome, note, job_started(&j), &c->outcome, &code);
		if (field == NULL && req_form_bad(r, "note")) {
			field = "note";
			code = "invalid_format";
		}
		if (field != NULL) {
			form_error(e, field, code);
			render_job(r, &j, 422, NULL, e, outcome, note);
			return;
		}
		c->note = note != NULL && strspn(note, " \t\r\n") < strlen(note) ? note : NULL;
	} else if (what == JW_RELEASE && (!j.mine || j.status != ACC_ACCEPTED ||
	    job_started(&j))) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if ((c->g = door_job(r, j.person_id, JOB_WRITE)) == NULL) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	c->audit = req_audit(r, actions[what], arena_printf(&r->arena, "accompaniment:%s",
	    c->id), what == JW_REPORT ? acc_outcome_code(c->outcome) : NULL);
	req_defer_write(r, write_job, c, after_job);
}

void
web_job_accept(struct req *r)
{
	job_post(r, JW_ACCEPT);
}

void
web_job_release(struct req *r)
{
	job_post(r, JW_RELEASE);
}

void
web_job_report(struct req *r)
{
	job_post(r, JW_REPORT);
}
