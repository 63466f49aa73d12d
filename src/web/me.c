/* The person's own pages: their home (with the people to call in a crisis
 * at the top), who looked at their record, and what the people who work
 * with them wrote. Only for a signed-in user who has a
 * record of their own; anyone else (staff, family) gets 404.
 *   GET /me          signed in (a person)
 *   GET /me/log      signed in (a person)
 *   GET /me/notes    signed in (a person) */
#include "web/me.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/person.h"
#include "core/referral.h"
#include "store/referrals.h"
#include "core/plan.h"
#include "http/request.h"
#include "store/access_chain.h"
#include "store/access_log.h"
#include "store/emergency.h"
#include "store/network.h"
#include "store/notes.h"
#include "store/plan.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/appointments.h"
#include "web/checkups.h"
#include "web/flags.h"
#include "web/pathways.h"
#include "web/layout.h"
#include "web/referrals.h"
#include "web/groups.h"
#include "web/suggestions.h"
#include "view/export.h"
#include "web/phone.h"

#define DAY_US (INT64_C(24) * 60 * 60 * 1000000)
#define EMERGENCY_SHOWN_US (30 * DAY_US) /* the banner on the home page */
#define LOG_SUMMARY_US (90 * DAY_US)     /* the summary on /me/log */
#define LOG_PAGE 50

/* The signed-in user's own record, and the door's grant to all of it (the
 * person's own reading is not logged). Answers 404 (or 503) and returns
 * NULL for anyone without a record. */
const struct grant *
web_me_self(struct req *r, struct person *p)
{
	int rc;
	const struct grant *g = door_self(r, p, &rc);

	if (rc == ERR_NOT_FOUND)
		error_respond(r, 404, PROBLEM_NOT_FOUND);
	else if (rc != 0)
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
	return g;
}

/* An instant in the person's own time zone and the page's language. */
static const char *
when(struct req *r, const struct person *p, int64_t us)
{
	return timefmt_instant(&r->arena, us, p->time_zone, r->lang, TIMEFMT_DATETIME);
}

static bool
current(const struct network_member *m, const char *today)
{
	return m->until_date == NULL || strcmp(m->until_date, today) >= 0;
}

/* Home */

/* The emergency accesses started in the last 30 days (e, n: those since
 * then, newest first), at the top of the page: the person must not miss
 * them. */
static void
emergency_banner(struct req *r, struct buf *b, const struct person *p,
    const struct emergency *e, size_t n, const struct network_member *net, size_t nnet)
{
	int64_t now = clock_now_us();
	const char *today = today_utc(r), *coordinator = NULL;
	size_t i, shown = 0;

	for (i = 0; i < n; i++)
		if (e[i].started_us >= now - EMERGENCY_SHOWN_US)
			shown++;
	if (shown == 0)
		return;
	for (i = 0; i < nnet && coordinator == NULL; i++)
		if (net[i].role == NET_COORDINATOR && current(&net[i], today))
			coordinator = net[i].display_name;

	html(b,
	    "<section class=\"notice emergency\" aria-labelledby=\"s-emergency\">"
	    "<h2 id=\"s-emergency\">%s</h2><p>%s</p><ul>",
	    _("Someone used emergency access to your record"),
	    _("In an emergency, a professional can open your record for a few hours "
	      "without your permission. They must give a reason, and you see it here."));
	for (i = 0; i < n; i++) {
		if (e[i].started_us < now - EMERGENCY_SHOWN_US)
			continue;
		html(b, "<li><p><strong>%s</strong></p><p>%s</p><p>%s</p></li>",
		    arena_printf(&r->arena, _("%s from %s opened your record on %s."),
		        e[i].user_name ? e[i].user_name : _("Someone"), e[i].org_name,
		        when(r, p, e[i].started_us)),
		    arena_printf(&r->arena,
		        e[i].expires_us > now ? _("Their access ends on %s.")
		                              : _("Their access ended on %s."),
		        when(r, p, e[i].expires_us)),
		    arena_printf(&r->arena, _("Their reason: “%s”"), e[i].reason));
	}
	html(b, "</ul><p><a href=\"/me/log\">%s</a></p>", _("See what they looked at"));
	if (coordinator != NULL)
		html(b, "<p>%s</p>",
		    arena_printf(&r->arena,
		        _("If something does not seem right, tell %s, your coordinator."),
		        coordinator));
	else
		html(b, "<p>%s</p>",
		    _("If something does not seem right, tell someone you trust in your "
		      "network."));
	html_raw(b, "</section>");
}

/* The way to Help now (web/help_now.c), beside the plan for hard days:
 * the helplines, and telling the person's own people at once. On this
 * page instead of the header's (web/layout.c), and a link in the same
 * paragraph, not a second button: the person's own pages must stay
 * within the first screens of a phone. */
static void
help_now_link(struct buf *b)
{
	html(b, " · <a class=\"help-now-here\" href=\"/me/help\">%s</a>", _("Help now"));
}

/* "Need help now?": the person's crisis contacts as big buttons that
 * call, one tap away; or where to add them. lang: the language of the
 * relapse plan, which the notes are written in. */
static void
crisis_block(struct req *r, struct buf *b, const struct person *p,
    const struct crisis_contact *cs, size_t n, const char *lang)
{
	size_t i;

	html(b, "<section class=\"crisis-now\" aria-labelledby=\"s-help\">"
	    "<h2 id=\"s-help\">%s</h2>", _("Need help now?"));
	if (n == 0) {
		html(b, "<p>%s <a href=\"/persons/%s/plan/relapse?edit=contacts#contacts\">%s</a>",
		    _("Add the people you can call when things get hard, and they will be "
		      "one tap away here."), p->id, _("Add people to call"));
		help_now_link(b);
		html_raw(b, "</p></section>");
		return;
	}
	html_raw(b, "<ul class=\"crisis-contacts\">");
	for (i = 0; i < n; i++) {
		html_raw(b, "<li>");
		phone_call_button(b, &r->arena, cs[i].name, cs[i].phone);
		if (cs[i].note != NULL && *cs[i].note != '\0') {
			if (lang != NULL)
				html(b, "<p class=\"when-to-call\" lang=\"%s\">%s</p>", lang,
				    cs[i].note);
			else
				html(b, "<p class=\"when-to-call\">%s</p>", cs[i].note);
		}
		html_raw(b, "</li>");
	}
	html(b, "</ul><p><a href=\"/persons/%s/plan/relapse\">%s</a>", p->id,
	    _("My plan for hard days"));
	help_now_link(b);
	html_raw(b, "</p></section>");
}

static void
card(struct buf *b, const char *href, const char *title, const char *text)
{
	html(b,
	    "<li class=\"card\"><h2><a class=\"card-link\" href=\"%s\">%s</a></h2>"
	    "<p>%s</p></li>",
	    href, title, text);
}

/* "Download my data (JSON, about 14 kB)": the size of the same export,
 * built now (the person's own reading: not logged), so people know what
 * they get. Without a size if the export cannot be built. Building it reads
 * the whole record, the access log included, so only /me/data does it,
 * never the home page. */
static const char *
download_label(struct req *r, const struct grant *g, const struct person *p)
{
	struct export_ctx x = {req_store(r), &r->arena, today_utc(r)};
	size_t len = 0;
	const char *size;

	if (view_export_size(&x, g, p, &len) != 0)
		return _("Download my data (JSON)");
	if (len < 1000)
		size = _("less than 1 kB");
	else if (len < 1000000)
		size = arena_printf(&r->arena, _("about %zu kB"), (len + 500) / 1000);
	else
		size = arena_printf(&r->arena, _("about %zu.%zu MB"), (len + 50000) / 1000000,
		    (len + 50000) / 100000 % 10);
	return arena_printf(&r->arena, _("Download my data (JSON, %s)"), size);
}

void
web_me(struct req *r)
{
	const char *today = today_utc(r);
	struct network_member *net = NULL;
	struct emergency *em = NULL;
	struct crisis_contact *cs = NULL;
	size_t nnet = 0, nem = 0, ncs = 0, i, shown = 0, nrefs = 0, nw = 0, no = 0;
	struct referral *refs = NULL, *waiting = NULL, *others = NULL;
	struct relapse_plan rp;
	const struct grant *g;
	struct person p;
	struct buf b, next;

	if ((g = web_me_self(r, &p)) == NULL)
		return;
	if (store_network(req_store(r), &r->arena, g, &net, &nnet) != 0 ||
	    store_emergencies(req_store(r), &r->arena, g,
	        clock_now_us() - EMERGENCY_SHOWN_US, &em, &nem) != 0 ||
	    store_crisis_contacts(req_store(r), &r->arena, g, &cs, &ncs) != 0 ||
	    store_relapse_plan(req_store(r), &r->arena, g, &rp) != 0 ||
	    store_referrals(req_store(r), &r->arena, g, NULL, &refs, &nrefs) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("My page"));
	/* The next appointment first, in the place of the greeting's lead (the
	 * same words stand on "What I share"), so that the person's own pages
	 * stay within the first screens of a phone. */
	buf_init(&next, &r->arena);
	if (web_appointments_next(r, &next, g, p.time_zone) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	html(&b, "<section class=\"hero\"><h1>%s</h1>",
	    arena_printf(&r->arena, _("Hello, %s"),
	        p.preferred_name ? p.preferred_name : p.display_name));
	if (next.len > 0)
		html_raw_buf(&b, &next);
	else
		html(&b, "<p class=\"lead\">%s</p>",
		    _("This is your own place in rosc. You decide who sees what."));
	html_raw(&b, "</section>");

	/* Help first: who to call is one tap away, above everything else. */
	crisis_block(r, &b, &p, cs, ncs, rp.text_lang);

	emergency_banner(r, &b, &p, em, nem, net, nnet);

	/* Services waiting for the person's choice come first, as short links;
	 * how the others are going follows their own pages, in plain words. */
	if (nrefs > 0) {
		waiting = arena_alloc(&r->arena, nrefs * sizeof(*waiting));
		others = arena_alloc(&r->arena, nrefs * sizeof(*others));
		for (i = 0; i < nrefs; i++) {
			if (refs[i].status == RS_PROPOSED)
				waiting[nw++] = refs[i];
			else if (!ref_closed(refs[i].status) || refs[i].status_us >
			    clock_now_us() - 30 * REF_DAY_US)
				others[no++] = refs[i];
		}
	}
	if (nw > 0) {
		html(&b, "<section aria-labelledby=\"s-refs\"><h2 id=\"s-refs\">%s</h2>",
		    _("Waiting for your choice"));
		web_referral_links(&b, waiting, nw);
		html_raw(&b, "</section>");
	}

	/* What the person came for, right after help: their own pages. */
	html(&b, "<nav aria-label=\"%s\"><ul class=\"cards own-links\">", _("My record"));
	card(&b, arena_printf(&r->arena, "/persons/%s/plan", p.id), _("My plan"),
	    _("Where I am, what I hope for, my goals and the steps towards them."));
	card(&b, "/me/log", _("Who looked at my record"),
	    _("Every time someone opened your record, and why."));
	card(&b, "/me/consents", _("What I share"),
	    _("Choose who sees what. You can change your mind at any time."));
	/* The check-in right after what the person came for first: a few
	 * taps, one from here (the page keeps those three in two screens). */
	card(&b, "/me/checkin", _("Check in: how are you today?"),
	    _("A few taps. Your check-ins, good weeks and streak are there too."));
	card(&b, "/me/messages", _("Messages"),
	    _("Write to the people who help you, and read what they wrote back."));
	card(&b, arena_printf(&r->arena, "/persons/%s/appointments", p.id),
	    _("My appointments"), _("Where to be and when, and who comes along."));
	card(&b, arena_printf(&r->arena, "/persons/%s/questionnaires", p.id),
	    _("My questionnaires"), _("How I have been, in my own answers, over time."));
	card(&b, "/meetings", _("Find a meeting"),
	    _("AA, NA and other self-help meetings, near you or online, tonight or later."));
	card(&b, "/me/tasks", _("My tasks"),
	    _("The steps I said I would take, the soonest first."));
	card(&b, "/me/notes", _("Notes about me"),
	    _("What the people who work with you wrote."));
	card(&b, "/me/ideas", _("Ideas for you"),
	    _("Groups, meetings and services that fit what you want, from your plan."));
	card(&b, "/me/peers", _("Peer workers"),
	    _("Someone who has been there: choose a peer worker who fits you."));
	card(&b, "/me/data", _("My data"),
	    _("Everything rosc holds about you, in one file you can download."));
	html_raw(&b, "</ul></nav>");

	/* A pathway's clocks: the start guarantee, the phase and what next. */
	if (web_flags_home(r, &b, g, p.time_zone) != 0 ||
	    web_checkups_home(r, &b, g, p.time_zone) != 0 ||
	    web_pathway_home(r, &b, g, true) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}

	if (nrefs > 0) {
		html(&b, "<section aria-labelledby=\"s-myrefs\"><h2 id=\"s-myrefs\">%s</h2>",
		    _("My referrals"));
		if (no > 0)
			web_referral_items(r, &b, others, no, true);
		html(&b, "<p><a href=\"/persons/%s/referrals\">%s</a></p></section>", p.id,
		    _("All my referrals"));
	}

	html(&b, "<section aria-labelledby=\"s-words\"><h2 id=\"s-words\">%s</h2>",
	    _("In your own words"));
	if (p.about_me != NULL && *p.about_me != '\0') {
		if (p.about_me_lang != NULL)
			html(&b, "<p class=\"own-words\" lang=\"%s\">%s</p>",
			    p.about_me_lang, p.about_me);
		else
			html(&b, "<p class=\"own-words\">%s</p>", p.about_me);
		html(&b,
		    "<p><a class=\"button secondary\" "
		    "href=\"/persons/%s/edit\">%s</a></p>",
		    p.id, _("Change what you wrote"));
	} else {
		html(&b, "<p>%s</p>",
		    _("You have not written anything yet. You can tell the "
		      "people who support you what matters to you, and how you like to "
		      "be helped."));
		html(&b,
		    "<p><a class=\"button secondary\" "
		    "href=\"/persons/%s/edit\">%s</a></p>",
		    p.id, _("Write about yourself"));
	}
	html_raw(&b, "</section>");

	html(&b, "<section aria-labelledby=\"s-people\"><h2 id=\"s-people\">%s</h2>",
	    _("My people"));
	for (i = 0; i < nnet; i++)
		if (current(&net[i], today))
			shown++;
	if (shown > 0)
		html(&b, "<details class=\"my-people\"><summary>%s</summary><ul class=\"stack\">",
		    arena_printf(&r->arena, ngettext("Show %zu person and how to reach them",
		        "Show %zu people and how to reach them", shown), shown));
	for (i = 0; i < nnet; i++) {
		const struct network_member *m = &net[i];

		if (!current(m, today))
			continue;
		html(&b, "<li class=\"card person\"><h3>%s</h3><p>%s</p>",
		    m->display_name ? m->display_name : _("Someone"),
		    m->org_name ? arena_printf(&r->arena, _("%s at %s"),
		                      net_role_label(m->role), m->org_name)
		                : net_role_label(m->role));
		if (m->contact != NULL && *m->contact != '\0') {
			html(&b, "<p>%s <span class=\"contact\">", _("How to reach them:"));
			phone_html(&b, &r->arena, m->contact);
			html_raw(&b, "</span></p>");
		}
		html_raw(&b, "</li>");
	}
	if (shown > 0)
		html_raw(&b, "</ul></details>");
	else
		html(&b, "<p>%s</p>", _("There is nobody in your network yet."));
	html_raw(&b, "</section>");
	web_groups_me_section(r, &b, g);

	layout_end(r, &b, 200);
}

/* My data: what the download holds, and the download itself, labelled
 * with its type and size. */
void
web_me_data(struct req *r)
{
	const struct grant *g;
	struct person p;
	struct buf b;

	if ((g = web_me_self(r, &p)) == NULL)
		return;
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("My data"));
	html(&b, "<p><a href=\"/me\">%s</a></p><h1>%s</h1><p class=\"lead\">%s</p>"
	    "<p>%s</p>",
	    _("Back to my page"), _("My data"),
	    _("Everything rosc holds about you, in one file: your details, your plan, "
	      "your people, what you share, the notes about you and who looked at "
	      "your record."),
	    _("The file is in JSON, a plain text format that other programs can "
	      "read. Keep it somewhere safe: it holds everything rosc knows about "
	      "you."));
	html(&b, "<p><a class=\"button\" href=\"/api/v1/me/data\" download>%s</a></p>",
	    download_label(r, g, &p));
	html(&b, "<h2>%s</h2><p>%s</p><p><a class=\"button secondary\" "
	    "href=\"/api/v1/me/data/fhir\" download>%s</a></p>",
	    _("For another health or care system"),
	    _("The same, in HL7 FHIR R4: the format health and care systems in Denmark, "
	      "the Netherlands and elsewhere exchange. Give this file to a new clinic or "
	      "app that asks for it."),
	    _("Download my data (FHIR)"));
	layout_end(r, &b, 200);
}

/* Who looked at my record */

/* What someone did, as the person would say it. */
static const char *
did_text(const char *what, const char *action)
{
	static const char *const reads[CAT_COUNT] = {
	    N_("Opened your basic details"),
	    N_("Opened your plan"),
	    N_("Opened your appointments"),
	    N_("Read your journal notes"),
	    N_("Opened your check-ins and questionnaires"),
	    N_("Opened your alcohol and drug use details"),
	};
	static const char *const writes[CAT_COUNT] = {
	    N_("Changed your details or your people"),
	    N_("Changed your plan"),
	    N_("Changed your appointments"),
	    N_("Wrote a journal note about you"),
	    N_("Changed your check-ins and questionnaires"),
	    N_("Changed your alcohol and drug use details"),
	};
	enum category c;

	if (what != NULL && strcmp(what, "review") == 0)
		return _("Reviewed an emergency access to your record, for your home organisation");
	if (what != NULL && strcmp(what, "referral") == 0)
		return action != NULL && strcmp(action, "write") == 0 ?
		    _("Answered a referral you sent to their organisation") :
		    _("Opened a referral you sent to their organisation");
	if (what != NULL && strcmp(what, "accompaniment") == 0)
		return action != NULL && strcmp(action, "write") == 0 ?
		    _("As a volunteer, answered your request for someone to come along") :
		    action != NULL && strcmp(action, "list") == 0 ?
		    _("As a volunteer, saw your request for someone to come along: your first "
		      "name, the time, the area and the kind of appointment") :
		    _("As a volunteer, opened your request for someone to come along, with what "
		      "you chose to share");
	if (what != NULL && strcmp(what, "warnings") == 0)
		return action != NULL && strcmp(action, "write") == 0 ?
		    _("Recorded how they followed up an early warning about you") :
		    action != NULL && strcmp(action, "list") == 0 ?
		    _("Saw an early warning about you in their follow-ups, with its reason") :
		    _("Opened the early warnings about you: why each was raised and how it was "
		      "followed up");
	if (what != NULL && strcmp(what, "messages") == 0)
		return action != NULL && strcmp(action, "write") == 0 ?
		    _("Wrote to you in your messages") :
		    _("Read your messages with them: the conversations they take part in");
	if (what != NULL && strcmp(what, "group") == 0)
		return action != NULL && strcmp(action, "write") == 0 ?
		    _("As the facilitator of a peer group you joined, marked whether you came") :
		    _("As the facilitator of a peer group you joined, saw you in its member list");
	if (what != NULL && strcmp(what, "search") == 0)
		return _("Searched for you by national id, to ask for emergency access");
	if (action != NULL && strcmp(action, "list") == 0) {
		/* A task list shows the steps of the plan, not only a name. */
		if (what != NULL && strcmp(what, "plan") == 0)
			return _("Saw steps of your plan in their task list");
		if (what != NULL && strcmp(what, "substance") == 0)
			return _("Saw steps towards your goals about alcohol and drugs in their "
			    "task list");
		return _("Saw you in their list");
	}
	if (!category_parse(what, &c))
		return _("Opened your record");
	if (action != NULL && strcmp(action, "write") == 0)
		return _(writes[c]);
	return _(reads[c]);
}

/* Why they could, in the person's words. */
static const char *
why_text(const char *why)
{
	if (why != NULL && strcmp(why, "duty") == 0)
		return _("their work with you");
	if (why != NULL && strcmp(why, "consent") == 0)
		return _("you shared it with them");
	if (why != NULL && strcmp(why, "emergency") == 0)
		return _("emergency access");
	return _("reason not recorded");
}

static bool
is_emergency(const char *why)
{
	return why != NULL && strcmp(why, "emergency") == 0;
}

static void
summary_line(
    struct req *r, struct buf *b, const struct person *p, const struct access_summary *x)
{
	bool list = x->action != NULL && strcmp(x->action, "list") == 0;
	const char *did = did_text(x->what, x->action), *at = when(r, p, x->last_us), *s;
	unsigned long n = x->count > 0 ? (unsigned long)x->count : 1;

	if (n == 1)
		s = arena_printf(&r->arena, _("%s once — on %s"), did, at);
	else if (list)
		s = arena_printf(&r->arena,
		    ngettext(
		        "%s on %lu day — last on %s", "%s on %lu days — last on %s", n),
		    did, n, at);
	else
		s = arena_printf(&r->arena,
		    ngettext("%s %lu time — last on %s", "%s %lu times — last on %s", n),
		    did, n, at);
	if (is_emergency(x->why))
		html(b, "<li>%s <strong class=\"urgent\">(%s)</strong></li>", s,
		    why_text(x->why));
	else
		html(b, "<li>%s <span class=\"why\">(%s)</span></li>", s,
		    why_text(x->why));
}

static bool
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The last 90 days, one card per person and organisation, newest first. */
static void
log_summary(struct req *r, struct buf *b, const struct person *p,
    const struct access_summary *x, size_t n)
{
	bool *done = arena_alloc(&r->arena, (n ? n : 1) * sizeof(*done));
	size_t i, j;

	if (n == 0) {
		html(b, "<p>%s</p>",
		    _("Nobody has opened your record in the last 90 days."));
		return;
	}
	html_raw(b, "<ul class=\"stack\">");
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		html(b, "<li class=\"card\"><h3>%s",
		    x[i].actor_name ? x[i].actor_name
		                    : _("Someone whose account was removed"));
		if (x[i].org_name != NULL)
			html(b, ", <span class=\"org\">%s</span>", x[i].org_name);
		html_raw(b, "</h3><ul>");
		for (j = i; j < n; j++) {
			if (done[j] || !same_text(x[j].actor_id, x[i].actor_id) ||
			    !same_text(x[j].org_name, x[i].org_name))
				continue;
			done[j] = true;
			summary_line(r, b, p, &x[j]);
		}
		html_raw(b, "</ul></li>");
	}
	html_raw(b, "</ul>");
}

/* Reads ?before= (an instant in microseconds); 0 when absent. Returns
 * false if it is there but not a number. */
static bool
parse_before(const char *s, int64_t *out)
{
	char *end;
	long long v;

	*out = 0;
	if (s == NULL || *s == '\0')
		return true;
	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 18)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0)
		return false;
	*out = v;
	return true;
}

static void
log_entries(struct req *r, struct buf *b, const struct grant *g, const struct person *p,
    int64_t before)
{
	struct access_entry *e;
	size_t n = 0, shown, i;
	int64_t next = 0;

	if (store_access_list(
	        req_store(r), &r->arena, g, before, LOG_PAGE + 1, &e, &n) != 0) {
		html(b, "<p>%s</p>",
		    _("The list cannot be shown right now. Please try again."));
		return;
	}
	shown = n;
	if (n > LOG_PAGE) {
		/* More follow. Entries of one instant stay on one page, so the
		 * next page (everything up to that instant) misses none. */
		int64_t t = e[LOG_PAGE - 1].at_us;

		shown = LOG_PAGE;
		while (shown > 0 && e[shown - 1].at_us == t)
			shown--;
		if (shown == 0) {
			shown = LOG_PAGE;
			next = t;
		} else {
			next = t + 1;
		}
	}
	if (shown == 0) {
		html(b, "<p>%s</p>",
		    before ? _("There are no older entries.")
		           : _("Nobody but you has opened your record."));
	} else {
		/* A list, not a table: it reads well on a small phone. */
		html_raw(b, "<ol class=\"history entries\">");
		for (i = 0; i < shown; i++) {
			html(b, "<li><span class=\"when\">%s</span><strong>%s</strong>",
			    when(r, p, e[i].at_us),
			    e[i].actor_name ? e[i].actor_name
			                    : _("Someone whose account was removed"));
			if (e[i].org_name != NULL)
				html(b, ", %s", e[i].org_name);
			html(b, ": %s ", did_text(e[i].what, e[i].action));
			if (is_emergency(e[i].why))
				html(b, "<strong class=\"urgent\">(%s)</strong></li>",
				    why_text(e[i].why));
			else
				html(b, "<span class=\"why\">(%s)</span></li>",
				    why_text(e[i].why));
		}
		html_raw(b, "</ol>");
	}
	if (next != 0 || before != 0) {
		html_raw(b, "<nav class=\"pages\"><p>");
		if (before != 0)
			html(b,
			    "<a class=\"button secondary\" "
			    "href=\"/me/log#every\">%s</a> ",
			    _("Newest entries"));
		if (next != 0)
			html(b,
			    "<a class=\"button secondary\" "
			    "href=\"/me/log?before=%s#every\">%s</a>",
			    arena_printf(&r->arena, "%lld", (long long)next),
			    _("Older entries"));
		html_raw(b, "</p></nav>");
	}
}

/* How far the background check found the log as rosc wrote it (store/
 * access_chain.h): the time, or plainly that it found a break. */
static void
log_check(struct req *r, struct buf *b, const struct person *p)
{
	struct access_check c;

	if (store_access_chain_status(req_store(r), &r->arena, &c) != 0)
		return;
	if (c.checked_us == 0) {
		html(b, "<p class=\"small\">%s</p>",
		    _("This list has not been checked for changes yet."));
	} else if (c.problem != NULL) {
		html(b, "<p class=\"notice\" role=\"alert\"><strong>%s</strong> ",
		    _("This list may have been tampered with."));
		html(b, _("The check on %s found entries that were changed or removed after "
		    "they were written. Please tell your coordinator."), when(r, p, c.checked_us));
		html_raw(b, "</p>");
	} else if (c.verified_at_us == 0) {
		html(b, "<p class=\"small\">%s</p>",
		    arena_printf(&r->arena, _("Checked on %s: nothing in this list was changed."),
		        when(r, p, c.checked_us)));
	} else {
		html(b, "<p class=\"small\" id=\"verified\">%s</p>",
		    arena_printf(&r->arena, _("Verified up to %s: every entry until then is as it "
		        "was written. Checked on %s."), when(r, p, c.verified_at_us),
		        when(r, p, c.checked_us)));
	}
}

void
web_me_log(struct req *r)
{
	struct access_summary *x = NULL;
	const struct grant *g;
	struct person p;
	int64_t before;
	size_t n = 0;
	struct buf b;

	if (!parse_before(req_query(r, "before"), &before)) {
		error_respond(r, 400, PROBLEM_BAD_REQUEST);
		return;
	}
	if ((g = web_me_self(r, &p)) == NULL)
		return;
	if (store_access_summary(req_store(r), &r->arena, g,
	        clock_now_us() - LOG_SUMMARY_US, &x, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Who looked at my record"));
	html(&b, "<p><a href=\"/me\">%s</a></p><h1>%s</h1><p class=\"lead\">%s</p>",
	    _("Back to my page"), _("Who looked at my record"),
	    _("Everyone but you who opened your record, and why they could. "
	      "Nobody can change or delete this list."));
	log_check(r, &b, &p);
	if (before == 0) {
		html(&b,
		    "<section aria-labelledby=\"s-recent\"><h2 id=\"s-recent\">%s</h2>",
		    _("The last 90 days"));
		log_summary(r, &b, &p, x, n);
		html_raw(&b, "</section>");
	}
	html(&b, "<section aria-labelledby=\"every\"><h2 id=\"every\">%s</h2>",
	    _("Every entry"));
	log_entries(r, &b, g, &p, before);
	html_raw(&b, "</section>");
	html(&b, "<p class=\"small\">%s</p>",
	    _("Not happy with what you see? Tell your coordinator, or change what you "
	      "share."));
	html(&b, "<p><a class=\"button secondary\" href=\"/me/consents\">%s</a></p>",
	    _("What I share"));
	layout_end(r, &b, 200);
}

/* Notes about me */

void
web_me_notes(struct req *r)
{
	struct note *x = NULL;
	const struct grant *g;
	struct person p;
	size_t n = 0, i;
	struct buf b;

	if ((g = web_me_self(r, &p)) == NULL)
		return;
	if (store_notes(req_store(r), &r->arena, g, &x, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Notes about me"));
	html(&b, "<p><a href=\"/me\">%s</a></p><h1>%s</h1><p class=\"lead\">%s</p>",
	    _("Back to my page"), _("Notes about me"),
	    _("What the people who work with you wrote about you. If something is not "
	      "right, you can tell them."));
	if (n == 0)
		html(&b, "<p>%s</p>", _("Nobody has written a note about you yet."));
	else
		html_raw(&b, "<ol class=\"stack\">");
	for (i = 0; i < n; i++) {
		const char *who = x[i].author_name ? x[i].author_name : _("Someone");

		html(&b, "<li class=\"card note\"><p class=\"meta\"><strong>%s</strong>",
		    who);
		if (x[i].author_org_name != NULL)
			html(&b, ", %s", x[i].author_org_name);
		html(&b, " · %s</p>", when(r, &p, x[i].created_us));
		if (x[i].restricted)
			html(&b, "<p>%s</p>",
			    arena_printf(&r->arena,
			        _("This note is kept back from you for now. You can ask "
			          "%s about it."),
			        who));
		else if (x[i].body_lang != NULL)
			html(&b, "<p class=\"own-words\" lang=\"%s\">%s</p>",
			    x[i].body_lang, x[i].body);
		else
			html(&b, "<p class=\"own-words\">%s</p>", x[i].body);
		html_raw(&b, "</li>");
	}
	if (n > 0)
		html_raw(&b, "</ol>");
	layout_end(r, &b, 200);
}
