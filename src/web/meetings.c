/* The self-help meeting finder (AA, NA and other mutual-help meetings,
 * from Meeting Guide feeds: core/meeting.h), and the meetings a person
 * keeps in their plan.
 *   GET  /meetings                     anyone (no sign-in: the listings are
 *                                      public, like the service directory):
 *                                      a GET form (words for the place or
 *                                      name, day, part of the day, type,
 *                                      language, online only) and the
 *                                      meetings found, soonest first, in
 *                                      the viewer's time zone; 20 a page,
 *                                      "More" continues (keyset)
 *   GET  /meetings/{id}                anyone: one meeting, when in your
 *                                      zone and in its own, where (a map
 *                                      link, no map), the video link, the
 *                                      types; "Save to my plan" for a
 *                                      person signed in
 *   GET  /persons/{id}/plan/meetings   "My meetings": whoever may read the
 *                                      plan (the door: the person, duty,
 *                                      consent to "plan"; logged as a read
 *                                      of the plan for anyone else)
 *   POST /persons/{id}/plan/meetings   the person alone: meeting=ID saved
 *   POST /persons/{id}/plan/meetings/{meeting}/remove   the person alone
 * Someone else's id answers as a missing one (404). Meetings are listings,
 * not about persons: reading them logs nothing. */
#include "web/meetings.h"

#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/meeting.h"
#include "core/person.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/meetings.h"
#include "store/persons.h"
#include "view/meeting.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/phone.h"

/* The languages and types the form offers (any code works in the URL). */
static const char *const form_langs[] = {"da", "nl", "en", "de", "fr", "es", "pl", "ar",
	"tr"};
#define NFORM_LANGS (sizeof(form_langs) / sizeof(form_langs[0]))
static const char *const form_types[] = {"O", "C", "BE", "D", "SP", "ST", "B", "MED", "W",
	"M", "Y", "LGBTQ", "X"};
#define NFORM_TYPES (sizeof(form_types) / sizeof(form_types[0]))

/* Who is looking, and in which zone: a person in their own (and their
 * id, for saving), staff in their organisation's, anyone else by the
 * page's language. */
struct viewer {
	const char *tz;
	const char *person_id;        /* a person signed in, else NULL */
	const struct grant *g;        /* their own grant */
};

static void
viewer(struct req *r, struct viewer *v)
{
	struct person *p;
	int rc;

	memset(v, 0, sizeof(*v));
	if (r->actor != NULL && r->actor->org_time_zone != NULL) {
		v->tz = r->actor->org_time_zone;
	} else if (r->actor != NULL) {
		p = arena_alloc(&r->arena, sizeof(*p));
		v->g = door_self(r, p, &rc);
		if (v->g != NULL) {
			v->person_id = p->id;
			v->tz = p->time_zone;
		}
	}
	if (v->tz == NULL || !timefmt_zone_valid(v->tz))
		v->tz = r->lang == LANG_NL ? "Europe/Amsterdam" : "Europe/Copenhagen";
}

/* "19:00" of the instant us in tz. */
static const char *
hm_at(struct req *r, int64_t us, const char *tz)
{
	char ymd[11], hm[6];

	if (!timefmt_local_fields(us, tz, ymd, hm))
		return "";
	return arena_strdup(&r->arena, hm);
}

/* When the occurrence is, in the viewer's zone; and in the meeting's own
 * when its clocks say another time. */
static void
when_html(struct req *r, struct buf *b, const struct meeting *m, const struct meeting_when *w,
    const char *tz)
{
	char dt[21];

	clock_format_datetime(w->start, dt);
	html(b, "<time datetime=\"%s\">%s</time>", dt,
	    timefmt_instant(&r->arena, w->start, tz, r->lang, TIMEFMT_DATETIME));
	if (strcmp(hm_at(r, w->start, tz), hm_at(r, w->start, m->time_zone)) != 0)
		html(b, " <span class=\"hint\">%s</span>", arena_printf(&r->arena,
		    _("(%s in %s)"), hm_at(r, w->start, m->time_zone),
		    timefmt_zone_city(&r->arena, m->time_zone, r->lang)));
}

/* "Tuesdays, Thursdays at 19:00 (Copenhagen time)". */
static const char *
weekly_text(struct req *r, const struct meeting *m)
{
	if (m->days == 0 || m->start_time == NULL)
		return _("No weekly time: ask the group.");
	return arena_printf(&r->arena, _("%s at %s (%s time)"),
	    meeting_days_text(&r->arena, m->days), m->start_time,
	    timefmt_zone_city(&r->arena, m->time_zone, r->lang));
}

/* Where, in one line: "Online", or the place and address. */
static const char *
where_text(struct req *r, const struct meeting *m)
{
	const char *parts[3] = {m->location, m->formatted_address ? m->formatted_address :
		m->address, m->formatted_address ? NULL : m->city};
	struct buf b;
	size_t i;

	buf_init(&b, &r->arena);
	for (i = 0; i < 3; i++) {
		if (parts[i] == NULL || *parts[i] == '\0')
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, parts[i]);
	}
	if (b.len == 0)
		return m->online ? _("Online") : _("No address given");
	if (m->online)
		return arena_printf(&r->arena, _("%s, and online"), b.data);
	return b.data;
}

static const char *
types_text(struct req *r, const struct meeting *m)
{
	struct buf b;
	const char *p = m->types, *e;

	buf_init(&b, &r->arena);
	while (p != NULL && *p) {
		p += strspn(p, " ");
		e = p + strcspn(p, " ");
		if (e == p)
			break;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, meeting_type_label(arena_strndup(&r->arena, p, (size_t)(e - p))));
		p = e;
	}
	return b.data != NULL ? b.data : "";
}

static void
card(struct req *r, struct buf *b, const struct meeting_hit *h, const char *tz)
{
	html(b, "<li class=\"card\"><h3><a class=\"card-link\" href=\"/meetings/%s\">%s</a></h3>"
	    "<p>", h->m.id, h->m.name);
	when_html(r, b, &h->m, &h->w, tz);
	html(b, "</p><p>%s</p>", where_text(r, &h->m));
	if (*types_text(r, &h->m))
		html(b, "<p class=\"hint\">%s</p>", types_text(r, &h->m));
	html_raw(b, "</li>");
}

static void
checkbox(struct buf *b, const char *name, const char *label, bool checked)
{
	html(b, "<div class=\"check\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" "
	    "value=\"1\"%s><label for=\"f-%s\">%s</label></div>", name, name,
	    checked ? " checked" : "", name, label);
}

static void
search_form(struct req *r, struct buf *b, const struct meeting_params *f,
    const struct meeting_query *q)
{
	const char *day_values[9], *day_labels[9];
	const char *part_values[5] = {"", "morning", "afternoon", "evening", "tonight"};
	const char *part_labels[5];
	const char *type_values[NFORM_TYPES + 1], *type_labels[NFORM_TYPES + 1];
	const char *lang_values[NFORM_LANGS + 1], *lang_labels[NFORM_LANGS + 1];
	static const char *const digits[7] = {"0", "1", "2", "3", "4", "5", "6"};
	size_t i;

	day_values[0] = "";
	day_labels[0] = _("Any day");
	day_values[1] = "today";
	day_labels[1] = _("Today");
	/* Monday first. */
	for (i = 0; i < 7; i++) {
		day_values[i + 2] = digits[(i + 1) % 7];
		day_labels[i + 2] = meeting_day_name((int)((i + 1) % 7));
	}
	part_labels[0] = _("Any time");
	part_labels[1] = _("Morning (5 to 12)");
	part_labels[2] = _("Afternoon (12 to 17)");
	part_labels[3] = _("Evening (from 17)");
	part_labels[4] = _("Tonight");
	type_values[0] = "";
	type_labels[0] = _("Any kind");
	for (i = 0; i < NFORM_TYPES; i++) {
		type_values[i + 1] = form_types[i];
		type_labels[i + 1] = meeting_type_label(form_types[i]);
	}
	lang_values[0] = "";
	lang_labels[0] = _("Any language");
	for (i = 0; i < NFORM_LANGS; i++) {
		lang_values[i + 1] = form_langs[i];
		lang_labels[i + 1] = meeting_type_label(meeting_lang_type(form_langs[i]));
	}
	html(b, "<form method=\"get\" action=\"/meetings\" class=\"search\" role=\"search\" "
	    "aria-label=\"%s\">", _("Find a meeting"));
	form_input(b, "q", _("Where, or the meeting's name"), "search", f->q, "off",
	    _("A town, an area or a street: Aarhus, Nørrebro, Utrecht."), NULL);
	form_select(b, "day", _("Day"), day_values, day_labels, 9, f->day ? f->day : "", NULL);
	form_select(b, "part", _("Time of day"), part_values, part_labels, 5,
	    f->part ? f->part : "", NULL);
	form_select(b, "type", _("Kind of meeting"), type_values, type_labels, NFORM_TYPES + 1,
	    f->type ? f->type : "", NULL);
	form_select(b, "language", _("Language"), lang_values, lang_labels, NFORM_LANGS + 1,
	    f->language ? f->language : "", NULL);
	checkbox(b, "online", _("Only online meetings"), q->online);
	html(b, "<button type=\"submit\" class=\"button\">%s</button></form>", _("Search"));
}

static const char *
more_link(struct req *r, const struct meeting_params *f, const struct meeting_hit *last)
{
	const char *names[] = {"q", "day", "part", "from", "to", "type", "language", "online"};
	const char *values[] = {f->q, f->day, f->part, f->from, f->to, f->type, f->language,
		f->online};
	struct buf b;
	size_t i;

	buf_init(&b, &r->arena);
	buf_puts(&b, "/meetings?");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (values[i] == NULL || *values[i] == '\0')
			continue;
		buf_puts(&b, names[i]);
		buf_puts(&b, "=");
		url_encode(&b, values[i]);
		buf_puts(&b, "&");
	}
	buf_puts(&b, "after=");
	buf_puts(&b, meeting_cursor(&r->arena, last->w.start, last->m.id));
	return b.data;
}

void
web_meetings(struct req *r)
{
	struct meeting_params f = {
		req_query(r, "q"), req_query(r, "day"), req_query(r, "from"),
		req_query(r, "to"), req_query(r, "part"), req_query(r, "type"),
		req_query(r, "language"), req_query(r, "online"), NULL, NULL,
		req_query(r, "after"),
	};
	struct meeting_query q;
	struct meeting_hit *hits;
	struct viewer v;
	size_t n, i;
	bool more, searched;
	int64_t now = clock_now_us();
	struct buf b;

	viewer(r, &v);
	if (meeting_query_parse(&r->arena, &f, now, v.tz, &q) != NULL) {
		error_respond(r, 400, PROBLEM_INVALID_FORMAT);
		return;
	}
	if (view_meetings_find(req_store(r), &r->arena, &q, now, v.tz, &hits, &n, &more) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	searched = q.q != NULL || q.day >= 0 || q.from_min > 0 || q.to_min < 24 * 60 ||
	    q.tonight || q.type != NULL || q.lang != NULL || q.online;
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Find a meeting"));
	if (v.person_id != NULL)
		html(&b, "<nav><a href=\"/persons/%s/plan/meetings\">%s</a></nav>", v.person_id,
		    _("My meetings"));
	html(&b, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Find a meeting"),
	    _("Self-help meetings such as AA and NA, near you or online. Nobody asks your "
	      "name, and rosc keeps no list of who goes."));
	search_form(r, &b, &f, &q);
	html(&b, "<section aria-labelledby=\"s-found\"><h2 id=\"s-found\">%s</h2>",
	    searched ? _("Meetings that match") : _("Coming meetings"));
	html(&b, "<p class=\"hint\">%s</p>", arena_printf(&r->arena,
	    _("Times are shown in your time zone (%s)."),
	    timefmt_zone_city(&r->arena, v.tz, r->lang)));
	if (n == 0) {
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", q.after_id ?
		    _("There are no more meetings.") :
		    _("No meeting matches all of that. Try another day, or leave out a filter."));
	} else {
		html_raw(&b, "<ul class=\"cards meetings\">");
		for (i = 0; i < n; i++)
			card(r, &b, &hits[i], v.tz);
		html_raw(&b, "</ul>");
	}
	if (more)
		html(&b, "<p><a class=\"button\" rel=\"next\" href=\"%s\">%s</a></p>",
		    more_link(r, &f, &hits[n - 1]), _("More meetings"));
	html_raw(&b, "</section>");
	layout_end(r, &b, 200);
}

/* One meeting */

static void
map_link(struct req *r, struct buf *b, const struct meeting *m)
{
	struct buf u;
	const char *addr = m->formatted_address;

	buf_init(&u, &r->arena);
	if (m->has_geo) {
		buf_printf(&u, "https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f#map=17/%.5f/%.5f",
		    m->latitude, m->longitude, m->latitude, m->longitude);
	} else {
		if (addr == NULL && m->address != NULL)
			addr = arena_printf(&r->arena, "%s, %s", m->address, m->city ? m->city : "");
		if (addr == NULL)
			return;
		buf_puts(&u, "https://www.openstreetmap.org/search?query=");
		url_encode(&u, addr);
	}
	html(b, "<p><a href=\"%s\" rel=\"noopener\">%s</a></p>", u.data,
	    _("Show the place on a map (OpenStreetMap)"));
}

static void
save_button(struct req *r, struct buf *b, const struct viewer *v, const struct meeting *m)
{
	int fav;

	if (v->person_id == NULL) {
		if (r->actor == NULL)
			html(b, "<p><a href=\"/signin?next=/meetings/%s\">%s</a></p>", m->id,
			    _("Sign in to save this meeting to your plan"));
		return;
	}
	fav = store_meeting_is_favourite(req_store(r), v->g, m->id);
	if (fav == 1) {
		html(b, "<p class=\"notice\">%s</p>", _("This meeting is in your plan."));
		html(b, "<form method=\"post\" action=\"/persons/%s/plan/meetings/%s/remove\" "
		    "class=\"inline\">", v->person_id, m->id);
		form_csrf(r, b);
		html(b, "<input type=\"hidden\" name=\"from\" value=\"meeting\">"
		    "<button type=\"submit\" class=\"button secondary\">%s</button></form>",
		    _("Remove from my plan"));
		return;
	}
	html(b, "<form method=\"post\" action=\"/persons/%s/plan/meetings\" class=\"inline\">",
	    v->person_id);
	form_csrf(r, b);
	html(b, "<input type=\"hidden\" name=\"meeting\" value=\"%s\">"
	    "<button type=\"submit\" class=\"button\">%s</button></form>", m->id,
	    _("Save to my plan"));
}

void
web_meeting(struct req *r)
{
	const char *id = req_param(r, 0), *saved = req_query(r, "saved");
	const char *removed = req_query(r, "removed");
	struct meeting m;
	struct meeting_when w;
	struct viewer v;
	int64_t now = clock_now_us();
	struct buf b;
	int rc;

	if ((rc = store_meeting_get(req_store(r), &r->arena, id, &m)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	viewer(r, &v);
	view_meeting_next(&m, now, &w);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, m.name);
	html(&b, "<nav><a href=\"/meetings\">%s</a></nav>", _("All meetings"));
	html(&b, "<h1>%s</h1>", m.name);
	if (saved != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>",
		    _("Saved to your plan, under My meetings."));
	else if (removed != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>",
		    _("Removed from your plan."));

	html(&b, "<section aria-labelledby=\"s-when\"><h2 id=\"s-when\">%s</h2>", _("When"));
	if (w.start != 0) {
		html(&b, "<p>%s ", _("Next time, in your time zone:"));
		when_html(r, &b, &m, &w, v.tz);
		html(&b, "</p><p>%s</p>", arena_printf(&r->arena, _("It lasts until %s."),
		    hm_at(r, w.end, v.tz)));
	}
	html(&b, "<p>%s</p></section>", weekly_text(r, &m));

	html(&b, "<section aria-labelledby=\"s-where\"><h2 id=\"s-where\">%s</h2>", _("Where"));
	html(&b, "<p>%s</p>", where_text(r, &m));
	if (m.region != NULL)
		html(&b, "<p class=\"hint\">%s</p>", m.region);
	if (m.location_notes != NULL)
		layout_own_words(r, &b, m.location_notes, NULL);
	map_link(r, &b, &m);
	if (m.conference_url != NULL) {
		html(&b, "<p><a class=\"button\" href=\"%s\" rel=\"noopener\">%s</a></p>",
		    m.conference_url, _("Join by video"));
		if (m.conference_url_notes != NULL)
			html(&b, "<p class=\"hint\">%s</p>", m.conference_url_notes);
	}
	if (m.conference_phone != NULL) {
		html(&b, "<p>%s ", _("Join by phone:"));
		phone_html(&b, &r->arena, m.conference_phone);
		html_raw(&b, "</p>");
		if (m.conference_phone_notes != NULL)
			html(&b, "<p class=\"hint\">%s</p>", m.conference_phone_notes);
	}
	html_raw(&b, "</section>");

	if (*types_text(r, &m))
		html(&b, "<section aria-labelledby=\"s-kind\"><h2 id=\"s-kind\">%s</h2>"
		    "<p>%s</p></section>", _("What kind of meeting"), types_text(r, &m));
	if (m.notes != NULL) {
		html(&b, "<section aria-labelledby=\"s-notes\"><h2 id=\"s-notes\">%s</h2>",
		    _("About this meeting"));
		layout_own_words(r, &b, m.notes, NULL);
		html_raw(&b, "</section>");
	}
	save_button(r, &b, &v, &m);
	if (m.updated != NULL)
		html(&b, "<p class=\"hint\">%s</p>", arena_printf(&r->arena,
		    _("Listed by the group's service office; last changed %s (UTC)."),
		    m.updated));
	layout_end(r, &b, 200);
}

/* My meetings */

static const char *
shown_name(const struct person *p)
{
	return p->preferred_name != NULL && *p->preferred_name ? p->preferred_name :
	    p->display_name;
}

void
web_meeting_favourites(struct req *r)
{
	const char *id = req_param(r, 0), *removed = req_query(r, "removed");
	struct decision d;
	const struct grant *g = door_open(r, id, PA_READ, CAT_PLAN, 0, &d);
	struct meeting *ms;
	struct meeting_when w;
	struct person p;
	int64_t *saved, now = clock_now_us();
	size_t n, i;
	bool self;
	const char *tz, *title;
	struct buf b;
	int rc;

	if (g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if ((rc = store_person_get(req_store(r), &r->arena, g, &p)) != 0 ||
	    (rc = store_meeting_favourites(req_store(r), &r->arena, g, &ms, &saved, &n)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	self = grant_is_self(g);
	tz = self || r->actor->org_time_zone == NULL ? p.time_zone : r->actor->org_time_zone;
	buf_init(&b, &r->arena);
	title = self ? _("My meetings") :
	    arena_printf(&r->arena, _("Meetings of %s"), shown_name(&p));
	layout_begin(r, &b, title);
	html(&b, "<nav><a href=\"/persons/%s/plan\">%s</a></nav>", id,
	    self ? _("Back to my plan") : arena_printf(&r->arena, _("Back to the plan of %s"),
	    shown_name(&p)));
	html(&b, "<h1>%s</h1><p class=\"lead\">%s</p>", title, self ?
	    _("The self-help meetings you keep in your plan.") :
	    _("The self-help meetings they keep in their plan."));
	if (removed != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>",
		    _("Removed from your plan."));
	if (n == 0)
		html(&b, "<p>%s</p>", self ? _("You have not saved any meetings yet.") :
		    _("No meetings are saved yet."));
	else
		html_raw(&b, "<ul class=\"cards meetings\">");
	for (i = 0; i < n; i++) {
		view_meeting_next(&ms[i], now, &w);
		html(&b, "<li class=\"card\"><h2><a class=\"card-link\" href=\"/meetings/%s\">%s"
		    "</a></h2>", ms[i].id, ms[i].name);
		if (w.start != 0) {
			html_raw(&b, "<p>");
			when_html(r, &b, &ms[i], &w, tz);
			html_raw(&b, "</p>");
		}
		html(&b, "<p>%s</p>", where_text(r, &ms[i]));
		if (self) {
			html(&b, "<form method=\"post\" action=\"/persons/%s/plan/meetings/%s/remove\" "
			    "class=\"inline\">", id, ms[i].id);
			form_csrf(r, &b);
			html(&b, "<button type=\"submit\" class=\"button secondary\">%s</button>"
			    "</form>", arena_printf(&r->arena, _("Remove %s"), ms[i].name));
		}
		html_raw(&b, "</li>");
	}
	if (n > 0)
		html_raw(&b, "</ul>");
	if (self)
		html(&b, "<p><a class=\"button\" href=\"/meetings\">%s</a></p>",
		    _("Find a meeting"));
	layout_end(r, &b, 200);
}

struct fav_write {
	const struct grant *g;
	const char *person_id, *meeting_id;
	bool add, from_meeting;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_fav(struct store_tx *tx, void *arg)
{
	struct fav_write *c = arg;
	int rc = c->add ? store_tx_meeting_favourite_add(tx, c->g, c->meeting_id, c->now) :
	    store_tx_meeting_favourite_remove(tx, c->g, c->meeting_id);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_fav(struct req *r, int rc)
{
	struct fav_write *c = r->write_arg;

	if (rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (c->add || c->from_meeting)
		resp_redirect(r, 303, arena_printf(&r->arena, "/meetings/%s?%s=1", c->meeting_id,
		    c->add ? "saved" : "removed"));
	else
		resp_redirect(r, 303, arena_printf(&r->arena,
		    "/persons/%s/plan/meetings?removed=1", c->person_id));
}

/* Saving or removing: the person alone; anyone else, and an unknown
 * meeting, is answered as missing. */
static void
change(struct req *r, bool add)
{
	const char *id = req_param(r, 0);
	const char *mid = add ? req_form(r, "meeting") : req_param(r, 1);
	const char *from = req_form(r, "from");
	struct decision d;
	const struct grant *g = door_open(r, id, PA_EDIT_PLAN, CAT_PLAN, 0, &d);
	struct fav_write *c;
	struct meeting m;
	int rc;

	if (g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if (!grant_is_self(g) || mid == NULL || !id_valid(mid, strlen(mid))) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if ((rc = store_meeting_get(req_store(r), &r->arena, mid, &m)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	c->g = g;
	c->person_id = id;
	c->meeting_id = m.id;
	c->add = add;
	c->from_meeting = from != NULL && strcmp(from, "meeting") == 0;
	c->now = clock_now_us();
	c->audit = req_audit(r, add ? "plan.meeting.save" : "plan.meeting.remove",
	    arena_printf(&r->arena, "person:%s", id), arena_printf(&r->arena, "meeting:%s",
	    m.id));
	req_defer_write(r, write_fav, c, after_fav);
}

void
web_meeting_favourite_add(struct req *r)
{
	change(r, true);
}

void
web_meeting_favourite_remove(struct req *r)
{
	change(r, false);
}
