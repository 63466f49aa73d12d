/* Help now: one calm page with who to call, and telling the person's own
 * people at once.
 *   GET  /me/help                          the person: their crisis
 *                                          contacts, the helplines of their
 *                                          country, "Let my people know"
 *                                          and whether their team saw it
 *   POST /me/help                          the person: a press, which their
 *                                          team sees; queues one message to
 *                                          each chosen member
 *   GET  /me/help/people                   the person: whom to tell
 *   POST /me/help/people                   the person: m_MEMBERID=1 for each
 *                                          member chosen (only members of
 *                                          their network with an e-mail
 *                                          address or a phone number)
 *   POST /persons/{id}/help-now/{hid}/seen staff who may see presses
 *                                          (door_help_now()): "I saw it"
 * Staff see the presses nobody has acknowledged at the top of their
 * caseload (web_help_now_caseload()). A press is the person's own write;
 * its messages are queued in the same write, and say nothing but that the
 * person would like to be contacted (core/help_now.c). */
#include "web/help_now.h"

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
#include "core/help_now.h"
#include "core/person.h"
#include "core/plan.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/help_now.h"
#include "store/network.h"
#include "store/outbox.h"
#include "store/persons.h"
#include "store/plan.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/me.h"
#include "web/phone.h"

/* The presses the person's page shows: the last week's. */
#define SHOWN_US (INT64_C(7) * 24 * 60 * 60 * 1000000)
#define SHOWN_MAX 10

/* A member the person may choose: current, and reachable. */
struct choosable {
	const struct network_member *m;
	enum hn_channel ch;
	const char *recipient;
	bool chosen;
};

static bool
is_current(const struct network_member *m, const char *today)
{
	return m->until_date == NULL || strcmp(m->until_date, today) >= 0;
}

static bool
has_id(const char *const *ids, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

/* The person's current network members with how each is reached, and
 * whether the person chose them. */
static int
load_people(struct req *r, const struct grant *g, struct choosable **out, size_t *n)
{
	struct network_member *net = NULL;
	const char **ids = NULL;
	size_t nnet = 0, nids = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_network(req_store(r), &r->arena, g, &net, &nnet)) != 0 ||
	    (rc = store_help_now_choice(req_store(r), &r->arena, g, &ids, &nids)) != 0)
		return rc;
	*out = arena_alloc(&r->arena, (nnet + 1) * sizeof(**out));
	for (i = 0; i < nnet; i++) {
		struct choosable *c = &(*out)[*n];

		if (!is_current(&net[i], today_utc(r)))
			continue;
		c->m = &net[i];
		c->ch = hn_channel_of(&r->arena, net[i].contact, &c->recipient);
		c->chosen = c->ch != HN_UNREACHABLE && has_id(ids, nids, net[i].id);
		(*n)++;
	}
	return 0;
}

static const char *
when(struct req *r, const char *tz, int64_t us, enum timefmt_style style)
{
	return timefmt_instant(&r->arena, us, tz, r->lang, style);
}

static void
time_tag(struct req *r, struct buf *b, const char *tz, int64_t us, enum timefmt_style style)
{
	char iso[21];

	clock_format_datetime(us, iso);
	html(b, "<time datetime=\"%s\">%s</time>", iso, when(r, tz, us, style));
}

/* "Karin saw it at 14:05", or that nobody has yet. */
static void
seen_line(struct req *r, struct buf *b, const struct person *p, const struct hn_press *x)
{
	const char *name;

	if (x->acknowledged_us == 0) {
		html(b, "<p class=\"seen not-yet\">%s</p>",
		    _("Your team has not seen it yet. Call someone if you can."));
		return;
	}
	name = x->acknowledged_name != NULL ? hn_first_name(&r->arena, NULL,
	    x->acknowledged_name) : _("Someone in your team");
	html(b, "<p class=\"seen\">%s</p>", arena_printf(&r->arena, _("%s saw it at %s."),
	    name, when(r, p->time_zone, x->acknowledged_us,
	        x->acknowledged_us - x->at_us < INT64_C(20) * 3600 * 1000000 ? TIMEFMT_TIME :
	        TIMEFMT_DATETIME)));
}

static void
contacts(struct req *r, struct buf *b, const struct person *p,
    const struct crisis_contact *cs, size_t n, const char *lang)
{
	size_t i;

	html(b, "<section aria-labelledby=\"s-mine\"><h2 id=\"s-mine\">%s</h2>",
	    _("My people to call"));
	if (n == 0) {
		html(b, "<p>%s <a href=\"/persons/%s/plan/relapse?edit=contacts#contacts\">%s</a>"
		    "</p></section>",
		    _("You have not added anyone to call yet."), p->id, _("Add people to call"));
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
	html_raw(b, "</ul></section>");
}

static void
helpline_list(struct req *r, struct buf *b, const struct person *p)
{
	enum hn_country c = hn_country_of_zone(p->time_zone);
	const struct helpline *h;
	size_t n, i;

	h = helplines(c, &n);
	if (h == NULL) {
		h = helpline_europe();
		n = 1;
	}
	html(b, "<section aria-labelledby=\"s-lines\"><h2 id=\"s-lines\">%s</h2>"
	    "<ul class=\"helplines\"", _("Helplines"));
	if (hn_country_code(c) != NULL)
		html(b, " data-country=\"%s\"", hn_country_code(c));
	html_raw(b, ">");
	for (i = 0; i < n; i++) {
		html_raw(b, "<li>");
		phone_call_button(b, &r->arena, h[i].name, h[i].number);
		html(b, "<p class=\"when-to-call\">%s</p>"
		    "<p class=\"small source\">%s <a href=\"%s\" rel=\"external\">%s</a></p></li>",
		    _(h[i].what), _("Number from:"), h[i].source_url, h[i].source_org);
	}
	html_raw(b, "</ul></section>");
}

static void
tell_section(struct req *r, struct buf *b, const struct choosable *people, size_t n)
{
	size_t i, nchosen = 0;

	for (i = 0; i < n; i++)
		nchosen += people[i].chosen;
	html(b, "<section aria-labelledby=\"s-tell\"><h2 id=\"s-tell\">%s</h2>",
	    _("Let my people know"));
	if (nchosen == 0) {
		/* Nobody to message yet: the press still reaches the team. */
		html(b, "<p>%s</p><p><a href=\"/me/help/people\">%s</a></p>",
		    _("You can choose people in your network who get a short message at once "
		      "when you press here. The message only says that you would like them to "
		      "get in touch."),
		    _("Choose who is told"));
		html(b, "<form method=\"post\" action=\"/me/help\" class=\"tell-form\">");
		form_csrf(r, b);
		html(b, "<p><button type=\"submit\" class=\"button secondary help-now-team\">%s"
		    "</button></p></form></section>", _("Let my team know"));
		return;
	}
	html(b, "<p>%s</p><ul class=\"told\">", _("A short message goes at once to:"));
	for (i = 0; i < n; i++)
		if (people[i].chosen)
			html(b, "<li>%s</li>", people[i].m->display_name);
	html_raw(b, "</ul>");
	html(b, "<form method=\"post\" action=\"/me/help\" class=\"tell-form\">");
	form_csrf(r, b);
	html(b, "<p><button type=\"submit\" class=\"button help-now-tell\">%s</button></p>"
	    "</form><p><a href=\"/me/help/people\">%s</a></p></section>",
	    _("Let my people know"), _("Change who is told"));
}

static void
presses_section(struct req *r, struct buf *b, const struct person *p,
    const struct hn_press *x, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	html(b, "<section aria-labelledby=\"s-pressed\"><h2 id=\"s-pressed\">%s</h2>"
	    "<ul class=\"presses\">", _("When you asked"));
	for (i = 0; i < n; i++) {
		html_raw(b, "<li><p>");
		time_tag(r, b, p->time_zone, x[i].at_us, TIMEFMT_DATETIME);
		html(b, ": %s</p>", arena_printf(&r->arena, ngettext("%d person was told.",
		    "%d people were told.", (unsigned long)x[i].notified), x[i].notified));
		seen_line(r, b, p, &x[i]);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
}

void
web_help_now(struct req *r)
{
	struct crisis_contact *cs = NULL;
	struct choosable *people = NULL;
	struct hn_press *x = NULL;
	struct relapse_plan rp;
	size_t ncs = 0, np = 0, nx = 0, i;
	const char *told = req_query(r, "told");
	const struct grant *g;
	struct person p;
	struct buf b;

	if ((g = web_me_self(r, &p)) == NULL)
		return;
	if (store_crisis_contacts(req_store(r), &r->arena, g, &cs, &ncs) != 0 ||
	    store_relapse_plan(req_store(r), &r->arena, g, &rp) != 0 ||
	    load_people(r, g, &people, &np) != 0 ||
	    store_help_now_presses(req_store(r), &r->arena, g, clock_now_us() - SHOWN_US,
	        SHOWN_MAX, &x, &nx) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Help now"));
	html(&b, "<section class=\"hero help-now-page\"><h1>%s</h1><p class=\"lead\">%s</p>"
	    "</section>", _("Help now"),
	    _("You are not alone. Take a breath. Here is who you can reach right now."));
	if (told != NULL && nx > 0 && x[0].notified == 0) {
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>",
		    _("Your team will see that you asked for help."));
	} else if (told != NULL && nx > 0) {
		html(&b, "<p class=\"notice\" role=\"status\">");
		html(&b, "%s", arena_printf(&r->arena, ngettext(
		    "We have let %d person know. They will get in touch.",
		    "We have let %d people know. They will get in touch.",
		    (unsigned long)x[0].notified), x[0].notified));
		html_raw(&b, "</p>");
		if (x[0].notified > 0) {
			html_raw(&b, "<ul class=\"told\" aria-label=\"");
			html(&b, "%s", _("Told"));
			html_raw(&b, "\">");
			for (i = 0; i < np; i++)
				if (people[i].chosen)
					html(&b, "<li>%s</li>", people[i].m->display_name);
			html_raw(&b, "</ul>");
		}
	}
	contacts(r, &b, &p, cs, ncs, rp.text_lang);
	tell_section(r, &b, people, np);
	helpline_list(r, &b, &p);
	presses_section(r, &b, &p, x, nx);
	html(&b, "<p><a href=\"/persons/%s/plan/relapse\">%s</a></p>", p.id,
	    _("My plan for hard days"));
	layout_end(r, &b, 200);
}

/* A press */

struct press {
	const struct grant *g;
	char id[ID_LEN + 1];
	struct outbox_new *m;
	size_t n;
	int64_t now;
};

static int
write_press(struct store_tx *tx, void *arg)
{
	struct press *w = arg;

	return store_tx_help_now_press(tx, w->g, w->id, w->now, w->m, w->n);
}

static void
after_press(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/me/help?told=1#main");
}

void
web_help_now_press(struct req *r)
{
	struct press *w = arena_alloc(&r->arena, sizeof(*w));
	struct choosable *people = NULL;
	const char *subject, *body, *first;
	enum lang lang = r->lang;
	size_t np = 0, i;
	struct decision d;
	struct person p;

	if (web_me_self(r, &p) == NULL)
		return;
	/* The person's own write: a write grant for them. */
	if ((w->g = door_open(r, p.id, PA_EDIT_RECORD, CAT_BASIC, 0, &d)) == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	if (load_people(r, w->g, &people, &np) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	w->now = clock_now_us();
	id_new(w->id);
	w->m = arena_alloc(&r->arena, (np + 1) * sizeof(*w->m));
	/* In the person's language: the people they chose know them in it. */
	if (p.lang != NULL)
		(void)lang_parse(p.lang, strlen(p.lang), &lang);
	i18n_use(lang);
	first = hn_first_name(&r->arena, p.preferred_name, p.display_name);
	hn_message(&r->arena, first, &subject, &body);
	i18n_use(r->lang);
	for (i = 0; i < np; i++) {
		struct outbox_new *m = &w->m[w->n];

		if (!people[i].chosen)
			continue;
		memset(m, 0, sizeof(*m));
		m->person_id = p.id;
		m->about = arena_printf(&r->arena, "help_now:%s", w->id);
		m->channel = hn_channel_code(people[i].ch);
		m->recipient = people[i].recipient;
		m->subject = people[i].ch == HN_EMAIL ? subject : NULL;
		m->body = body;
		m->lang = lang_code(lang);
		m->send_at_us = w->now;
		w->n++;
	}
	req_defer_write(r, write_press, w, after_press);
}

/* Choosing whom to tell */

static const char *
field_name(struct req *r, const char *member_id)
{
	return arena_printf(&r->arena, "m_%s", member_id);
}

static void
render_people(struct req *r, const struct person *p, const struct choosable *people,
    size_t n, unsigned status, const char *message, const struct form_errors *e)
{
	size_t i, nreach = 0;
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Who is told when I press Help now"));
	html(&b, "<nav><a href=\"/me/help\">%s</a></nav>", _("Back to Help now"));
	html(&b, "<h1>%s</h1>", _("Who is told when I press Help now"));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	html(&b, "<p>%s</p><p><q>%s</q></p>",
	    _("When you press “Let my people know”, each person you choose here gets a "
	      "message at once. It says only:"),
	    hn_message_line(&r->arena, hn_first_name(&r->arena, p->preferred_name,
	        p->display_name)));
	for (i = 0; i < n; i++)
		nreach += people[i].ch != HN_UNREACHABLE;
	if (n == 0 || nreach == 0) {
		html(&b, "<p class=\"notice\">%s</p>",
		    _("Nobody in your network has an e-mail address or a phone number in rosc "
		      "yet. Ask your coordinator to add how to reach the people you want told."));
	}
	form_begin(r, &b, "/me/help/people", e);
	html(&b, "<fieldset><legend>%s</legend>", _("Tell these people"));
	for (i = 0; i < n; i++) {
		const char *name = field_name(r, people[i].m->id);
		const char *err = form_error_at(e, name);
		const char *how;

		if (people[i].ch == HN_EMAIL)
			how = arena_printf(&r->arena, _("By e-mail to %s"), people[i].recipient);
		else if (people[i].ch == HN_SMS)
			how = arena_printf(&r->arena, _("By text message to %s"),
			    people[i].m->contact);
		else
			how = _("No e-mail address or phone number: they cannot be told.");
		html(&b, "<div class=\"check\"><input type=\"checkbox\" name=\"%s\" id=\"%s\" "
		    "value=\"1\"%s%s aria-describedby=\"%s-hint%s\"",
		    name, name, people[i].chosen ? " checked" : "",
		    people[i].ch == HN_UNREACHABLE ? " disabled" : "", name,
		    err != NULL ? arena_printf(&r->arena, " %s-error", name) : "");
		if (err != NULL)
			html_raw(&b, " aria-invalid=\"true\"");
		html(&b, "><label for=\"%s\">%s <span class=\"small\">(%s)</span></label>"
		    "<p class=\"hint\" id=\"%s-hint\">%s</p>",
		    name, people[i].m->display_name, net_role_label(people[i].m->role), name, how);
		if (err != NULL)
			html(&b, "<p class=\"error\" id=\"%s-error\">%s</p>", name,
			    form_error_text(err));
		html_raw(&b, "</div>");
	}
	html_raw(&b, "</fieldset>");
	form_end(&b, _("Save"));
	layout_end(r, &b, status);
}

void
web_help_now_people(struct req *r)
{
	struct choosable *people = NULL;
	const struct grant *g;
	struct person p;
	size_t n = 0;

	if ((g = web_me_self(r, &p)) == NULL)
		return;
	if (load_people(r, g, &people, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	render_people(r, &p, people, n, 200, req_query(r, "saved") != NULL ?
	    _("Saved. These people will be told when you press Help now.") : NULL, NULL);
}

struct choice {
	const struct grant *g;
	const char **ids;
	size_t n;
	int64_t now;
};

static int
write_choice(struct store_tx *tx, void *arg)
{
	struct choice *w = arg;

	return store_tx_help_now_choice_set(tx, w->g, w->ids, w->n, w->now);
}

static void
after_choice(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/me/help/people?saved=1");
}

void
web_help_now_people_save(struct req *r)
{
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct choice *w = arena_alloc(&r->arena, sizeof(*w));
	struct choosable *people = NULL;
	size_t n = 0, i;
	struct decision d;
	struct person p;

	if (web_me_self(r, &p) == NULL)
		return;
	if ((w->g = door_open(r, p.id, PA_EDIT_RECORD, CAT_BASIC, 0, &d)) == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	if (load_people(r, w->g, &people, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	w->ids = arena_alloc(&r->arena, (n + 1) * sizeof(*w->ids));
	/* Only the person's current members are asked for; a field for anyone
	 * else (another person's member, a made-up id) is not read at all. */
	for (i = 0; i < n; i++) {
		const char *name = field_name(r, people[i].m->id);
		const char *v = req_form(r, name);

		if (req_form_bad(r, name)) {
			form_error(e, name, "invalid_format");
			continue;
		}
		people[i].chosen = false;
		if (v == NULL || *v == '\0')
			continue;
		if (strcmp(v, "1") != 0) {
			form_error(e, name, "invalid_choice");
			continue;
		}
		if (people[i].ch == HN_UNREACHABLE) {
			form_error(e, name, "unreachable");
			continue;
		}
		people[i].chosen = true;
		if (w->n == HN_NOTIFY_MAX) {
			form_error(e, name, "too_many");
			continue;
		}
		w->ids[w->n++] = people[i].m->id;
	}
	if (e->n > 0) {
		render_people(r, &p, people, n, 422, NULL, e);
		return;
	}
	w->now = clock_now_us();
	req_defer_write(r, write_choice, w, after_choice);
}

/* Staff */

static void
after_ack(struct req *r, int rc)
{
	if (rc == ERR_NOT_FOUND || rc == ERR_INVALID) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/persons");
}

struct ack {
	const struct grant *g;
	const char *id, *user_id;
	int64_t now;
};

static int
write_ack(struct store_tx *tx, void *arg)
{
	struct ack *w = arg;

	return store_tx_help_now_ack(tx, w->g, w->id, w->user_id, w->now);
}

void
web_help_now_ack(struct req *r)
{
	struct ack *w = arena_alloc(&r->arena, sizeof(*w));
	struct decision d;

	if ((w->g = door_help_now(r, req_param(r, 0), true, &d)) == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	w->id = req_param(r, 1);
	w->user_id = r->actor->user.id;
	w->now = clock_now_us();
	req_defer_write(r, write_ack, w, after_ack);
}

int
web_help_now_caseload(struct req *r, struct buf *b)
{
	const struct actor *a = r->actor;
	struct hn_press *x = NULL;
	size_t n = 0, i, shown = 0;
	int rc;

	if (!policy_may_see_help_now(r->actor))
		return 0;
	if ((rc = store_help_now_open(req_store(r), &r->arena, door_my_lists(r), today_utc(r),
	    &x, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		struct decision d;
		const struct grant *g = door_help_now(r, x[i].person_id, false, &d);
		struct person p;

		if (g == NULL) {
			if (d.status == 503)
				return ERR_UNAVAILABLE;
			continue;
		}
		if ((rc = store_person_get(req_store(r), &r->arena, g, &p)) != 0)
			return rc;
		if (shown++ == 0)
			html(b, "<section class=\"help-now-open\" aria-labelledby=\"s-help-now\">"
			    "<h2 id=\"s-help-now\">%s</h2><ul>", _("Asked for help now"));
		html(b, "<li><p><a href=\"/persons/%s\">%s</a> ", p.id,
		    p.preferred_name != NULL && *p.preferred_name ? p.preferred_name :
		    p.display_name);
		html(b, "%s ", _("pressed Help now"));
		time_tag(r, b, a->org_time_zone, x[i].at_us, TIMEFMT_DATETIME);
		html(b, ". %s</p>", arena_printf(&r->arena, ngettext("%d person of theirs was told.",
		    "%d people of theirs were told.", (unsigned long)x[i].notified),
		    x[i].notified));
		form_button(r, b, arena_printf(&r->arena, "/persons/%s/help-now/%s/seen", p.id,
		    x[i].id), _("I have seen it"), "button secondary");
		html_raw(b, "</li>");
	}
	if (shown > 0)
		html_raw(b, "</ul></section>");
	return 0;
}
