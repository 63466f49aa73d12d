/* Emergency access ("break the glass") and finding a person by national id.
 *   GET  /persons/find?nid=...          staff: an exact national id finds a
 *                                       person in the actor's care; outside
 *                                       it only for those who may break the
 *                                       glass, and the search is logged
 *   GET  /persons/{id}/emergency        those who may break the glass: asks why
 *   POST /persons/{id}/emergency        starts four hours of reading
 * Anyone else is answered as for a person who does not exist. The person
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
