/* Emergency access ("break the glass") and finding a person by national id.
 *   GET  /persons/find?nid=...          staff: an exact national id finds a
 *                                       person in the actor's care; outside
 *                                       it only for those who may break the
 *                                       glass, and the search is logged
 *   GET  /persons/{id}/emergency        those who may break the glass: asks why
 *   POST /persons/{id}/emergency        starts four hours of reading
 *   GET  /emergencies                   the home organisation's admins and
 *                                       coordinators: every emergency access
 *                                       to their persons, to review
 *   POST /persons/{id}/emergency/{eid}/review   marks one reviewed
 * Anyone else is answered as for a person who does not exist. Breaking the
 * glass also needs a second factor confirmed at this sign-in: without one,
 * the page says so plainly and links to setting one up. The person
 * sees every emergency access, who asked, when and why; every read during
 * it lands in their access log as "emergency". */
#include "web/emergency.h"

#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/person.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/emergency.h"
#include "store/persons.h"
#include "store/review.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

/* Longest national id looked up; anything longer matches nothing. */
#define NID_MAX 64

void
web_person_find(struct req *r)
{
	const char *nid = req_query(r, "nid"), *id = NULL;
	enum find_result found = FIND_NONE;
	bool glass = door_may_break_glass(r);
	struct buf b;
	size_t n;

	/* Spaces around a pasted number are not part of it; nothing else is
	 * forgiven, so a partial id never matches. */
	if (nid != NULL) {
		nid += strspn(nid, " \t");
		n = strlen(nid);
		while (n > 0 && (nid[n - 1] == ' ' || nid[n - 1] == '\t'))
			n--;
		nid = arena_strndup(&r->arena, nid, n);
		if (n > 0 && n <= NID_MAX)
			found = door_find_national_id(r, nid, &id);
		if (found == FIND_ERROR) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
	}

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Find a person by national id"));
	html(&b, "<h1>%s</h1><p>%s</p>", _("Find a person by national id"), glass ?
	    _("Only the whole national id, exactly as registered, finds a person. If "
	      "someone who is not in your care needs help now, you can then ask for "
	      "emergency access to their record.") :
	    _("Only the whole national id, exactly as registered, finds a person in your "
	      "care."));
	html_raw(&b, "<form method=\"get\" action=\"/persons/find\" role=\"search\" novalidate>");
	form_input(&b, "nid", _("National id"), "search", nid, "off",
	    _("The whole number, with any dash, as it was registered."), NULL);
	html(&b, "<p><button type=\"submit\" class=\"button\">%s</button></p></form>",
	    _("Find"));
	if (nid != NULL) {
		html(&b, "<section aria-labelledby=\"s-result\"><h2 id=\"s-result\">%s</h2>",
		    _("Result"));
		if (found == FIND_IN_CARE) {
			html(&b, "<p>%s</p><p><a class=\"button\" href=\"/persons/%s\">%s</a></p>",
			    _("A person with this national id is registered in rosc."), id,
			    _("Open their record"));
		} else if (found == FIND_EMERGENCY) {
			/* The person will see this search in their log. */
			html(&b, "<p>%s</p><p><a class=\"button\" href=\"/persons/%s/emergency\">"
			    "%s</a></p>", _("A person with this national id is registered in rosc."),
			    id, _("Ask for emergency access"));
		} else {
			html(&b, "<p>%s</p>", _("No person with exactly this national id."));
		}
		html_raw(&b, "</section>");
	}
	layout_end(r, &b, 200);
}

struct start {
	struct emergency e;
	struct audit_entry *audit;
};

static void
render(struct req *r, const char *id, unsigned status, const char *reason,
    const struct form_errors *e)
{
	const char *tz = r->actor->org_time_zone;
	const struct grant *g;
	const char *name = NULL;
	struct decision d;
	struct person p;
	struct buf b;
	int64_t until;
	int rc = door_emergency_form(r, id);

	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503, rc == ERR_NOT_FOUND ?
		    PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	/* The name shows only to those who may read it, and is logged then. */
	g = door_open(r, id, PA_READ, CAT_BASIC, 0, &d);
	if (g != NULL && store_person_get(req_store(r), &r->arena, g, &p) == 0)
		name = p.display_name;
	until = door_emergency_until(r, id);

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Emergency access"));
	html(&b, "<h1>%s</h1>", _("Emergency access"));
	if (until > 0)
		html(&b, "<div class=\"notice\" role=\"status\"><p>%s</p><p>"
		    "<a href=\"/persons/%s\">%s</a></p></div>", arena_printf(&r->arena,
		    _("You have emergency access to this record until %s."),
		    timefmt_instant(&r->arena, until, tz, r->lang, TIMEFMT_DATETIME)), id,
		    _("Open the record"));
	else if (g != NULL)
		html(&b, "<div class=\"notice\"><p>%s</p><p><a href=\"/persons/%s\">%s</a></p>"
		    "</div>", _("You can already open this record. Ask for emergency access "
		    "only if you need more than is shared with you."), id, _("Open the record"));
	html(&b, "<p>%s</p>", name != NULL ? arena_printf(&r->arena,
	    _("Emergency access lasts 4 hours. %s will see that you opened their record, "
	      "when and why."), name) :
	    _("Emergency access lasts 4 hours. The person will see that you opened their "
	      "record, when and why."));
	if (!door_glass_factor_ok(r)) {
		html(&b, "<div class=\"notice\" role=\"status\"><p>%s</p><p>"
		    "<a href=\"/me/settings/second-factor\">%s</a></p></div>",
		    _("Emergency access needs a second factor: a code from an app on your "
		      "phone when you sign in. Set one up, sign out and sign in again with "
		      "your code; then you can ask for emergency access."),
		    _("Set up a second factor"));
		layout_end(r, &b, status);
		return;
	}
	form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/emergency", id), e);
	form_textarea(&b, "reason", _("Why you need access now"), reason,
	    _("Say what is happening. Your words are shown to the person and kept in the "
	      "audit log."), e);
	form_end(&b, _("Open the record in an emergency"));
	layout_end(r, &b, status);
}

void
web_emergency(struct req *r)
{
	render(r, req_param(r, 0), 200, NULL, NULL);
}

static int
write_start(struct store_tx *tx, void *arg)
{
	struct start *c = arg;
	int rc = store_tx_emergency_insert(tx, &c->e);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_start(struct req *r, int rc)
{
	struct start *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s", c->e.person_id));
}

void
web_emergency_start(struct req *r)
{
	const char *id = req_param(r, 0);
	struct form_errors *e;
	const char *reason;
	struct start *c;
	char *eid;
	int rc = door_emergency_form(r, id);

	/* Refused before the form is read: an empty reason tells nothing. */
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503, rc == ERR_NOT_FOUND ?
		    PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if (!door_glass_factor_ok(r)) {
		render(r, id, 403, NULL, NULL);
		return;
	}
	e = arena_alloc(&r->arena, sizeof(*e));
	reason = form_text(r, e, "reason", true, REASON_MAX);
	if (e->n > 0) {
		render(r, id, 422, reason, e);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	eid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(eid);
	c->e.person_id = id;
	c->e.id = eid;
	c->e.user_id = r->actor->user.id;
	c->e.org_id = r->actor->org_id;
	c->e.reason = reason;
	c->e.started_us = clock_now_us();
	c->e.expires_us = c->e.started_us + EMERGENCY_US;
	c->audit = req_audit(r, "emergency.start", arena_printf(&r->arena, "person:%s", id),
	    reason);
	req_defer_write(r, write_start, c, after_start);
}

/* The review */

#define REVIEW_DAYS 90
#define REVIEW_MAX 200

struct review {
	const char *org_id, *person_id, *id, *note;
	struct audit_entry *audit;
};

/* A review form sent back: which access, what was written, what is wrong. */
struct review_form {
	const char *eid, *note;
	const struct form_errors *e;
};

static void
review_item(struct req *r, struct buf *b, const struct emergency_review *x,
    const struct review_form *f)
{
	bool mine = f != NULL && strcmp(f->eid, x->e.id) == 0;
	const char *tz = r->actor->org_time_zone;

	html(b, "<li class=\"card\" id=\"e-%s\"><h2>%s</h2><dl>", x->e.id, x->person_name);
	html(b, "<dt>%s</dt><dd>%s</dd>", _("Who"), arena_printf(&r->arena, _("%s (%s)"),
	    x->e.user_name, x->e.org_name));
	html(b, "<dt>%s</dt><dd>%s</dd>", _("When"), timefmt_instant(&r->arena,
	    x->e.started_us, tz, r->lang, TIMEFMT_DATETIME));
	html(b, "<dt>%s</dt><dd>%s</dd></dl>", _("Why, in their words"), x->e.reason);
	if (x->reviewed_us != 0) {
		html(b, "<p class=\"small\">%s</p>", arena_printf(&r->arena,
		    _("Reviewed by %s on %s."), x->reviewed_by_name ? x->reviewed_by_name : "",
		    timefmt_instant(&r->arena, x->reviewed_us, tz, r->lang, TIMEFMT_DATE)));
		if (x->review_note != NULL)
			html(b, "<p>%s</p>", x->review_note);
		html_raw(b, "</li>");
		return;
	}
	html(b, "<form method=\"post\" action=\"/persons/%s/emergency/%s/review\">",
	    x->e.person_id, x->e.id);
	form_csrf(r, b);
	form_textarea(b, arena_printf(&r->arena, "note_%s", x->e.id),
	    _("What you concluded (optional)"), mine ? f->note : NULL,
	    _("For example: justified, the person was told; or: asked the doctor why."),
	    mine ? f->e : NULL);
	html(b, "<p><button type=\"submit\" class=\"button\">%s</button></p></form></li>",
	    _("Mark as reviewed"));
}

static void
render_reviews(struct req *r, unsigned status, const struct review_form *f)
{
	const struct list_grant *l = door_review_list(r);
	struct emergency_review *xs;
	size_t n = 0, i, open = 0;
	const char *done = req_query(r, "done");
	struct buf b;

	if (l == NULL) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	if (store_emergency_reviews(req_store(r), &r->arena, l,
	    clock_now_us() - (int64_t)REVIEW_DAYS * 86400 * 1000000, REVIEW_MAX, &xs, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Emergency accesses to review"));
	html(&b, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Emergency accesses to review"),
	    arena_printf(&r->arena, _("Every time someone broke the glass to open the record "
	    "of a person whose home organisation is %s, in the last 90 days. Look at each "
	    "one: was it needed?"), r->actor->org_name));
	if (done != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", _("Marked as reviewed."));
	for (i = 0; i < n; i++)
		if (xs[i].reviewed_us == 0)
			open++;
	html(&b, "<p class=\"count\">%s</p>", open == 0 ? _("Nothing waits for review.") :
	    arena_printf(&r->arena, ngettext("%zu waits for review.", "%zu wait for review.",
	    open), open));
	if (n > 0) {
		html_raw(&b, "<ol class=\"stack\">");
		for (i = 0; i < n; i++) {
			/* Each person shown learns that their record was reviewed. */
			door_review_shown(r, xs[i].e.person_id);
			review_item(r, &b, &xs[i], f);
		}
		html_raw(&b, "</ol>");
	}
	layout_end(r, &b, status);
}

void
web_emergency_reviews(struct req *r)
{
	render_reviews(r, 200, NULL);
}

static int
write_review(struct store_tx *tx, void *arg)
{
	struct review *c = arg;
	int rc = store_tx_emergency_review(tx, c->org_id, c->person_id, c->id,
	    c->audit->actor_id, c->audit->at_us, c->note);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_review(struct req *r, int rc)
{
	struct review *c = r->write_arg;

	if (rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/emergencies?done=1#e-%s", c->id));
}

void
web_emergency_review(struct req *r)
{
	const char *id = req_param(r, 0), *eid = req_param(r, 1);
	struct form_errors *e;
	struct review *c;

	/* Anyone who may not review: as for an access that does not exist. */
	if (door_review_list(r) == NULL) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	e = arena_alloc(&r->arena, sizeof(*e));
	c = arena_alloc(&r->arena, sizeof(*c));
	c->note = form_text(r, e, arena_printf(&r->arena, "note_%s", eid), false, REASON_MAX);
	if (e->n > 0) {
		/* Too long, or not text: nothing is written; the words are kept. */
		struct review_form f = {eid, c->note, e};

		render_reviews(r, 422, &f);
		return;
	}
	if (c->note != NULL && strspn(c->note, " \t\r\n") == strlen(c->note))
		c->note = NULL;
	c->org_id = r->actor->org_id;
	c->person_id = id;
	c->id = eid;
	c->audit = req_audit(r, "emergency.review", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "emergency:%s", eid));
	req_defer_write(r, write_review, c, after_review);
}
