/* Calendar feeds: appointments in the phone's own calendar.
 *   GET  /me/calendar               signed in: my feeds; make one; revoke one
 *   POST /me/calendar               make a feed (detail=minimal|full): its address
 *                                   is shown once, then only its hash is kept
 *   POST /me/calendar/{id}/revoke   one of my own feeds
 *   GET  /calendar/{token}          anyone holding the address: the feed, read
 *                                   as its owner, through the door like a page
 * A person's feed holds their own appointments; anyone else's holds the
 * appointments they made or are with, of the persons whose appointments
 * the door lets them see (each person noted in the access log, as in a
 * list). By default an event says only that there is an appointment, and
 * when ("Appointment", "Open rosc for details."): the owner may choose
 * more (what, where, with whom). */
#include "web/calendar.h"

#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/secret.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/accompaniment.h"
#include "core/appointment.h"
#include "core/ical.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "http/session.h"
#include "store/appointments.h"
#include "store/audit.h"
#include "store/accompaniment.h"
#include "store/calendar.h"
#include "store/persons.h"
#include "web/forms.h"
#include "web/layout.h"

/* What a feed holds: from a month back to a year ahead. */
#define FEED_BACK_US (INT64_C(31) * APPT_DAY_US)
#define FEED_AHEAD_US (INT64_C(400) * APPT_DAY_US)

struct view {
	const char *new_token;          /* shown once */
	const char *message;
	const struct form_errors *e;
};

static const char *
feed_url(struct req *r, const char *token)
{
	return arena_printf(&r->arena, "%s/calendar/%s", server_config(r->srv)->base_url, token);
}

static void
render(struct req *r, unsigned status, const struct view *v)
{
	struct calendar_feed *fs = NULL;
	const char *tz = r->actor->org_time_zone != NULL ? r->actor->org_time_zone :
	    "Europe/Copenhagen";
	const char *detail_v[2] = {"minimal", "full"}, *detail_l[2];
	bool person = r->actor->user.kind == USER_PERSON;
	size_t n = 0, i, live = 0;
	struct buf b;

	if (store_calendar_feeds_of_user(req_store(r), &r->arena, r->actor->user.id, &fs,
	    &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("My calendar"));
	html(&b, "<h1>%s</h1>", _("My calendar"));
	if (v->message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", v->message);
	html(&b, "<p>%s</p>", person ? _("Your appointments can show in your phone's own "
	    "calendar. Make a private calendar address and add it to your phone. Anyone "
	    "who has the address sees what it shows, so keep it to yourself; you can stop "
	    "it at any time.") : _("The appointments you made or go to can show in your "
	    "phone's own calendar. Make a private calendar address and add it to your "
	    "phone. Anyone who has the address sees what it shows; you can stop it at any "
	    "time."));
	if (v->new_token != NULL) {
		const char *url = feed_url(r, v->new_token);
		const char *webcal = strncmp(url, "https://", 8) == 0 ?
		    arena_printf(&r->arena, "webcal://%s", url + 8) :
		    strncmp(url, "http://", 7) == 0 ? arena_printf(&r->arena, "webcal://%s",
		    url + 7) : url;

		html(&b, "<div class=\"notice\" role=\"status\"><p>%s</p><p><code class=\"secret\">"
		    "%s</code></p><p><a class=\"button\" href=\"%s\">%s</a></p></div>",
		    _("Your calendar address. Copy it now: it will not be shown again."), url,
		    webcal, _("Add to my phone's calendar"));
	}
	html(&b, "<section aria-labelledby=\"s-feeds\"><h2 id=\"s-feeds\">%s</h2>",
	    _("My calendar addresses"));
	for (i = 0; i < n; i++)
		if (fs[i].revoked_us == 0)
			live++;
	if (live == 0)
		html(&b, "<p>%s</p>", _("You have no calendar address."));
	else
		html_raw(&b, "<ul class=\"stack\">");
	for (i = 0; i < n; i++) {
		if (fs[i].revoked_us != 0)
			continue;
		html(&b, "<li class=\"card\"><p>%s</p><p class=\"small\">%s</p><p class=\"small\">"
		    "%s</p>", fs[i].full ? _("Shows what, where and with whom.") :
		    _("Shows only that there is an appointment, and when."),
		    arena_printf(&r->arena, _("Made %s"), timefmt_instant(&r->arena,
		    fs[i].created_us, tz, r->lang, TIMEFMT_SHORT_DATE)),
		    fs[i].last_used_us != 0 ? arena_printf(&r->arena, _("Last read %s"),
		    timefmt_instant(&r->arena, fs[i].last_used_us, tz, r->lang,
		    TIMEFMT_SHORT_DATE)) : _("Not read yet"));
		form_button(r, &b, arena_printf(&r->arena, "/me/calendar/%s/revoke", fs[i].id),
		    _("Stop this address"), "button secondary");
		html_raw(&b, "</li>");
	}
	if (live > 0)
		html_raw(&b, "</ul>");
	html_raw(&b, "</section>");
	html(&b, "<section aria-labelledby=\"s-new\"><h2 id=\"s-new\">%s</h2>",
	    _("Make a calendar address"));
	detail_l[0] = _("Only that there is an appointment, and when (best on a shared phone)");
	detail_l[1] = _("What it is, where, and with whom");
	form_begin(r, &b, "/me/calendar", v->e);
	form_select(&b, "detail", _("What the calendar shows"), detail_v, detail_l, 2, "minimal",
	    v->e);
	form_end(&b, _("Make a calendar address"));
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

void
web_calendar(struct req *r)
{
	struct view v = {0};

	if (req_query(r, "stopped") != NULL)
		v.message = _("The calendar address is stopped. Your phone will show no more "
		    "appointments from it.");
	render(r, 200, &v);
}

struct feed_change {
	struct calendar_feed f;
	char secret[SECRET_LEN + 1], hash[SECRET_HASH_LEN + 1];
	const char *id;
	struct audit_entry *audit;
	int64_t now;
};

static int
write_feed(struct store_tx *tx, void *arg)
{
	struct feed_change *c = arg;
	int rc = store_tx_calendar_feed_insert(tx, &c->f);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_feed(struct req *r, int rc)
{
	struct feed_change *c = r->write_arg;
	struct view v = {0};

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	v.new_token = c->secret;
	render(r, 200, &v);
}

void
web_calendar_create(struct req *r)
{
	struct feed_change *c = arena_alloc(&r->arena, sizeof(*c));
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	const char *detail = req_form(r, "detail");
	char *id = arena_alloc(&r->arena, ID_LEN + 1);
	struct view v = {0};

	if (detail == NULL || (strcmp(detail, "minimal") != 0 && strcmp(detail, "full") != 0)) {
		form_error(e, "detail", "invalid_choice");
		v.e = e;
		render(r, 422, &v);
		return;
	}
	id_new(id);
	secret_new(c->secret);
	secret_hash(c->secret, c->hash);
	c->f.id = id;
	c->f.user_id = r->actor->user.id;
	c->f.org_id = r->actor->org_id;
	c->f.token_hash = c->hash;
	c->f.full = strcmp(detail, "full") == 0;
	c->f.created_us = clock_now_us();
	c->audit = req_audit(r, "calendar.create", arena_printf(&r->arena, "calendar:%s", id),
	    detail);
	req_defer_write(r, write_feed, c, after_feed);
}

static int
write_revoke(struct store_tx *tx, void *arg)
{
	struct feed_change *c = arg;
	int rc = store_tx_calendar_feed_revoke(tx, c->id, c->f.user_id, c->now);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_revoke(struct req *r, int rc)
{
	if (rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/me/calendar?stopped=1");
}

void
web_calendar_revoke(struct req *r)
{
	struct feed_change *c = arena_alloc(&r->arena, sizeof(*c));

	/* Someone else's feed, or one already stopped: not found. */
	c->id = req_param(r, 0);
	c->f.user_id = r->actor->user.id;
	c->now = clock_now_us();
	c->audit = req_audit(r, "calendar.revoke", arena_printf(&r->arena, "calendar:%s",
	    c->id), NULL);
	req_defer_write(r, write_revoke, c, after_revoke);
}

/* The feed */

static enum ical_status
event_status(enum appt_status s)
{
	switch (s) {
	case AS_CONFIRMED: return ICAL_CONFIRMED;
	case AS_CANCELLED: return ICAL_CANCELLED;
	case AS_PLANNED: return ICAL_TENTATIVE;
	default: return ICAL_CONFIRMED;        /* done or missed: it was */
	}
}

/* One appointment as an event, saying only what the feed may. name: the
 * person's, for a full feed of someone else's (NULL: none). */
static void
event(struct req *r, const struct appointment *x, bool full, const char *name,
    struct ical_event *e)
{
	const char *host = server_config(r->srv)->base_url;
	const char *with = appt_with(x);
	struct buf d;

	memset(e, 0, sizeof(*e));
	if (strstr(host, "://") != NULL)
		host = strstr(host, "://") + 3;
	e->uid = arena_printf(&r->arena, "%s@%s", x->id, host);
	e->start_us = x->starts_us;
	e->end_us = x->starts_us + (int64_t)x->minutes * 60000000;
	e->stamp_us = clock_now_us();
	e->sequence = (int)(x->version > 0 ? x->version - 1 : 0);
	e->status = event_status(x->status);
	e->url = arena_printf(&r->arena, "%s/persons/%s/appointments/%s",
	    server_config(r->srv)->base_url, x->person_id, x->id);
	if (!full) {
		e->summary = _("Appointment");
		e->description = _("Open rosc for details.");
		return;
	}
	e->summary = name != NULL ? arena_printf(&r->arena, _("%s, %s"), x->title, name) :
	    x->title;
	e->location = x->place != NULL ? x->place : x->video_url;
	buf_init(&d, &r->arena);
	if (with != NULL)
		buf_printf(&d, "%s %s\n", _("With:"), with);
	if (x->video_url != NULL)
		buf_printf(&d, "%s %s\n", _("By video"), x->video_url);
	if (x->bring != NULL)
		buf_printf(&d, "%s %s\n", _("Bring"), x->bring);
	buf_printf(&d, "%s", _("Open rosc for details."));
	e->description = d.data;
}

/* The person's own appointments. */
static int
own_events(struct req *r, bool full, struct ical_event **out, size_t *n)
{
	struct appt_filter f = {0};
	struct appointment *xs;
	const struct grant *g;
	struct person p;
	size_t i;
	int rc;

	*n = 0;
	if ((g = door_self(r, &p, &rc)) == NULL)
		return rc;
	f.from_us = clock_now_us() - FEED_BACK_US;
	f.until_us = clock_now_us() + FEED_AHEAD_US;
	if ((rc = store_appointments(req_store(r), &r->arena, g, &f, &xs, n)) != 0)
		return rc;
	*out = arena_alloc(&r->arena, (*n + 1) * sizeof(**out));
	for (i = 0; i < *n; i++)
		event(r, &xs[i], full, NULL, &(*out)[i]);
	return 0;
}

/* Appointments the actor made or is with, each person through the door. */
static int
their_events(struct req *r, bool full, struct ical_event **out, size_t *n)
{
	struct appt_ref *refs;
	size_t nrefs, i;
	int rc;

	*n = 0;
	if ((rc = store_appointment_refs_of_user(req_store(r), &r->arena, door_my_lists(r),
	    clock_now_us() - FEED_BACK_US, clock_now_us() + FEED_AHEAD_US, &refs, &nrefs)) != 0 ||
	    (rc = door_prefetch(r)) != 0)
		return rc;
	*out = arena_alloc(&r->arena, (nrefs + 1) * sizeof(**out));
	for (i = 0; i < nrefs; i++) {
		struct decision d;
		const struct grant *g = door_list(r, refs[i].person_id, CAT_APPOINTMENTS,
		    full ? CAT_BIT(CAT_BASIC) : 0, &d);
		struct appointment x;
		struct person p;
		const char *name = NULL;

		if (g == NULL) {
			if (d.status == 503)
				return ERR_UNAVAILABLE;
			continue;
		}
		if ((rc = store_appointment_get(req_store(r), &r->arena, g, refs[i].id, &x)) != 0) {
			if (rc == ERR_NOT_FOUND)
				continue;
			return rc;
		}
		if (full && grant_covers(g, CAT_BASIC) &&
		    store_person_get(req_store(r), &r->arena, g, &p) == 0) {
			door_shown(r, g, CAT_BASIC);
			name = p.preferred_name != NULL ? p.preferred_name : p.display_name;
		}
		event(r, &x, full, name, &(*out)[(*n)++]);
	}
	return 0;
}

/* A volunteer's: the appointments they said they would go along to,
 * added to out (n so far). */
static int
job_events(struct req *r, bool full, struct ical_event **out, size_t *n)
{
	const struct list_grant *l = door_jobs(r);
	const char *host = server_config(r->srv)->base_url;
	struct ical_event *ev;
	struct acc_ref *refs;
	size_t nrefs, i;
	int rc;

	if (l == NULL)
		return 0;
	if ((rc = store_job_refs(req_store(r), &r->arena, l, clock_now_us() - FEED_BACK_US,
	    clock_now_us(), true, &refs, &nrefs)) != 0)
		return rc;
	ev = arena_alloc(&r->arena, (*n + nrefs + 1) * sizeof(*ev));
	memcpy(ev, *out, *n * sizeof(*ev));
	*out = ev;
	if (strstr(host, "://") != NULL)
		host = strstr(host, "://") + 3;
	for (i = 0; i < nrefs; i++) {
		const struct grant *g = door_job(r, refs[i].person_id, JOB_OPENED);
		struct ical_event *e = &ev[*n];
		struct acc_job j;

		if (g == NULL || (rc = store_job_get(req_store(r), &r->arena, g, refs[i].id,
		    &j)) == ERR_NOT_FOUND)
			continue;
		if (rc != 0)
			return rc;
		memset(e, 0, sizeof(*e));
		e->uid = arena_printf(&r->arena, "%s@%s", j.id, host);
		e->start_us = j.starts_us;
		e->end_us = j.starts_us + (int64_t)j.minutes * 60000000;
		e->stamp_us = clock_now_us();
		e->sequence = (int)(j.version > 0 ? j.version - 1 : 0);
		e->status = j.appt_status == AS_CANCELLED ? ICAL_CANCELLED : ICAL_CONFIRMED;
		e->url = arena_printf(&r->arena, "%s/accompaniment/%s",
		    server_config(r->srv)->base_url, j.id);
		e->summary = full && j.first_name != NULL ? arena_printf(&r->arena,
		    _("Going along: %s, %s"), j.first_name, appt_kind_label(j.kind)) :
		    _("Going along");
		if (full)
			e->location = j.meet_at != NULL ? j.meet_at : j.place;
		e->description = _("Open rosc for details.");
		(*n)++;
	}
	return 0;
}

static void
send_feed(struct req *r, const char *text)
{
	resp_bytes(r, 200, "text/calendar; charset=utf-8", text, strlen(text));
}

struct touch {
	const char *id, *text;
	int64_t now;
};

static int
write_touch(struct store_tx *tx, void *arg)
{
	struct touch *t = arg;

	return store_tx_calendar_feed_touch(tx, t->id, t->now);
}

static void
after_touch(struct req *r, int rc)
{
	struct touch *t = r->write_arg;

	(void)rc;                   /* the feed is sent either way */
	send_feed(r, t->text);
}

void
web_calendar_feed(struct req *r)
{
	char hash[SECRET_HASH_LEN + 1];
	struct calendar_feed f;
	struct ical_event *ev = NULL;
	struct touch *t;
	const char *text;
	enum lang l;
	size_t n = 0;
	int rc;

	/* The address is the key: a wrong, revoked or disabled one is a
	 * missing page. The feed then reads as its owner, through the door. */
	secret_hash(req_param(r, 0), hash);
	rc = store_calendar_feed_by_hash(req_store(r), &r->arena, hash, &f);
	if (rc == 0 && f.revoked_us == 0)
		r->actor = session_actor_for(r, f.user_id, f.org_id);
	if (rc != 0 && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (rc != 0 || f.revoked_us != 0 || r->actor == NULL) {
		r->actor = NULL;
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	/* In the owner's language: a calendar app sends no cookie. */
	if (r->actor->user.lang != NULL &&
	    lang_parse(r->actor->user.lang, strlen(r->actor->user.lang), &l)) {
		r->lang = l;
		i18n_use(l);
	}
	rc = r->actor->user.kind == USER_PERSON ? own_events(r, f.full, &ev, &n) :
	    their_events(r, f.full, &ev, &n);
	if (rc == 0)
		rc = job_events(r, f.full, &ev, &n);
	if (rc != 0 || (text = ical_calendar(&r->arena, _("rosc appointments"), ev, n)) ==
	    NULL) {
		r->actor = NULL;        /* the error page names nobody */
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (clock_now_us() - f.last_used_us < INT64_C(60) * 60 * 1000000) {
		send_feed(r, text);
		return;
	}
	t = arena_alloc(&r->arena, sizeof(*t));
	t->id = f.id;
	t->text = text;
	t->now = clock_now_us();
	req_defer_write(r, write_touch, t, after_touch);
}
