/* A person's record: registering, the overview, and changing the details.
 *   GET  /persons/new          staff: the registration form
 *   POST /persons/new          staff: registers a person with the acting
 *                              organisation as home organisation; the staff
 *                              member becomes part of their network
 *   GET  /persons/{id}         whoever the policy door lets read basic details
 *   GET  /persons/{id}/edit    the person themself, and home-organisation staff
 *   POST /persons/{id}/edit      in their network (PA_EDIT_RECORD)
 *
 * Everything about a person goes through the door (web/access.h) and is
 * logged; a person the actor may not see answers the same 404 as one that
 * does not exist. Links to other parts of the record ask the door without
 * logging, since showing a link reads nothing. Changes are saved with
 * optimistic versions: when someone else saved in between, the page says
 * so and shows both versions, and nothing typed is lost. */
#include "web/person.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/account.h"
#include "core/actor.h"
#include "core/person.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "core/plan.h"
#include "store/network.h"
#include "store/notes.h"
#include "store/persons.h"
#include "store/plan.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"
#include "view/overview.h"
#include "web/phone.h"

#define PRONOUNS_MAX 40
#define PHONE_MAX 40
#define NATIONAL_ID_MAX 20
#define ZONE_MAX 64
/* The overview's summary: this many open goals, dated steps, and the
 * first this many characters of the latest note. */
#define GLANCE_GOALS 3
#define GLANCE_STEPS 3
#define GLANCE_NOTE_CHARS 160

/* The form as typed: every value kept for showing again. */
struct person_form {
	const char *display_name, *preferred_name, *pronouns, *birth_date, *phone, *email;
	const char *address, *lang, *national_id, *time_zone, *about_me, *about_me_lang;
	int64_t version;
};

/* Helpers */

static const char *
trimmed(struct req *r, const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(&r->arena, s, n);
}

static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* NULL for an empty value: what is not given is not stored. */
static const char *
or_null(const char *s)
{
	return blank(s) ? NULL : s;
}

static bool
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static const char *
shown_name(const struct person *p)
{
	return p->preferred_name != NULL && *p->preferred_name ? p->preferred_name :
	    p->display_name;
}

static bool
is_staff(const struct actor *a)
{
	return a->user.kind == USER_STAFF && a->org_id != NULL;
}

/* The zone dates and times are shown in: the person's own for themself,
 * the organisation's for staff. */
static const char *
viewer_zone(struct req *r, const struct person *p, bool self)
{
	if (self && p != NULL && p->time_zone != NULL)
		return p->time_zone;
	return r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "UTC";
}

/* True if s is a real calendar date written YYYY-MM-DD, from 1900 on. */
static bool
date_valid(const char *s)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, i, max;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	max = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

/* A plain check, not a proof: something@something, no spaces. */
static bool
email_valid(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && at[1] != '\0' && strchr(at + 1, '@') == NULL &&
	    strpbrk(s, " \t\r\n<>,;\"") == NULL;
}

static bool
lang_choice(const char *s)
{
	return strcmp(s, "en") == 0 || strcmp(s, "nl") == 0 || strcmp(s, "da") == 0;
}

/* Reads and checks the form. with_about: the edit form, which also has
 * "what I want people to know about me". */
static void
read_form(struct req *r, struct person_form *f, struct form_errors *e, bool with_about)
{
	const char *v;

	f->display_name = trimmed(r, form_text(r, e, "display_name", true, NAME_MAX_CHARS));
	f->preferred_name = trimmed(r, form_text(r, e, "preferred_name", false,
	    NAME_MAX_CHARS));
	f->pronouns = trimmed(r, form_text(r, e, "pronouns", false, PRONOUNS_MAX));
	f->birth_date = trimmed(r, form_text(r, e, "birth_date", false, FIELD_MAX));
	if (*f->birth_date && form_error_at(e, "birth_date") == NULL) {
		if (!date_valid(f->birth_date))
			form_error(e, "birth_date", "invalid_date");
		else if (strcmp(f->birth_date, today_utc(r)) > 0)
			form_error(e, "birth_date", "future_date");
	}
	f->phone = trimmed(r, form_text(r, e, "phone", false, PHONE_MAX));
	f->email = trimmed(r, form_text(r, e, "email", false, FIELD_MAX));
	if (*f->email && form_error_at(e, "email") == NULL && !email_valid(f->email))
		form_error(e, "email", "invalid_email");
	f->address = trimmed(r, form_text(r, e, "address", false, FIELD_MAX));
	f->lang = form_text(r, e, "lang", false, 2);
	if (*f->lang && form_error_at(e, "lang") == NULL && !lang_choice(f->lang))
		form_error(e, "lang", "invalid_choice");
	f->national_id = trimmed(r, form_text(r, e, "national_id", false, FIELD_MAX));
	if (*f->national_id && form_error_at(e, "national_id") == NULL &&
	    (strlen(f->national_id) > NATIONAL_ID_MAX ||
	     strspn(f->national_id, "0123456789-") != strlen(f->national_id)))
		form_error(e, "national_id", "invalid_national_id");
	f->time_zone = trimmed(r, form_text(r, e, "time_zone", true, ZONE_MAX));
	if (*f->time_zone && form_error_at(e, "time_zone") == NULL &&
	    !timefmt_zone_valid(f->time_zone))
		form_error(e, "time_zone", "unknown_zone");
	if (!with_about)
		return;
	f->about_me = form_text(r, e, "about_me", false, PERSON_TEXT_MAX);
	f->about_me_lang = form_text(r, e, "about_me_lang", false, 2);
	if (form_error_at(e, "about_me_lang") == NULL && !blank(f->about_me) &&
	    !lang_choice(f->about_me_lang))
		form_error(e, "about_me_lang", "invalid_choice");
	v = req_form(r, "version");
	f->version = v != NULL && *v && strlen(v) < 19 && strspn(v, "0123456789") == strlen(v) ?
	    strtoll(v, NULL, 10) : 0;
}

static void
form_from_person(struct person_form *f, const struct person *p)
{
	f->display_name = p->display_name;
	f->preferred_name = p->preferred_name;
	f->pronouns = p->pronouns;
	f->birth_date = p->birth_date;
	f->phone = p->phone;
	f->email = p->email;
	f->address = p->address;
	f->lang = p->lang;
	f->national_id = p->national_id;
	f->time_zone = p->time_zone;
	f->about_me = p->about_me;
	f->about_me_lang = p->about_me_lang;
	f->version = p->version;
}

/* The person as the form says, keeping what the form does not change. */
static void
person_from_form(struct person *p, const struct person_form *f)
{
	p->display_name = f->display_name;
	p->preferred_name = or_null(f->preferred_name);
	p->pronouns = or_null(f->pronouns);
	p->birth_date = or_null(f->birth_date);
	p->phone = or_null(f->phone);
	p->email = or_null(f->email);
	p->address = or_null(f->address);
	p->lang = or_null(f->lang);
	p->national_id = or_null(f->national_id);
	p->time_zone = f->time_zone;
	p->about_me = or_null(f->about_me);
	p->about_me_lang = p->about_me != NULL ? f->about_me_lang : NULL;
}

static void
lang_select(struct buf *b, const char *name, const char *label, bool with_none,
    const char *selected, const struct form_errors *e)
{
	const char *values[4], *labels[4];
	size_t n = 0;
	int i;

	if (with_none) {
		values[n] = "";
		labels[n++] = _("Not given");
	}
	for (i = 0; i < LANG_COUNT; i++) {
		values[n] = lang_code((enum lang)i);
		labels[n++] = lang_endonym((enum lang)i);
	}
	form_select(b, name, label, values, labels, n, selected ? selected : "", e);
}

/* The fields of both forms. self: the person fills in their own. */
static void
fields(struct req *r, struct buf *b, const struct person_form *f,
    const struct form_errors *e, bool with_about, bool self)
{
	form_input(b, "display_name", _("Name or chosen name"), "text", f->display_name,
	    "off", _("A first name or a chosen name is enough: people may stay anonymous."),
	    e);
	form_input(b, "preferred_name", _("Preferred name"), "text", f->preferred_name, "off",
	    _("What they like to be called, if not the name above."), e);
	form_input(b, "pronouns", _("Pronouns"), "text", f->pronouns, "off",
	    _("For example: she/her, he/him, they/them."), e);
	form_date(b, "birth_date", _("Date of birth"), f->birth_date, "off",
	    _("Optional. Year-month-day, for example 1990-01-31."), e);
	form_input(b, "phone", _("Phone"), "tel", f->phone, "off", NULL, e);
	form_input(b, "email", _("E-mail"), "email", f->email, "off", NULL, e);
	form_input(b, "address", _("Address"), "text", f->address, "off", NULL, e);
	lang_select(b, "lang", _("Preferred language"), true, f->lang, e);
	form_input(b, "national_id", _("National identity number"), "text", f->national_id,
	    "off", _("Optional: only if the person agrees. Digits and dashes. It is shown "
	    "masked, and a record is found by it only with the whole number."), e);
	form_input(b, "time_zone", _("Time zone"), "text", f->time_zone, "off",
	    _("Times are shown to the person in this zone, for example Europe/Copenhagen."),
	    e);
	if (!with_about)
		return;
	form_textarea(b, "about_me", self ? _("What I want people to know about me") :
	    _("What they want people to know about them"), f->about_me,
	    self ? _("In your own words: what matters to you, what helps, what does not.") :
	    _("In the person's own words. They can change this themselves."), e);
	lang_select(b, "about_me_lang", _("Language of this text"), false,
	    f->about_me_lang != NULL && *f->about_me_lang ? f->about_me_lang :
	    f->lang != NULL && *f->lang ? f->lang : lang_code(r->lang), e);
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
	    (long long)f->version);
}

/* Registering */

static void
render_new(struct req *r, unsigned status, const struct person_form *f,
    const struct form_errors *e)
{
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Register a person"));
	html(&b, "<section class=\"narrow\"><h1>%s</h1><p>%s</p>", _("Register a person"),
	    arena_printf(&r->arena, _("%s will be their home organisation, and you will be "
	    "in their network. Fill in only what the person wants to give: a first name "
	    "or a chosen name is enough."), r->actor->org_name));
	form_begin(r, &b, "/persons/new", e);
	fields(r, &b, f, e, false, false);
	form_end(&b, _("Register"));
	html(&b, "<p><a href=\"/persons\">%s</a></p></section>", _("Back to my people"));
	layout_end(r, &b, status);
}

void
web_person_new(struct req *r)
{
	struct person_form f = {0};

	f.time_zone = r->actor->org_time_zone;
	render_new(r, 200, &f, NULL);
}

struct person_create {
	const struct grant *gr;    /* the door's, for the person being registered */
	struct person p;
	struct network_member m;
	char id[ID_LEN + 1], member_id[ID_LEN + 1];
	const char *key, *sort, *by;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_create(struct store_tx *tx, void *arg)
{
	struct person_create *c = arg;
	int rc;

	if ((rc = store_tx_person_insert(tx, &c->p, c->key, c->sort)) != 0)
		return rc;
	if ((rc = store_tx_member_insert(tx, c->gr, &c->m, c->now, c->by)) != 0)
		return rc;
	return store_tx_audit_append(tx, c->audit);
}

static void
after_create(struct req *r, int rc)
{
	struct person_create *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	/* The door cannot be asked about a person before they exist: the
	 * registration is noted in their access log here. */
	req_log_access(r, c->id, "basic", "write", "duty");
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s", c->id));
}

/* The registering staff member's place in the network. */
static enum net_role
my_net_role(const struct actor *a)
{
	switch (a->role) {
	case ROLE_ORG_ADMIN:
	case ROLE_COORDINATOR: return NET_COORDINATOR;
	case ROLE_PEER_WORKER: return NET_PEER_WORKER;
	case ROLE_VOLUNTEER: return NET_VOLUNTEER;
	default: return NET_PROFESSIONAL;
	}
}

void
web_person_create(struct req *r)
{
	const struct actor *a = r->actor;
	struct person_create *c;
	struct person_form f = {0};
	struct form_errors e = {0};

	if (!is_staff(a)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	read_form(r, &f, &e, false);
	if (e.n > 0) {
		render_new(r, 422, &f, &e);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	id_new(c->id);
	id_new(c->member_id);
	c->gr = door_register(r, c->id);
	c->now = clock_now_us();
	c->by = a->user.id;
	person_from_form(&c->p, &f);
	c->p.id = c->id;
	c->p.home_org_id = a->org_id;
	c->p.created_us = c->now;
	c->p.updated_us = c->now;
	c->p.version = 1;
	c->key = person_name_key(&r->arena, c->p.display_name);
	c->sort = person_name_sort(&r->arena, c->p.display_name);
	c->m.person_id = c->id;
	c->m.id = c->member_id;
	c->m.user_id = a->user.id;
	c->m.org_id = a->org_id;
	c->m.role = my_net_role(a);
	c->m.from_date = today_utc(r);
	c->audit = req_audit(r, "person.create", arena_printf(&r->arena, "person:%s", c->id),
	    NULL);
	req_defer_write(r, write_create, c, after_create);
}

/* The overview */

static void
detail(struct buf *b, const char *term, const char *value)
{
	if (value != NULL && *value)
		html(b, "<dt>%s</dt><dd>%s</dd>", term, value);
}

static void
network_table(struct req *r, struct buf *b, const struct overview *o, bool self)
{
	const struct network_member *ms = o->net;
	size_t n = o->nnet, i, current = 0;
	const char *today = today_utc(r);

	html(b, "<section aria-labelledby=\"s-net\"><h2 id=\"s-net\">%s</h2>",
	    self ? _("My network") : _("Their network"));
	for (i = 0; i < n; i++)
		if (ms[i].until_date == NULL || strcmp(ms[i].until_date, today) >= 0)
			current++;
	if (current == 0) {
		html(b, "<p>%s</p>", _("Nobody is in the network now."));
	} else {
		/* Stacked into one card per member on a phone (see caseload.c). */
		html(b, "<table class=\"stacked\"><thead>"
		    "<tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead>"
		    "<tbody>", _("Name"), _("Role"), _("Organisation"),
		    _("How to reach them"));
		for (i = 0; i < n; i++) {
			if (ms[i].until_date != NULL && strcmp(ms[i].until_date, today) < 0)
				continue;
			html(b, "<tr><td class=\"row-main\">%s</td>"
			    "<td data-label=\"%s\">%s</td>"
			    "<td data-label=\"%s\">%s</td>"
			    "<td data-label=\"%s\" class=\"contact\">",
			    ms[i].display_name ? ms[i].display_name : "", _("Role"),
			    net_role_label(ms[i].role), _("Organisation"),
			    ms[i].org_name ? ms[i].org_name : "", _("How to reach them"));
			phone_html(b, &r->arena, ms[i].contact ? ms[i].contact : "");
			html_raw(b, "</td></tr>");
		}
		html_raw(b, "</tbody></table>");
	}
	html(b, "<p><a href=\"/persons/%s/network\">%s</a></p></section>", o->p.id,
	    _("The whole network, with who was in it before"));
}

/* Whole years between a date of birth and today (both YYYY-MM-DD). */
static int
age_years(const char *birth, const char *today)
{
	int age = atoi(today) - atoi(birth);

	if (strcmp(today + 5, birth + 5) < 0)
		age--;
	return age;
}

/* The beginning of a text, cut at a space, with an ellipsis when cut. */
static const char *
text_start(struct req *r, const char *s, size_t max_chars)
{
	size_t i = 0, chars = 0, cut = 0;

	while (s[i] != '\0' && chars < max_chars) {
		if (s[i] == ' ' || s[i] == '\n')
			cut = i;
		i++;
		while (((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	if (s[i] == '\0')
		return s;
	return arena_printf(&r->arena, "%.*s…", (int)(cut > 0 ? cut : i), s);
}

static bool
step_open(const struct step *st)
{
	return st->status == ST_NOT_STARTED || st->status == ST_IN_PROGRESS;
}

/* The plan at a glance: goals in progress and the open steps due soonest,
 * as read with the plan's grant g. */
static void
glance_plan(struct req *r, struct buf *b, const struct grant *g, const struct overview *o)
{
	const struct goal *gs = o->goals;
	const struct step *ss = o->steps, *due[GLANCE_STEPS];
	size_t ng = o->ngoals, ns = o->nsteps, i, j, k, open = 0, reached = 0, ndue = 0;
	const char *today = today_utc(r), *id = o->p.id;

	/* Goals about alcohol and drugs count here only if the grant covers
	 * them; the person's log notes that detail only when some show. */
	for (i = 0; i < ng; i++)
		if (gs[i].domain == DOM_SUBSTANCE_USE)
			door_shown(r, g, CAT_SUBSTANCE);
	for (i = 0; i < ng; i++) {
		if (gs[i].status == ST_IN_PROGRESS)
			open++;
		else if (gs[i].status == ST_REACHED)
			reached++;
	}
	html(b, "<h3>%s</h3>", _("Goals"));
	if (open == 0 && reached == 0) {
		html(b, "<p>%s</p>", _("No goals are in progress yet."));
	} else {
		html(b, "<p>%s</p>", arena_printf(&r->arena, "%s %s",
		    arena_printf(&r->arena, ngettext("%zu goal in progress.",
		    "%zu goals in progress.", open), open),
		    arena_printf(&r->arena, ngettext("%zu reached.", "%zu reached.", reached),
		    reached)));
		html_raw(b, "<ul class=\"glance-list\">");
		for (i = 0, k = 0; i < ng && k < GLANCE_GOALS; i++) {
			if (gs[i].status != ST_IN_PROGRESS)
				continue;
			html(b, "<li><a href=\"/persons/%s/plan/goals/%s\"", id, gs[i].id);
			if (gs[i].text_lang != NULL && *gs[i].text_lang)
				html(b, " lang=\"%s\"", gs[i].text_lang);
			html(b, ">%s</a></li>", gs[i].title);
			k++;
		}
		html_raw(b, "</ul>");
	}

	/* The open steps with a date, soonest first (overdue ones come first). */
	for (i = 0; i < ns; i++) {
		if (!step_open(&ss[i]) || ss[i].due_date == NULL || !*ss[i].due_date)
			continue;
		for (j = ndue; j > 0 && strcmp(due[j - 1]->due_date, ss[i].due_date) > 0; j--)
			if (j < GLANCE_STEPS)
				due[j] = due[j - 1];
		if (j < GLANCE_STEPS)
			due[j] = &ss[i];
		if (ndue < GLANCE_STEPS)
			ndue++;
	}
	html(b, "<h3>%s</h3>", _("Steps due"));
	if (ndue == 0) {
		html(b, "<p>%s</p>", _("No open steps have a date."));
		return;
	}
	html_raw(b, "<ul class=\"glance-list\">");
	for (i = 0; i < ndue; i++) {
		bool overdue = strcmp(due[i]->due_date, today) < 0;

		html(b, "<li><a href=\"/persons/%s/plan/goals/%s\">%s</a> "
		    "<span class=\"small\">%s <time datetime=\"%s\">%s</time>", id,
		    due[i]->goal_id, due[i]->title, _("By:"), due[i]->due_date,
		    timefmt_date(&r->arena, due[i]->due_date, r->lang));
		if (due[i]->owner_name != NULL && *due[i]->owner_name)
			html(b, " · %s", due[i]->owner_name);
		html_raw(b, "</span>");
		if (overdue)
			html(b, " <strong class=\"overdue-mark\">%s</strong>", _("Overdue"));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

/* The latest journal note, its beginning. */
static void
glance_note(struct req *r, struct buf *b, const struct overview *o, const char *zone)
{
	const struct note *ns = o->latest;
	const char *id = o->p.id;

	html(b, "<h3>%s</h3>", _("Latest note"));
	if (ns == NULL) {
		html(b, "<p>%s</p>", _("There are no notes yet."));
		return;
	}
	html(b, "<p class=\"small\">%s</p>", ns[0].author_org_name != NULL ?
	    arena_printf(&r->arena, _("%s, by %s (%s)"), timefmt_instant(&r->arena,
	    ns[0].created_us, zone, r->lang, TIMEFMT_DATETIME), ns[0].author_name,
	    ns[0].author_org_name) :
	    arena_printf(&r->arena, _("%s, by %s"), timefmt_instant(&r->arena,
	    ns[0].created_us, zone, r->lang, TIMEFMT_DATETIME), ns[0].author_name));
	html_raw(b, "<p class=\"glance-note\"");
	if (ns[0].body_lang != NULL && *ns[0].body_lang)
		html(b, " lang=\"%s\"", ns[0].body_lang);
	html(b, ">%s</p>", text_start(r, ns[0].body, GLANCE_NOTE_CHARS));
	html(b, "<p><a href=\"/persons/%s/notes\">%s</a></p>", id, _("All journal notes"));
}

/* What a case worker needs first: the plan and the latest note, each
 * read only if the person shares it (the overview's plan and notes parts). */
static void
glance(struct req *r, struct buf *b, const struct grant *plan, const struct overview *o,
    const char *zone)
{
	html(b, "<section class=\"glance\" aria-labelledby=\"s-glance\">"
	    "<h2 id=\"s-glance\">%s</h2>", _("At a glance"));
	if (o->plan)
		glance_plan(r, b, plan, o);
	else
		html(b, "<p>%s</p>", _("They have not shared their plan with you."));
	if (o->notes)
		glance_note(r, b, o, zone);
	else
		html(b, "<p>%s</p>", _("They have not shared their journal notes with you."));
	html_raw(b, "</section>");
}

void
web_person(struct req *r)
{
	const char *id = req_param(r, 0);
	const struct actor *a = r->actor;
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_READ, CAT_BASIC, 0, &d);
	const struct grant *plan = NULL, *notes = NULL;
	struct overview *o;
	struct person p;
	const char *zone, *saved = req_query(r, "saved");
	struct buf b;
	bool self, some_denied = false;
	int64_t until = 0;
	int rc, c;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	self = grant_is_self(gr);
	/* At a glance, for staff: the plan and the latest note, each through
	 * the door only if shared (asked first, so a refusal notes nothing). */
	if (!self && is_staff(a)) {
		if (door_may(r, gr, PA_READ, CAT_PLAN))
			plan = door_open_lazy(r, id, PA_READ, CAT_PLAN, CAT_BIT(CAT_SUBSTANCE), &d);
		if (door_may(r, gr, PA_READ, CAT_NOTES))
			notes = door_open(r, id, PA_READ, CAT_NOTES, 0, &d);
	}
	o = arena_alloc(&r->arena, sizeof(*o));
	if ((rc = view_overview(req_store(r), &r->arena, gr, plan, notes, o)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503, rc == ERR_NOT_FOUND ?
		    PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	p = o->p;
	zone = viewer_zone(r, &p, self);
	if (!self)
		until = door_emergency_until(r, id);

	buf_init(&b, &r->arena);
	layout_begin(r, &b, shown_name(&p));
	if (until > 0)
		html(&b, "<p class=\"notice emergency\" role=\"status\">%s</p>",
		    arena_printf(&r->arena, _("You have emergency access until %s; the person "
		    "will see this."), timefmt_instant(&r->arena, until, zone, r->lang,
		    TIMEFMT_TIME)));
	if (saved != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", _("The changes are saved."));
	html(&b, "<h1>%s", shown_name(&p));
	if (p.pronouns != NULL)
		html(&b, " <span class=\"small\">(%s)</span>", p.pronouns);
	html_raw(&b, "</h1>");
	if (p.preferred_name != NULL && strcmp(p.preferred_name, p.display_name) != 0)
		html(&b, "<p>%s</p>", arena_printf(&r->arena, _("Registered as %s."),
		    p.display_name));

	if (!self && is_staff(a))
		glance(r, &b, plan, o, zone);

	if (p.about_me != NULL) {
		html(&b, "<section aria-labelledby=\"s-own\"><h2 id=\"s-own\">%s</h2>",
		    self ? _("In your own words") : _("In their own words"));
		layout_own_words(r, &b, p.about_me, p.about_me_lang);
		html_raw(&b, "</section>");
	}

	html(&b, "<section aria-labelledby=\"s-det\"><h2 id=\"s-det\">%s</h2><dl>",
	    _("Contact and details"));
	if (p.phone != NULL && *p.phone) {
		html(&b, "<dt>%s</dt><dd>", _("Phone"));
		phone_html(&b, &r->arena, p.phone);
		html_raw(&b, "</dd>");
	}
	detail(&b, _("E-mail"), p.email);
	detail(&b, _("Address"), p.address);
	if (p.lang != NULL) {
		enum lang l;

		if (lang_parse(p.lang, strlen(p.lang), &l))
			detail(&b, _("Preferred language"), lang_endonym(l));
	}
	/* A plain date and the age: the weekday of a birth says nothing. */
	if (p.birth_date != NULL)
		detail(&b, _("Date of birth"), date_valid(p.birth_date) ?
		    arena_printf(&r->arena, _("%s (age %d)"), timefmt_date_plain(&r->arena,
		    p.birth_date, r->lang), age_years(p.birth_date, today_utc(r))) :
		    p.birth_date);
	detail(&b, _("National identity number"), national_id_masked(&r->arena,
	    p.national_id));
	/* Their zone in words, and only where it tells something: the person
	 * checks their own; staff see it when it is not their own zone. */
	if (p.time_zone != NULL && (self || strcmp(p.time_zone, zone) != 0))
		detail(&b, _("Time zone"), timefmt_zone_city(&r->arena, p.time_zone, r->lang));
	detail(&b, _("Home organisation"), p.home_org_name);
	html_raw(&b, "</dl>");
	if (p.phone == NULL && p.email == NULL && p.address == NULL)
		html(&b, "<p>%s</p>", self ? _("You have not given contact details.") :
		    _("No contact details are given."));
	html_raw(&b, "</section>");

	network_table(r, &b, o, self);

	/* Links: the door is asked without logging; following one is logged. */
	html(&b, "<nav aria-labelledby=\"s-more\"><h2 id=\"s-more\">%s</h2><ul>",
	    self ? _("More about me") : _("More"));
	if (door_may(r, gr, PA_READ, CAT_PLAN)) {
		html(&b, "<li><a href=\"/persons/%s/plan\">%s</a></li>", id,
		    self ? _("My plan") : _("Recovery plan"));
		html(&b, "<li><a href=\"/persons/%s/plan/relapse\">%s</a></li>", id,
		    _("Relapse-prevention plan"));
	}
	if (door_may(r, gr, PA_READ, CAT_APPOINTMENTS))
		html(&b, "<li><a href=\"/persons/%s/appointments\">%s</a></li>", id,
		    self ? _("My appointments") : _("Appointments"));
	if (door_may(r, gr, PA_READ, CAT_QUESTIONNAIRES))
		html(&b, "<li><a href=\"/persons/%s/checkins\">%s</a></li>", id,
		    self ? _("My check-ins") : _("Check-ins"));
	if (door_may(r, gr, PA_READ, CAT_NOTES))
		html(&b, "<li><a href=\"/persons/%s/notes\">%s</a></li>", id, _("Journal notes"));
	if (door_may_message(r, gr))
		html(&b, "<li><a href=\"/persons/%s/messages\">%s</a></li>", id, _("Messages"));
	if (door_may(r, gr, PA_READ, CAT_NOTES) || door_may_write_coaching(r, id))
		html(&b, "<li><a href=\"/persons/%s/coaching\">%s</a></li>", id,
		    self ? _("My coaching sessions") : _("Coaching sessions"));
	if (self)
		html(&b, "<li><a href=\"/me/peers\">%s</a></li>", _("Peer workers"));
	else if (door_may(r, gr, PA_READ, CAT_PLAN))
		html(&b, "<li><a href=\"/persons/%s/peers\">%s</a></li>", id,
		    _("Peer workers suggested"));
	if (door_may(r, gr, PA_READ, CAT_QUESTIONNAIRES)) {
		html(&b, "<li><a href=\"/persons/%s/questionnaires\">%s</a></li>", id,
		    self ? _("My questionnaires") : _("Questionnaires"));
		html(&b, "<li><a href=\"/persons/%s/checkups\">%s</a></li>", id,
		    self ? _("My check-ups") : _("Recovery check-ups"));
	}
	/* The early warnings: the person's own, and the team's (each flag
	 * shows only where its category may be; the door decides). */
	if (self || door_may_see_flags(r))
		html(&b, "<li><a href=\"/persons/%s/flags\">%s</a></li>", id,
		    self ? _("When my team was told") : _("Early warnings"));
	if (door_may(r, gr, PA_EDIT_RECORD, CAT_BASIC))
		html(&b, "<li><a href=\"/persons/%s/edit\">%s</a></li>", id,
		    self ? _("Change my details") : _("Change the details"));
	if (self) {
		html(&b, "<li><a href=\"/me/consents\">%s</a></li>", _("Who may see what"));
		html(&b, "<li><a href=\"/me/log\">%s</a></li>", _("Who looked at my record"));
	}
	/* Offered only to those who may break the glass. */
	if (!self && is_staff(a) && until == 0 && door_may_break_glass(r)) {
		for (c = 0; c < CAT_COUNT; c++)
			if (!door_may(r, gr, PA_READ, (enum category)c))
				some_denied = true;
		if (some_denied)
			html(&b, "<li><a href=\"/persons/%s/emergency\">%s</a></li>", id,
			    _("Emergency access"));
	}
	html_raw(&b, "</ul></nav>");
	if (!self)
		html(&b, "<p><a href=\"/persons\">%s</a></p>", _("Back to my people"));
	layout_end(r, &b, 200);
}

/* Changing the details */

static const char *
field_label(const char *name, bool self)
{
	static const struct { const char *name, *label; } labels[] = {
		{"display_name", N_("Name or chosen name")},
		{"preferred_name", N_("Preferred name")},
		{"pronouns", N_("Pronouns")},
		{"birth_date", N_("Date of birth")},
		{"phone", N_("Phone")},
		{"email", N_("E-mail")},
		{"address", N_("Address")},
		{"lang", N_("Preferred language")},
		{"national_id", N_("National identity number")},
		{"time_zone", N_("Time zone")},
		{"about_me_lang", N_("Language of this text")},
	};
	size_t i;

	if (strcmp(name, "about_me") == 0)
		return self ? _("What I want people to know about me") :
		    _("What they want people to know about them");
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].name, name) == 0)
			return _(labels[i].label);
	return name;
}

/* The fields where two versions differ: names, and values of each. */
struct diff {
	const char *name[16], *mine[16], *theirs[16];
	size_t n;
};

static void
diff_add(struct diff *d, const char *name, const char *mine, const char *theirs)
{
	if (!same_text(or_null(mine), or_null(theirs)) && d->n < 16) {
		d->name[d->n] = name;
		d->mine[d->n] = mine;
		d->theirs[d->n] = theirs;
		d->n++;
	}
}

static void
diff_people(struct diff *d, const struct person *mine, const struct person *theirs)
{
	memset(d, 0, sizeof(*d));
	diff_add(d, "display_name", mine->display_name, theirs->display_name);
	diff_add(d, "preferred_name", mine->preferred_name, theirs->preferred_name);
	diff_add(d, "pronouns", mine->pronouns, theirs->pronouns);
	diff_add(d, "birth_date", mine->birth_date, theirs->birth_date);
	diff_add(d, "phone", mine->phone, theirs->phone);
	diff_add(d, "email", mine->email, theirs->email);
	diff_add(d, "address", mine->address, theirs->address);
	diff_add(d, "lang", mine->lang, theirs->lang);
	diff_add(d, "national_id", mine->national_id, theirs->national_id);
	diff_add(d, "time_zone", mine->time_zone, theirs->time_zone);
	diff_add(d, "about_me", mine->about_me, theirs->about_me);
	diff_add(d, "about_me_lang", mine->about_me_lang, theirs->about_me_lang);
}

/* A value shown in the comparison: the national id masked like anywhere
 * else, a language by its name, the person's own words in their language. */
static void
diff_cell(struct req *r, struct buf *b, const char *name, const char *value,
    const struct person *side)
{
	enum lang l;

	if (value == NULL || *value == '\0') {
		html(b, "<td><em>%s</em></td>", _("(empty)"));
	} else if (strcmp(name, "national_id") == 0) {
		html(b, "<td>%s</td>", national_id_masked(&r->arena, value));
	} else if (strcmp(name, "about_me") == 0) {
		html_raw(b, "<td>");
		layout_own_words(r, b, value, side->about_me_lang);
		html_raw(b, "</td>");
	} else if ((strcmp(name, "lang") == 0 || strcmp(name, "about_me_lang") == 0) &&
	    lang_parse(value, strlen(value), &l)) {
		html(b, "<td>%s</td>", lang_endonym(l));
	} else {
		html(b, "<td>%s</td>", value);
	}
}

/* theirs: on a conflict, what is saved now (the form holds what was typed). */
static void
render_edit(struct req *r, unsigned status, const struct person *p,
    const struct person_form *f, const struct form_errors *e, bool self,
    const struct person *theirs)
{
	struct person mine = *p;
	struct diff d;
	struct buf b;
	size_t i;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, self ? _("Change my details") : _("Change the details"));
	html(&b, "<section class=\"narrow\"><h1>%s</h1>", self ? _("Change my details") :
	    arena_printf(&r->arena, _("Change the details of %s"), shown_name(p)));
	if (theirs != NULL) {
		person_from_form(&mine, f);
		diff_people(&d, &mine, theirs);
		html(&b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2>"
		    "<p>%s</p></div>", _("Someone else changed these details meanwhile"),
		    _("Nothing is lost: what is saved now and what you typed are both below. "
		      "Your version is in the form; check it against theirs, then save again."));
		if (d.n > 0) {
			html(&b, "<div class=\"table-wrap\" tabindex=\"0\"><table><caption>%s"
			    "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			    "<th scope=\"col\">%s</th></tr></thead><tbody>",
			    _("Where the two versions differ"), _("Field"), _("Saved now"),
			    _("Yours"));
			for (i = 0; i < d.n; i++) {
				html(&b, "<tr><th scope=\"row\">%s</th>",
				    field_label(d.name[i], self));
				diff_cell(r, &b, d.name[i], d.theirs[i], theirs);
				diff_cell(r, &b, d.name[i], d.mine[i], &mine);
				html_raw(&b, "</tr>");
			}
			html_raw(&b, "</tbody></table></div>");
		}
	}
	form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/edit", p->id), e);
	fields(r, &b, f, e, true, self);
	form_end(&b, _("Save"));
	html(&b, "<p><a href=\"/persons/%s\">%s</a></p></section>", p->id,
	    _("Back without saving"));
	layout_end(r, &b, status);
}

/* The record through the door for the edit form: read (and logged as a
 * read), then asked, without logging, whether the actor may change it.
 * Answers and returns NULL when not. */
static const struct grant *
may_edit(struct req *r, const char *id)
{
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_READ, CAT_BASIC, 0, &d);

	if (gr == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return NULL;
	}
	if (!door_may(r, gr, PA_EDIT_RECORD, CAT_BASIC)) {
		d = (struct decision){false, WHY_NONE, 403};
		door_refuse(r, &d, CAT_BASIC);
		return NULL;
	}
	return gr;
}

void
web_person_edit(struct req *r)
{
	const char *id = req_param(r, 0);
	const struct grant *gr;
	struct person_form f = {0};
	struct person p;
	int rc;

	if ((gr = may_edit(r, id)) == NULL)
		return;
	if ((rc = store_person_get(req_store(r), &r->arena, gr, &p)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503, rc == ERR_NOT_FOUND ?
		    PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	form_from_person(&f, &p);
	render_edit(r, 200, &p, &f, NULL, grant_is_self(gr), NULL);
}

struct person_change {
	const struct grant *g;
	struct person p;
	struct person_form f;
	const char *key, *sort;
	bool self;
	struct audit_entry *audit;
};

static int
write_update(struct store_tx *tx, void *arg)
{
	struct person_change *c = arg;
	int rc;

	if ((rc = store_tx_person_update(tx, c->g, &c->p, c->key, c->sort)) != 0)
		return rc;
	return store_tx_audit_append(tx, c->audit);
}

static void
after_update(struct req *r, int rc)
{
	struct person_change *c = r->write_arg;
	struct person now;

	if (rc == ERR_CONFLICT) {
		if (store_person_get(req_store(r), &r->arena, c->g, &now) != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		/* Saving again overwrites what is saved now, knowingly. */
		c->f.version = now.version;
		render_edit(r, 409, &now, &c->f, NULL, c->self, &now);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s?saved=1", c->p.id));
}

void
web_person_update(struct req *r)
{
	const char *id = req_param(r, 0);
	struct person_change *c;
	struct person cur;
	struct form_errors e = {0};
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_EDIT_RECORD, CAT_BASIC, 0, &d);
	struct diff changed;
	struct buf detail;
	size_t i;
	int rc;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	if ((rc = store_person_get(req_store(r), &r->arena, gr, &cur)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503, rc == ERR_NOT_FOUND ?
		    PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	c->self = grant_is_self(gr);
	c->g = gr;
	read_form(r, &c->f, &e, true);
	if (e.n > 0) {
		render_edit(r, 422, &cur, &c->f, &e, c->self, NULL);
		return;
	}
	/* What the form does not change stays; the version is the one the
	 * form was made from, so a change in between is refused. */
	c->p = cur;
	person_from_form(&c->p, &c->f);
	c->p.updated_us = clock_now_us();
	c->p.version = c->f.version + 1;
	c->key = person_name_key(&r->arena, c->p.display_name);
	c->sort = person_name_sort(&r->arena, c->p.display_name);
	/* The audit says which fields changed, never their values. */
	diff_people(&changed, &c->p, &cur);
	buf_init(&detail, &r->arena);
	for (i = 0; i < changed.n; i++) {
		if (i > 0)
			buf_puts(&detail, ",");
		buf_puts(&detail, changed.name[i]);
	}
	c->audit = req_audit(r, "person.update", arena_printf(&r->arena, "person:%s", id),
	    changed.n > 0 ? detail.data : NULL);
	req_defer_write(r, write_update, c, after_update);
}
