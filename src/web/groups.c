/* Peer groups run by an organisation.
 *   GET  /groups                      anyone signed in: the groups open to
 *                                     join (language, online, day); a
 *                                     person also their own groups; staff
 *                                     also their organisation's groups
 *   GET  /groups/new                  staff who may run groups
 *                                     (policy_may_run_groups())
 *   POST /groups/new                  the same: name, description,
 *                                     language, language2, weekday,
 *                                     at_time, minutes, starts_on,
 *                                     ends_on, place, video_url,
 *                                     facilitator, is_open
 *   GET  /groups/{id}                 an open group: anyone signed in; a
 *                                     closed one: its members and its
 *                                     organisation's staff (anyone else:
 *                                     404). The facilitator also sees the
 *                                     members, marks who came and writes
 *                                     the session notes
 *   GET  /groups/{id}/edit            staff who may run the group's groups
 *   POST /groups/{id}/edit            the same, fields as /groups/new
 *   POST /groups/{id}/join            the person themself, nobody else
 *   POST /groups/{id}/leave           the person themself
 *   POST /groups/{id}/attendance      the facilitator: session, came=ID...
 *   POST /groups/{id}/notes           the facilitator: session, body
 *   GET  /persons/{id}/groups         the person, and those they share
 *                                     their appointments with (the door)
 * Membership and attendance are the person's data, in the consent
 * category "appointments" (like an appointment, they say where the person
 * is and when). By joining, the person lets the group's facilitator see
 * their name and mark their attendance (the join form says so); each
 * such read lands in their access log as "group". */
#include "web/groups.h"

#include <stdlib.h>
#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/account.h"
#include "core/peer_group.h"
#include "core/person.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "policy/policy.h"
#include "store/accounts.h"
#include "store/peer_groups.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/me.h"

#define SESSIONS_SHOWN 8

static struct group_schedule
schedule_of(const struct peer_group *g)
{
	return (struct group_schedule){g->weekday, g->minutes, g->at_time, g->time_zone,
	    g->starts_on, g->ends_on};
}

static bool
is_person(struct req *r)
{
	return r->actor != NULL && r->actor->user.kind == USER_PERSON;
}

/* The group's language(s) in words: "Arabic and Danish". */
static const char *
languages(struct req *r, const char *codes)
{
	char first[8] = "", second[8] = "";
	const char *sp = strchr(codes, ' '), *a, *b;

	if (sp == NULL || (size_t)(sp - codes) >= sizeof(first))
		return (a = group_language_name(codes)) != NULL ? a : codes;
	memcpy(first, codes, (size_t)(sp - codes));
	strncpy(second, sp + 1, sizeof(second) - 1);
	a = group_language_name(first);
	b = group_language_name(second);
	return arena_printf(&r->arena, _("%s and %s"), a != NULL ? a : first,
	    b != NULL ? b : second);
}

/* "Tuesdays at 18:00 (Copenhagen time), 90 minutes". */
static const char *
when_text(struct req *r, const struct peer_group *g)
{
	return arena_printf(&r->arena, _("Every %s at %s (%s time), %d minutes"),
	    group_weekday_name(g->weekday), g->at_time,
	    timefmt_zone_city(&r->arena, g->time_zone, r->lang), g->minutes);
}

static const char *
next_text(struct req *r, const struct peer_group *g)
{
	struct group_schedule s = schedule_of(g);
	char ymd[11];
	int64_t start;

	if (group_next_session(&s, clock_now_us(), ymd, &start) != 0)
		return _("No sessions planned.");
	return arena_printf(&r->arena, _("Next: %s"), timefmt_instant(&r->arena, start,
	    g->time_zone, r->lang, TIMEFMT_DATETIME));
}

static void
group_card(struct req *r, struct buf *b, const struct peer_group *g)
{
	html(b, "<li class=\"card group\"><h3><a href=\"/groups/%s\">%s</a></h3>"
	    "<p>%s</p><p>%s</p><p>%s · %s</p><p>%s</p>", g->id, g->name, g->org_name,
	    when_text(r, g), languages(r, g->language), g->video_url != NULL ?
	    (g->place != NULL ? _("In person and online") : _("Online (video)")) :
	    _("In person"), next_text(r, g));
	if (!g->is_open)
		html(b, "<p>%s</p>", _("Closed to new members."));
	html_raw(b, "</li>");
}

/* The search form's choices, and the filter they make. */
static void
read_filter(struct req *r, struct group_filter *f, const char **lang, const char **online,
    const char **day)
{
	*lang = req_query(r, "language");
	*online = req_query(r, "online");
	*day = req_query(r, "day");
	f->language = *lang != NULL && group_language_name(*lang) != NULL ? *lang : NULL;
	f->online = *online != NULL && strcmp(*online, "1") == 0 ? 1 :
	    *online != NULL && strcmp(*online, "0") == 0 ? 0 : -1;
	f->weekday = *day != NULL && strlen(*day) == 1 && **day >= '0' && **day <= '6' ?
	    **day - '0' : -1;
}

static void
search_form(struct req *r, struct buf *b, const char *lang, const char *online,
    const char *day)
{
	const char *lv[16], *ll[16], *ov[3] = {"", "1", "0"}, *ol[3];
	const char *dv[8] = {"", "0", "1", "2", "3", "4", "5", "6"}, *dl[8];
	size_t i;

	lv[0] = "";
	ll[0] = _("Any language");
	for (i = 0; i < group_nlanguages && i < 15; i++) {
		lv[i + 1] = group_languages[i];
		ll[i + 1] = group_language_name(group_languages[i]);
	}
	ol[0] = _("Online or in person");
	ol[1] = _("Online (video)");
	ol[2] = _("In person");
	dl[0] = _("Any day");
	for (i = 0; i < 7; i++)
		dl[i + 1] = group_weekday_name((int)i);
	html(b, "<form method=\"get\" action=\"/groups\" class=\"search\" role=\"search\" "
	    "aria-label=\"%s\">", _("Find a peer group"));
	form_select(b, "language", _("Language"), lv, ll, i < 15 ? group_nlanguages + 1 : 16,
	    lang != NULL ? lang : "", NULL);
	form_select(b, "online", _("Where"), ov, ol, 3, online != NULL ? online : "", NULL);
	form_select(b, "day", _("Day"), dv, dl, 8, day != NULL ? day : "", NULL);
	html(b, "<button type=\"submit\">%s</button></form>", _("Find groups"));
}

void
web_groups(struct req *r)
{
	const char *today = today_utc(r), *lang, *online, *day;
	struct peer_group *open = NULL, *ours = NULL;
	struct group_membership *mine = NULL;
	size_t nopen = 0, nours = 0, nmine = 0, i;
	struct group_filter f;
	struct buf b;
	int rc = 0;

	read_filter(r, &f, &lang, &online, &day);
	if (is_person(r)) {
		struct person p;
		const struct grant *g = web_me_self(r, &p);

		if (g == NULL)
			return;
		rc = store_person_groups(req_store(r), &r->arena, g, &mine, &nmine);
	}
	if (rc == 0 && r->actor->org_id != NULL)
		rc = store_groups_of_org(req_store(r), &r->arena, r->actor->org_id, &ours, &nours);
	if (rc == 0)
		rc = store_groups_open(req_store(r), &r->arena, &f, today, &open, &nopen);
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Peer groups"));
	html(&b, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Peer groups"),
	    _("People with their own experience of recovery meet every week to support each "
	      "other. You choose whether to join; nobody can add you."));
	if (is_person(r)) {
		html(&b, "<section aria-labelledby=\"s-mine\"><h2 id=\"s-mine\">%s</h2>",
		    _("My groups"));
		if (nmine == 0)
			html(&b, "<p>%s</p>", _("You are not in a group yet."));
		else
			html_raw(&b, "<ul class=\"cards\">");
		for (i = 0; i < nmine; i++)
			group_card(r, &b, &mine[i].group);
		if (nmine > 0)
			html_raw(&b, "</ul>");
		html_raw(&b, "</section>");
	}
	if (r->actor->org_id != NULL) {
		html(&b, "<section aria-labelledby=\"s-ours\"><h2 id=\"s-ours\">%s</h2>",
		    arena_printf(&r->arena, _("Groups run by %s"), r->actor->org_name));
		if (policy_may_run_groups(r->actor, r->actor->org_id))
			html(&b, "<p><a class=\"button\" href=\"/groups/new\">%s</a></p>",
			    _("New group"));
		if (nours == 0)
			html(&b, "<p>%s</p>", _("Your organisation runs no groups yet."));
		else
			html_raw(&b, "<ul class=\"cards\">");
		for (i = 0; i < nours; i++)
			group_card(r, &b, &ours[i]);
		if (nours > 0)
			html_raw(&b, "</ul>");
		html_raw(&b, "</section>");
	}
	html(&b, "<section aria-labelledby=\"s-open\"><h2 id=\"s-open\">%s</h2>",
	    _("Groups open to join"));
	search_form(r, &b, lang, online, day);
	if (nopen == 0)
		html(&b, "<p role=\"status\">%s</p>", _("No open group fits. Try fewer choices."));
	else
		html_raw(&b, "<ul class=\"cards\">");
	for (i = 0; i < nopen; i++)
		group_card(r, &b, &open[i]);
	if (nopen > 0)
		html_raw(&b, "</ul>");
	html_raw(&b, "</section>");
	layout_end(r, &b, 200);
}

/* The group of the path, if the actor may see it (an open group: anyone
 * signed in; a closed one: its organisation's staff and its members).
 * Else answers 404 (or 503) and returns false. *self: the person's own
 * grant when the actor is a person; *member whether they are one. */
static bool
load(struct req *r, struct peer_group *g, const struct grant **self, bool *member)
{
	const char *id = req_param(r, 0);
	struct group_membership m;
	struct person p;
	int rc;

	*self = NULL;
	*member = false;
	rc = store_group_get(req_store(r), &r->arena, id, g);
	if (rc == 0 && is_person(r)) {
		if ((*self = door_self(r, &p, &rc)) != NULL) {
			rc = store_group_membership(req_store(r), &r->arena, *self, id, &m);
			*member = rc == 0;
			if (rc == ERR_NOT_FOUND)
				rc = 0;
		}
	}
	if (rc == 0 && !g->is_open && !*member &&
	    (r->actor->org_id == NULL || strcmp(r->actor->org_id, g->org_id) != 0))
		rc = ERR_NOT_FOUND;
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	return true;
}

/* The session chosen (?session= one of the past ones), or the latest. */
static const char *
chosen_session(struct req *r, char (*past)[11], size_t npast)
{
	const char *want = req_query(r, "session");
	size_t i;

	for (i = 0; want != NULL && i < npast; i++)
		if (strcmp(want, past[i]) == 0)
			return past[i];
	return npast > 0 ? past[0] : NULL;
}

static void
facilitator_part(struct req *r, struct buf *b, const struct peer_group *g,
    const struct group_note *notes, size_t nnotes, const char *note_error,
    const char *note_value)
{
	struct group_schedule s = schedule_of(g);
	char past[SESSIONS_SHOWN][11];
	size_t npast = group_past_sessions(&s, clock_now_us(), past, SESSIONS_SHOWN), n, i, j;
	const struct grant *const *gs;
	const char *session = chosen_session(r, past, npast), *body = note_value;
	int rc;

	gs = door_group_members(r, g->id, g->org_id, g->facilitator_id, false, &n, &rc);
	html(b, "<section aria-labelledby=\"s-members\"><h2 id=\"s-members\">%s</h2><p>%s</p>",
	    _("Members"), _("Only you, as the facilitator, see who the members are. Each "
	    "member chose to join; they see in their own log that you looked."));
	if (gs == NULL) {
		html(b, "<p>%s</p></section>", _("The members cannot be shown just now."));
		return;
	}
	if (n == 0)
		html(b, "<p>%s</p>", _("Nobody has joined yet."));
	if (npast == 0) {
		html(b, "<p>%s</p></section>", _("The group has not met yet."));
		return;
	}
	html(b, "<form method=\"get\" action=\"/groups/%s\" class=\"search\">", g->id);
	{
		const char *v[SESSIONS_SHOWN], *l[SESSIONS_SHOWN];

		for (i = 0; i < npast; i++) {
			v[i] = past[i];
			l[i] = timefmt_date(&r->arena, past[i], r->lang);
		}
		form_select(b, "session", _("Session"), v, l, npast, session, NULL);
	}
	html(b, "<button type=\"submit\">%s</button></form>", _("Show"));
	html(b, "<h3>%s</h3>", arena_printf(&r->arena, _("Who came on %s"),
	    timefmt_date(&r->arena, session, r->lang)));
	if (n > 0) {
		form_begin(r, b, arena_printf(&r->arena, "/groups/%s/attendance", g->id), NULL);
		html(b, "<input type=\"hidden\" name=\"session\" value=\"%s\"><fieldset><legend>%s"
		    "</legend>", session, _("Tick each member who came"));
		for (i = 0; i < n; i++) {
			struct group_membership m;
			struct group_attendance *at;
			size_t nat;
			bool came = false;

			if (store_group_membership(req_store(r), &r->arena, gs[i], g->id, &m) != 0 ||
			    store_group_attendance(req_store(r), &r->arena, gs[i], g->id, &at,
			    &nat) != 0)
				continue;
			for (j = 0; j < nat; j++)
				came = came || strcmp(at[j].session_on, session) == 0;
			html(b, "<div class=\"check\"><input type=\"checkbox\" name=\"came-%s\" "
			    "id=\"came-%zu\" value=\"1\"%s><label for=\"came-%zu\">%s</label></div>",
			    m.person_id, i, came ? " checked" : "", i, m.person_name);
		}
		html_raw(b, "</fieldset>");
		form_end(b, _("Save who came"));
	}
	html_raw(b, "</section>");
	html(b, "<section aria-labelledby=\"s-notes\"><h2 id=\"s-notes\">%s</h2>",
	    _("Session notes"));
	for (i = 0; body == NULL && i < nnotes; i++)
		if (strcmp(notes[i].session_on, session) == 0)
			body = notes[i].body;
	{
		struct form_errors e = {0};

		if (note_error != NULL)
			form_error(&e, "body", note_error);
		form_begin(r, b, arena_printf(&r->arena, "/groups/%s/notes", g->id), &e);
		html(b, "<input type=\"hidden\" name=\"session\" value=\"%s\">", session);
		form_textarea(b, "body", arena_printf(&r->arena, _("Note on the session of %s"),
		    timefmt_date(&r->arena, session, r->lang)), body,
		    _("About the session, not about people: no names and no personal details. "
		      "The note belongs to the group, not to any member."), &e);
		form_end(b, _("Save the note"));
	}
	if (nnotes > 0)
		html_raw(b, "<ul class=\"plain\">");
	for (i = 0; i < nnotes; i++) {
		html(b, "<li><h3>%s</h3>", timefmt_date(&r->arena, notes[i].session_on, r->lang));
		layout_own_words(r, b, notes[i].body, NULL);
		html_raw(b, "</li>");
	}
	if (nnotes > 0)
		html_raw(b, "</ul>");
	html_raw(b, "</section>");
}

static void
render_group(struct req *r, const struct peer_group *g, const struct grant *self,
    bool member, unsigned status, const char *note_error, const char *note_value)
{
	bool facilitator = policy_is_facilitator(r->actor, g->org_id, g->facilitator_id);
	struct group_note *notes = NULL;
	struct group_attendance *at = NULL;
	size_t nnotes = 0, nat = 0, i;
	const char *msg = req_query(r, "done");
	struct buf b;

	if ((facilitator && store_group_notes(req_store(r), &r->arena, g->id, &notes,
	    &nnotes) != 0) || (member && store_group_attendance(req_store(r), &r->arena, self,
	    g->id, &at, &nat) != 0)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, g->name);
	html(&b, "<nav><a href=\"/groups\">%s</a></nav><h1>%s</h1>", _("All peer groups"),
	    g->name);
	if (msg != NULL && status == 200)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>",
		    strcmp(msg, "joined") == 0 ? _("You have joined the group. Welcome.") :
		    strcmp(msg, "left") == 0 ? _("You have left the group.") : _("Saved."));
	layout_own_words(r, &b, g->description, NULL);
	html(&b, "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
	    _("Run by"), g->org_name, _("When"), when_text(r, g), _("Language"),
	    languages(r, g->language));
	html(&b, "<dt>%s</dt><dd>%s</dd>", _("Meets from"),
	    timefmt_date(&r->arena, g->starts_on, r->lang));
	if (g->ends_on != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Last session"),
		    timefmt_date(&r->arena, g->ends_on, r->lang));
	if (g->place != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Place"), g->place);
	if (g->video_url != NULL && (member || facilitator))
		html(&b, "<dt>%s</dt><dd><a href=\"%s\" rel=\"noopener\">%s</a></dd>", _("Online"),
		    g->video_url, _("Join the video session"));
	else if (g->video_url != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Online"),
		    _("By video. Members see the link here."));
	html(&b, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>", _("Facilitator"),
	    g->facilitator_name != NULL ? g->facilitator_name : "", _("New members"),
	    g->is_open ? _("Welcome") : _("The group is closed to new members."));
	html(&b, "<p>%s</p>", next_text(r, g));
	if (is_person(r) && self != NULL) {
		if (member) {
			html(&b, "<section aria-labelledby=\"s-me\"><h2 id=\"s-me\">%s</h2><p>%s</p>",
			    _("You are a member"),
			    arena_printf(&r->arena, _("%s, the facilitator, sees that you are a member "
			    "and marks when you came. You can leave at any time."),
			    g->facilitator_name != NULL ? g->facilitator_name : ""));
			if (nat > 0) {
				html(&b, "<h3>%s</h3><ul>", _("Sessions you came to"));
				for (i = 0; i < nat; i++)
					html(&b, "<li>%s</li>", timefmt_date(&r->arena, at[i].session_on,
					    r->lang));
				html_raw(&b, "</ul>");
			}
			form_button(r, &b, arena_printf(&r->arena, "/groups/%s/leave", g->id),
			    _("Leave the group"), NULL);
			html_raw(&b, "</section>");
		} else if (g->is_open) {
			html(&b, "<section aria-labelledby=\"s-join\"><h2 id=\"s-join\">%s</h2>"
			    "<p>%s</p>", _("Join this group"), arena_printf(&r->arena,
			    _("When you join, you agree that %s, the facilitator at %s, sees your "
			      "name as a member and marks when you came. Others see that you are in "
			      "the group only if you share your appointments with them. You can "
			      "leave at any time."),
			    g->facilitator_name != NULL ? g->facilitator_name : "", g->org_name));
			form_button(r, &b, arena_printf(&r->arena, "/groups/%s/join", g->id),
			    _("Join this group"), NULL);
			html_raw(&b, "</section>");
		}
	} else if (!facilitator && r->actor->user.kind == USER_STAFF) {
		html(&b, "<p>%s</p>", _("Only the person can join a group. You can tell them "
		    "about it and send them the link to this page."));
	}
	if (policy_may_run_groups(r->actor, g->org_id))
		html(&b, "<p><a class=\"button\" href=\"/groups/%s/edit\">%s</a></p>", g->id,
		    _("Change the group"));
	if (facilitator)
		facilitator_part(r, &b, g, notes, nnotes, note_error, note_value);
	layout_end(r, &b, status);
}

void
web_group(struct req *r)
{
	const struct grant *self;
	struct peer_group g;
	bool member;

	if (load(r, &g, &self, &member))
		render_group(r, &g, self, member, 200, NULL, NULL);
}

/* Join and leave */

struct membership_write {
	const struct grant *g;
	const char *group_id, *today;
	bool join;
	int64_t now;
};

static int
write_membership(struct store_tx *tx, void *arg)
{
	struct membership_write *w = arg;

	return w->join ? store_tx_group_join(tx, w->g, w->group_id, w->today, w->now) :
	    store_tx_group_leave(tx, w->g, w->group_id);
}

static void
after_membership(struct req *r, int rc)
{
	const char *id = req_param(r, 0);
	bool join = strstr(r->path, "/join") != NULL;

	if (rc == ERR_EXISTS || rc == ERR_NOT_FOUND || rc == 0)
		resp_redirect(r, 303, arena_printf(&r->arena, "/groups/%s?done=%s", id,
		    join ? "joined" : "left"));
	else if (rc == ERR_CONFLICT)
		error_respond(r, 409, PROBLEM_CONFLICT);
	else
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
}

static void
membership(struct req *r, bool join)
{
	struct membership_write *w = arena_alloc(&r->arena, sizeof(*w));
	struct peer_group g;
	struct person p;
	struct decision d;
	bool member;

	/* Only the person joins or leaves, for themself: staff may point
	 * them to a group, never add them. */
	if (!is_person(r)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	if (!load(r, &g, &w->g, &member))
		return;
	if (web_me_self(r, &p) == NULL)
		return;
	if ((w->g = door_open(r, p.id, PA_EDIT_PLAN, CAT_APPOINTMENTS, 0, &d)) == NULL) {
		door_refuse(r, &d, CAT_APPOINTMENTS);
		return;
	}
	w->group_id = g.id;
	w->today = today_utc(r);
	w->join = join;
	w->now = clock_now_us();
	req_defer_write(r, write_membership, w, after_membership);
}

void
web_group_join(struct req *r)
{
	membership(r, true);
}

void
web_group_leave(struct req *r)
{
	membership(r, false);
}

/* The facilitator's forms */

struct attendance_write {
	const struct grant *const *gs;
	size_t n;
	const char *group_id, *session, *by;
	bool *came;                     /* per member */
	int64_t now;
};

static int
write_attendance(struct store_tx *tx, void *arg)
{
	struct attendance_write *w = arg;
	size_t i;
	int rc;

	for (i = 0; i < w->n; i++)
		if ((rc = store_tx_group_attended(tx, w->gs[i], w->group_id, w->session,
		    w->came[i], w->by, w->now)) != 0)
			return rc;
	return 0;
}

static void
after_saved(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/groups/%s?done=saved&session=%s",
	    req_param(r, 0), req_form(r, "session")));
}

/* The group, for its facilitator, and the session posted (one that has
 * begun); false after answering. */
static bool
facilitator_form(struct req *r, struct peer_group *g, const char **session)
{
	struct group_schedule s;
	char past[SESSIONS_SHOWN][11];
	size_t npast, i;
	const struct grant *self;
	bool member;

	if (!load(r, g, &self, &member))
		return false;
	if (!policy_is_facilitator(r->actor, g->org_id, g->facilitator_id)) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return false;
	}
	s = schedule_of(g);
	npast = group_past_sessions(&s, clock_now_us(), past, SESSIONS_SHOWN);
	*session = req_form(r, "session");
	for (i = 0; *session != NULL && i < npast; i++)
		if (strcmp(*session, past[i]) == 0)
			return true;
	error_respond(r, 422, PROBLEM_VALIDATION_FAILED);
	return false;
}

void
web_group_attendance(struct req *r)
{
	struct attendance_write *w = arena_alloc(&r->arena, sizeof(*w));
	struct peer_group g;
	const char *session;
	size_t i;
	int rc;

	if (!facilitator_form(r, &g, &session))
		return;
	w->gs = door_group_members(r, g.id, g.org_id, g.facilitator_id, true, &w->n, &rc);
	if (w->gs == NULL) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	w->came = arena_alloc(&r->arena, (w->n + 1) * sizeof(*w->came));
	for (i = 0; i < w->n; i++)
		w->came[i] = req_form(r, arena_printf(&r->arena, "came-%s",
		    grant_person(w->gs[i]))) != NULL;
	w->group_id = g.id;
	w->session = session;
	w->by = r->actor->user.id;
	w->now = clock_now_us();
	req_defer_write(r, write_attendance, w, after_saved);
}

struct note_write {
	struct group_note x;
};

static int
write_note(struct store_tx *tx, void *arg)
{
	return store_tx_group_note_set(tx, &((struct note_write *)arg)->x);
}

void
web_group_note(struct req *r)
{
	struct note_write *w = arena_alloc(&r->arena, sizeof(*w));
	struct form_errors e = {0};
	struct peer_group g;
	const char *session, *body;

	if (!facilitator_form(r, &g, &session))
		return;
	body = form_text(r, &e, "body", true, GROUP_NOTE_MAX);
	if (e.n > 0) {
		render_group(r, &g, NULL, false, 422, e.code[0], body);
		return;
	}
	w->x = (struct group_note){g.id, session, body, r->actor->user.id, NULL, clock_now_us()};
	req_defer_write(r, write_note, w, after_saved);
}

/* Creating and changing a group */

struct group_form {
	struct group_input in;
	const char *facilitator;
};

static void
render_form(struct req *r, const struct peer_group *g, const struct group_form *f,
    const struct form_errors *e, unsigned status)
{
	const char *lv[16], *ll[16], *dv[7], *dl[7], *ov[2] = {"1", "0"}, *ol[2];
	const char **fv, **fl;
	struct membership *ms;
	size_t nms, i, nf = 0;
	struct buf b;

	if (store_org_members(req_store(r), &r->arena, r->actor->org_id, &ms, &nms) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	fv = arena_alloc(&r->arena, (nms + 1) * sizeof(*fv));
	fl = arena_alloc(&r->arena, (nms + 1) * sizeof(*fl));
	for (i = 0; i < nms; i++)
		if (policy_may_be_facilitator(ms[i].role)) {
			fv[nf] = ms[i].user_id;
			fl[nf++] = ms[i].display_name;
		}
	lv[0] = "";
	ll[0] = _("None");
	for (i = 0; i < group_nlanguages && i < 15; i++) {
		lv[i + 1] = group_languages[i];
		ll[i + 1] = group_language_name(group_languages[i]);
	}
	for (i = 0; i < 7; i++) {
		dv[i] = arena_printf(&r->arena, "%zu", i);
		dl[i] = group_weekday_name((int)i);
	}
	ol[0] = _("Open: new members welcome");
	ol[1] = _("Closed to new members");
	buf_init(&b, &r->arena);
	layout_begin(r, &b, g != NULL ? _("Change the group") : _("New group"));
	html(&b, "<nav><a href=\"%s\">%s</a></nav><h1>%s</h1>", g != NULL ?
	    arena_printf(&r->arena, "/groups/%s", g->id) : "/groups", _("Back"),
	    g != NULL ? _("Change the group") : _("New group"));
	form_begin(r, &b, g != NULL ? arena_printf(&r->arena, "/groups/%s/edit", g->id) :
	    "/groups/new", e);
	form_input(&b, "name", _("Name"), "text", f->in.name, "off", NULL, e);
	form_textarea(&b, "description", _("What the group is about (optional)"),
	    f->in.description, _("A few lines for people who think of joining."), e);
	form_select(&b, "language", _("Language"), lv + 1, ll + 1, group_nlanguages,
	    f->in.language, e);
	form_select(&b, "language2", _("Second language (optional)"), lv, ll,
	    group_nlanguages + 1, f->in.language2, e);
	form_select(&b, "weekday", _("Day of the week"), dv, dl, 7, f->in.weekday, e);
	form_input(&b, "at_time", _("Time"), "time", f->in.at_time, "off",
	    arena_printf(&r->arena, _("In %s time, as HH:MM."),
	    timefmt_zone_city(&r->arena, r->actor->org_time_zone, r->lang)), e);
	form_input(&b, "minutes", _("How long, in minutes"), "number", f->in.minutes, "off",
	    _("From 15 to 480."), e);
	form_date(&b, "starts_on", _("First session on or after"), f->in.starts_on, "off", NULL, e);
	form_date(&b, "ends_on", _("Last date (optional)"), f->in.ends_on, "off",
	    _("Leave empty if the group goes on."), e);
	form_input(&b, "place", _("Place (address)"), "text", f->in.place, "off",
	    _("Give a place, a video link, or both."), e);
	form_input(&b, "video_url", _("Video link"), "url", f->in.video_url, "off",
	    _("Starts with https://. Only members see it."), e);
	form_select(&b, "facilitator", _("Facilitator"), fv, fl, nf, f->facilitator, e);
	form_select(&b, "is_open", _("New members"), ov, ol, 2, f->in.is_open, e);
	form_end(&b, _("Save the group"));
	layout_end(r, &b, status);
}

static const char *
nonempty(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

void
web_group_new(struct req *r)
{
	struct group_form f = {{"", "", "da", "", "1", "18:00", "90", NULL, "", "", "", "1"},
	    NULL};

	if (!policy_may_run_groups(r->actor, r->actor->org_id)) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	f.in.starts_on = today_utc(r);
	f.facilitator = r->actor->user.id;
	render_form(r, NULL, &f, NULL, 200);
}

/* The group being edited, for those who may run its organisation's
 * groups; else 404 (someone else's group is missing). */
static bool
load_editable(struct req *r, struct peer_group *g)
{
	int rc = store_group_get(req_store(r), &r->arena, req_param(r, 0), g);

	if (rc == 0 && !policy_may_run_groups(r->actor, g->org_id))
		rc = ERR_NOT_FOUND;
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	return true;
}

void
web_group_edit(struct req *r)
{
	struct peer_group g;
	struct group_form f;
	const char *sp;

	if (!load_editable(r, &g))
		return;
	memset(&f, 0, sizeof(f));
	f.in.name = g.name;
	f.in.description = g.description;
	sp = strchr(g.language, ' ');
	f.in.language = sp != NULL ? arena_strndup(&r->arena, g.language,
	    (size_t)(sp - g.language)) : g.language;
	f.in.language2 = sp != NULL ? sp + 1 : "";
	f.in.weekday = arena_printf(&r->arena, "%d", g.weekday);
	f.in.at_time = g.at_time;
	f.in.minutes = arena_printf(&r->arena, "%d", g.minutes);
	f.in.starts_on = g.starts_on;
	f.in.ends_on = g.ends_on != NULL ? g.ends_on : "";
	f.in.place = g.place != NULL ? g.place : "";
	f.in.video_url = g.video_url != NULL ? g.video_url : "";
	f.in.is_open = g.is_open ? "1" : "0";
	f.facilitator = g.facilitator_id;
	render_form(r, &g, &f, NULL, 200);
}

struct group_write {
	struct peer_group g;
	bool insert;
};

static int
write_group(struct store_tx *tx, void *arg)
{
	struct group_write *w = arg;

	return w->insert ? store_tx_group_insert(tx, &w->g) : store_tx_group_update(tx, &w->g);
}

static void
after_group(struct req *r, int rc)
{
	const char *id = r->write_arg != NULL ? ((struct group_write *)r->write_arg)->g.id : NULL;

	if (rc != 0 || id == NULL) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/groups/%s?done=saved", id));
}

/* Reads and checks the form into w (or answers it again with the
 * messages at the fields, and returns false). */
static bool
read_form(struct req *r, const struct peer_group *old, struct group_write *w)
{
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct group_problem p[GROUP_MAX_PROBLEMS];
	struct group_form f;
	struct membership *ms;
	size_t nms, np, i;
	bool fits = false;
	char id[ID_LEN + 1];
	const char *fields[] = {"name", "description", "language", "language2", "weekday",
	    "at_time", "minutes", "starts_on", "ends_on", "place", "video_url", "is_open",
	    "facilitator"};
	const char *v[13];

	for (i = 0; i < 13; i++) {
		v[i] = req_form(r, fields[i]);
		if (req_form_bad(r, fields[i]))
			form_error(e, fields[i], "invalid_format");
		if (v[i] == NULL)
			v[i] = "";
	}
	f.in = (struct group_input){v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
	    v[10], v[11]};
	f.facilitator = v[12];
	np = group_check(&f.in, p);
	for (i = 0; i < np; i++)
		form_error(e, p[i].field, p[i].code);
	if (store_org_members(req_store(r), &r->arena, r->actor->org_id, &ms, &nms) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return false;
	}
	for (i = 0; i < nms; i++)
		fits = fits || (strcmp(ms[i].user_id, f.facilitator) == 0 &&
		    policy_may_be_facilitator(ms[i].role));
	if (!fits)
		form_error(e, "facilitator", *f.facilitator == '\0' ? "required" : "invalid_choice");
	if (r->actor->org_time_zone == NULL || !timefmt_zone_valid(r->actor->org_time_zone))
		form_error(e, "at_time", "unknown_zone");
	if (e->n > 0) {
		render_form(r, old, &f, e, 422);
		return false;
	}
	if (old != NULL) {
		w->g = *old;
	} else {
		id_new(id);
		w->g.id = arena_strdup(&r->arena, id);
		w->g.org_id = r->actor->org_id;
		w->g.created_by = r->actor->user.id;
		w->g.created_us = clock_now_us();
		w->insert = true;
	}
	w->g.name = f.in.name;
	w->g.description = f.in.description;
	w->g.language = *f.in.language2 != '\0' ? arena_printf(&r->arena, "%s %s",
	    f.in.language, f.in.language2) : f.in.language;
	w->g.weekday = f.in.weekday[0] - '0';
	w->g.at_time = f.in.at_time;
	w->g.minutes = atoi(f.in.minutes);
	w->g.time_zone = old != NULL ? old->time_zone : r->actor->org_time_zone;
	w->g.starts_on = f.in.starts_on;
	w->g.ends_on = nonempty(f.in.ends_on);
	w->g.place = nonempty(f.in.place);
	w->g.video_url = nonempty(f.in.video_url);
	w->g.facilitator_id = f.facilitator;
	w->g.is_open = strcmp(f.in.is_open, "1") == 0;
	w->g.updated_us = clock_now_us();
	return true;
}

void
web_group_create(struct req *r)
{
	struct group_write *w = arena_alloc(&r->arena, sizeof(*w));

	if (!policy_may_run_groups(r->actor, r->actor->org_id)) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (read_form(r, NULL, w))
		req_defer_write(r, write_group, w, after_group);
}

void
web_group_update(struct req *r)
{
	struct group_write *w = arena_alloc(&r->arena, sizeof(*w));
	struct peer_group g;

	if (load_editable(r, &g) && read_form(r, &g, w))
		req_defer_write(r, write_group, w, after_group);
}

/* A person's groups, for them and those they share appointments with */

void
web_person_groups(struct req *r)
{
	const char *pid = req_param(r, 0);
	struct group_membership *ms;
	struct group_attendance *at;
	size_t nms, nat, i, j;
	struct decision d;
	const struct grant *g;
	struct buf b;

	if ((g = door_open(r, pid, PA_READ, CAT_APPOINTMENTS, CAT_BIT(CAT_BASIC), &d)) == NULL) {
		door_refuse(r, &d, CAT_APPOINTMENTS);
		return;
	}
	if (store_person_groups(req_store(r), &r->arena, g, &ms, &nms) != 0 ||
	    store_group_attendance(req_store(r), &r->arena, g, NULL, &at, &nat) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Peer groups"));
	html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav><h1>%s</h1>", pid, _("Back"),
	    grant_is_self(g) ? _("My peer groups") : _("Their peer groups"));
	if (nms == 0)
		html(&b, "<p>%s</p>", _("Not in a peer group."));
	html_raw(&b, "<ul class=\"plain\">");
	for (i = 0; i < nms; i++) {
		size_t came = 0;

		for (j = 0; j < nat; j++)
			came += strcmp(at[j].group_id, ms[i].group_id) == 0;
		html(&b, "<li><a href=\"/groups/%s\">%s</a> · %s · %s</li>", ms[i].group_id,
		    ms[i].group.name, when_text(r, &ms[i].group), arena_printf(&r->arena,
		    ngettext("came to %zu session", "came to %zu sessions", came), came));
	}
	html_raw(&b, "</ul>");
	if (grant_is_self(g))
		html(&b, "<p><a href=\"/groups\">%s</a></p>", _("Find a peer group"));
	layout_end(r, &b, 200);
}

void
web_groups_me_section(struct req *r, struct buf *b, const struct grant *g)
{
	struct group_membership *ms;
	size_t nms, i;

	if (store_person_groups(req_store(r), &r->arena, g, &ms, &nms) != 0)
		return;
	html(b, "<section aria-labelledby=\"s-groups\"><h2 id=\"s-groups\">%s</h2>",
	    _("Peer groups"));
	if (nms > 0)
		html_raw(b, "<ul class=\"plain\">");
	for (i = 0; i < nms; i++)
		html(b, "<li><a href=\"/groups/%s\">%s</a> · %s</li>", ms[i].group_id,
		    ms[i].group.name, next_text(r, &ms[i].group));
	if (nms > 0)
		html_raw(b, "</ul>");
	html(b, "<p><a href=\"/groups\">%s</a></p></section>", nms > 0 ?
	    _("All peer groups") : _("Find a peer group near you or online"));
}
