/* A person's care network: who is in it now, and who was.
 *   GET  /persons/{id}/network               signed in; whoever may read the
 *                                            person's basic details
 *   POST /persons/{id}/network               adds someone: the home
 *                                            organisation's staff on duty
 *   POST /persons/{id}/network/{member}/end  ends a place: the same
 * The person sees their network here but does not manage it on this page
 * (adding their own family comes with the person's side). Ending a place
 * ends every access it gave, at once: its last day is yesterday. */
#include "web/network.h"

#include <string.h>
#include <time.h>

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
#include "store/accounts.h"
#include "store/audit.h"
#include "store/network.h"
#include "store/persons.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/phone.h"

/* What was typed into one of the two add forms, kept on error. */
struct add_form {
	const char *kind;                  /* "staff" or "family" */
	const char *org, *username, *name, *role, *contact, *from;
};

struct view {
	const struct add_form *f;
	const struct form_errors *e;
	const char *message;
};

static const char *const staff_roles[] = {"coordinator", "professional", "peer_worker",
	"volunteer"};
static const char *const family_roles[] = {"family", "supporter"};
#define NSTAFF_ROLES (sizeof(staff_roles) / sizeof(staff_roles[0]))
#define NFAMILY_ROLES (sizeof(family_roles) / sizeof(family_roles[0]))

/* The sentence for an error this page finds itself; NULL for the common
 * ones, which the form shows in its own words. */
static const char *
own_error(const char *code)
{
	if (code == NULL)
		return NULL;
	if (strcmp(code, "unknown_user") == 0)
		return _("No account has this user name. Check the spelling, or ask them for it.");
	if (strcmp(code, "not_in_org") == 0)
		return _("This account is not a staff member of the chosen organisation.");
	if (strcmp(code, "not_family") == 0)
		return _("This is not a family or supporter account. Add staff members with "
		    "the form for staff.");
	if (strcmp(code, "already_member") == 0)
		return _("They are already in the network.");
	return NULL;
}

/* The field's hint, or the page's own words for its error. */
static const char *
hint_or_error(const struct form_errors *e, const char *field, const char *hint)
{
	const char *own = own_error(form_error_at(e, field));

	return own != NULL ? own : hint;
}

static bool
is_current(const struct network_member *m, const char *today)
{
	return m->until_date == NULL || strcmp(m->until_date, today) >= 0;
}

/* Yesterday's date in UTC: the last day of a place ended today. */
static const char *
yesterday_utc(struct req *r)
{
	time_t t = (time_t)(clock_now_us() / US_PER_SEC) - 24 * 60 * 60;
	struct tm tm;

	gmtime_r(&t, &tm);
	return arena_printf(&r->arena, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

static const char *
date_text(struct req *r, const char *ymd)
{
	return ymd != NULL ? timefmt_date(&r->arena, ymd, r->lang) : "";
}

/* Each cell says its column in data-label: on a phone the CSS stacks a
 * row into a card and shows the label before the value. */
static void
member_cells(struct buf *b, const struct network_member *m)
{
	html(b, "<td class=\"row-main\">%s</td>"
	    "<td data-label=\"%s\">%s</td>"
	    "<td data-label=\"%s\">%s</td>",
	    m->display_name ? m->display_name : "", _("Role"), net_role_label(m->role),
	    _("Organisation"), m->org_name ? m->org_name : _("No organisation"));
}

/* The head of a stacked table: on a phone the CSS stacks each row into a
 * card, each value after its column's name (data-label). */
static void
stacked_head(struct buf *b, const char *const *cols, size_t n, bool actions)
{
	size_t i;

	html_raw(b, "<table class=\"stacked\"><thead>"
	    "<tr>");
	for (i = 0; i < n; i++)
		html(b, "<th scope=\"col\">%s</th>", cols[i]);
	if (actions)
		html(b, "<th scope=\"col\"><span class=\"visually-hidden\">"
		    "%s</span></th>", _("Actions"));
	html_raw(b, "</tr></thead><tbody>");
}

static void
current_table(struct req *r, struct buf *b, const char *person_id,
    const struct network_member *ms, size_t n, const char *today, bool manage)
{
	size_t i, shown = 0;

	for (i = 0; i < n; i++)
		if (is_current(&ms[i], today))
			shown++;
	html(b, "<section aria-labelledby=\"s-now\"><h2 id=\"s-now\">%s</h2>",
	    _("In the network now"));
	if (shown == 0) {
		html(b, "<p>%s</p></section>", _("No one is in the network yet."));
		return;
	}
	{
		const char *cols[] = {_("Name"), _("Role"), _("Organisation"),
		    _("How to reach them"), _("Since")};

		stacked_head(b, cols, 5, manage);
	}
	for (i = 0; i < n; i++) {
		const struct network_member *m = &ms[i];

		if (!is_current(m, today))
			continue;
		html_raw(b, "<tr>");
		member_cells(b, m);
		html(b, "<td data-label=\"%s\" class=\"contact\">",
		    _("How to reach them"));
		phone_html(b, &r->arena, m->contact ? m->contact : "");
		html(b, "</td><td data-label=\"%s\" class=\"when\">%s</td>",
		    _("Since"), date_text(r, m->from_date));
		if (manage) {
			html_raw(b, "<td>");
			form_button(r, b, arena_printf(&r->arena, "/persons/%s/network/%s/end",
			    person_id, m->id), arena_printf(&r->arena,
			    _("End the place of %s"), m->display_name ? m->display_name : ""),
			    "link-button");
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></section>");
}

static void
past_table(struct req *r, struct buf *b, const struct network_member *ms, size_t n,
    const char *today)
{
	size_t i, shown = 0;

	for (i = 0; i < n; i++)
		if (!is_current(&ms[i], today))
			shown++;
	if (shown == 0)
		return;
	html(b, "<section aria-labelledby=\"s-past\"><h2 id=\"s-past\">%s</h2>",
	    _("Earlier in the network"));
	{
		const char *cols[] = {_("Name"), _("Role"), _("Organisation"), _("From"),
		    _("Until")};

		stacked_head(b, cols, 5, false);
	}
	for (i = 0; i < n; i++) {
		const struct network_member *m = &ms[i];

		if (is_current(m, today))
			continue;
		html_raw(b, "<tr>");
		member_cells(b, m);
		html(b, "<td data-label=\"%s\" class=\"when\">%s</td>"
		    "<td data-label=\"%s\" class=\"when\">%s</td></tr>",
		    _("From"), date_text(r, m->from_date), _("Until"),
		    date_text(r, m->until_date));
	}
	html_raw(b, "</tbody></table></section>");
}

static void
role_select(struct buf *b, const char *name, const char *const *codes, size_t n,
    const char *selected, const struct form_errors *e)
{
	const char *labels[NSTAFF_ROLES];
	size_t i;
	enum net_role role;

	for (i = 0; i < n && i < NSTAFF_ROLES; i++)
		labels[i] = net_role_parse(codes[i], &role) ? net_role_label(role) : codes[i];
	form_select(b, name, _("Role in the network"), codes, labels, n, selected, e);
}

static void
add_forms(struct req *r, struct buf *b, const char *person_id, const char *today,
    const struct view *v)
{
	const char *action = arena_printf(&r->arena, "/persons/%s/network", person_id);
	bool staff_err = v->f != NULL && strcmp(v->f->kind, "staff") == 0;
	bool fam_err = v->f != NULL && strcmp(v->f->kind, "family") == 0;
	const struct add_form *sf = staff_err ? v->f : NULL, *ff = fam_err ? v->f : NULL;
	const struct form_errors *se = staff_err ? v->e : NULL, *fe = fam_err ? v->e : NULL;
	struct organisation *orgs;
	const char **ov, **ol;
	size_t n = 0, i, k = 0;

	store_org_list(req_store(r), &r->arena, &orgs, &n);
	ov = arena_alloc(&r->arena, (n + 1) * sizeof(*ov));
	ol = arena_alloc(&r->arena, (n + 1) * sizeof(*ol));
	ov[k] = "";
	ol[k++] = _("Choose an organisation");
	for (i = 0; i < n; i++) {
		if (orgs[i].disabled_us != 0)
			continue;
		ov[k] = orgs[i].id;
		ol[k++] = orgs[i].name;
	}

	html(b, "<section aria-labelledby=\"s-add-staff\"><h2 id=\"s-add-staff\">%s</h2>"
	    "<p>%s</p>", _("Add a staff member"),
	    _("Someone who works with the person, in this or another organisation. "
	      "They see what the person shares with their organisation; staff of the "
	      "home organisation work by duty."));
	form_begin(r, b, action, se);
	html_raw(b, "<input type=\"hidden\" name=\"kind\" value=\"staff\">");
	form_select(b, "org", _("Organisation"), ov, ol, k,
	    sf ? sf->org : r->actor->org_id, se);
	form_input(b, "username", _("Their user name in rosc"), "text",
	    sf ? sf->username : NULL, "off", hint_or_error(se, "username", NULL), se);
	role_select(b, "role", staff_roles, NSTAFF_ROLES, sf ? sf->role : "professional", se);
	form_input(b, "contact", _("How to reach them (optional)"), "text",
	    sf ? sf->contact : NULL, "off",
	    _("A phone number or e-mail address for the person and the network."), se);
	form_date(b, "from", _("In the network from"), sf ? sf->from : today, "off", NULL, se);
	form_end(b, _("Add to the network"));
	html_raw(b, "</section>");

	html(b, "<section aria-labelledby=\"s-add-family\"><h2 id=\"s-add-family\">%s</h2>"
	    "<p>%s</p>", _("Add family or a supporter"),
	    _("Someone close to the person. They see only what the person shares with "
	      "them by name. Without an account, they are listed with how to reach them."));
	form_begin(r, b, action, fe);
	html_raw(b, "<input type=\"hidden\" name=\"kind\" value=\"family\">");
	form_input(b, "fam_username", _("Their user name in rosc, if they have one"), "text",
	    ff ? ff->username : NULL, "off", hint_or_error(fe, "fam_username", NULL), fe);
	form_input(b, "fam_name", _("Name, if they have no account"), "text",
	    ff ? ff->name : NULL, "off", NULL, fe);
	role_select(b, "fam_role", family_roles, NFAMILY_ROLES, ff ? ff->role : "family", fe);
	form_input(b, "fam_contact", _("How to reach them (optional)"), "text",
	    ff ? ff->contact : NULL, "off", NULL, fe);
	form_date(b, "fam_from", _("In the network from"), ff ? ff->from : today, "off", NULL,
	    fe);
	form_end(b, _("Add to the network"));
	html_raw(b, "</section>");
}

static void
render(struct req *r, const char *id, unsigned status, const struct view *v)
{
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_READ, CAT_BASIC, 0, &d);
	struct network_member *ms;
	struct person p;
	const char *today = today_utc(r);
	struct buf b;
	size_t n = 0;
	bool manage;
	int rc;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	if ((rc = store_person_get(req_store(r), &r->arena, gr, &p)) != 0 ||
	    store_network(req_store(r), &r->arena, gr, &ms, &n) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	/* Asked without noting an access: showing the forms is not a change. */
	manage = door_may(r, gr, PA_MANAGE_NETWORK, CAT_BASIC);

	buf_init(&b, &r->arena);
	layout_begin(r, &b, arena_printf(&r->arena, _("Network of %s"), p.display_name));
	html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav>", id,
	    arena_printf(&r->arena, _("Back to %s"), p.display_name));
	html(&b, "<h1>%s</h1>", arena_printf(&r->arena, _("Network of %s"), p.display_name));
	if (v->message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", v->message);
	/* A page answering a mistake (422) is not written to the access log
	 * (server.c logs answers below 400), so it shows no more than the form. */
	if (status < 400) {
		current_table(r, &b, id, ms, n, today, manage);
		past_table(r, &b, ms, n, today);
	}
	if (manage)
		add_forms(r, &b, id, today, v);
	layout_end(r, &b, status);
}

void
web_network(struct req *r)
{
	const char *done = req_query(r, "done");
	struct view v = {0};

	if (done != NULL && strcmp(done, "added") == 0)
		v.message = _("They are in the network now.");
	else if (done != NULL && strcmp(done, "ended") == 0)
		v.message = _("Their place in the network has ended. What it gave them access "
		    "to has ended with it.");
	render(r, req_param(r, 0), 200, &v);
}

/* Adding */

struct add {
	const struct grant *gr;    /* the door's, to manage the network */
	struct network_member m;
	struct add_form f;
	struct form_errors e;
	const char *by, *today;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_add(struct store_tx *tx, void *arg)
{
	struct add *c = arg;
	int rc;

	if (c->m.user_id != NULL &&
	    (rc = store_tx_member_check_new(tx, c->gr, c->m.person_id, c->m.user_id,
	    c->m.org_id, c->today)) != 0)
		return rc;
	if ((rc = store_tx_member_insert(tx, c->gr, &c->m, c->now, c->by)) != 0)
		return rc;
	return store_tx_audit_append(tx, c->audit);
}

static void
after_add(struct req *r, int rc)
{
	struct add *c = r->write_arg;
	struct view v = {0};

	if (rc == ERR_CONFLICT) {
		form_error(&c->e, strcmp(c->f.kind, "staff") == 0 ? "username" : "fam_username",
		    "already_member");
		v.f = &c->f;
		v.e = &c->e;
		render(r, c->m.person_id, 422, &v);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/network?done=added",
	    c->m.person_id));
}

/* An account by user name, or ERR_NOT_FOUND (also for a malformed name). */
static int
user_named(struct req *r, const char *username, struct user *u)
{
	char key[USERNAME_MAX + 1];

	if (check_username(username) != NULL)
		return ERR_NOT_FOUND;
	username_key(username, key);
	return store_user_by_username(req_store(r), &r->arena, key, u);
}

static void
read_date(struct req *r, struct add *c, const char *field, const char **out)
{
	const char *v = form_text(r, &c->e, field, true, 10);

	*out = v;
	if (form_error_at(&c->e, field) == NULL && !clock_valid_date(v))
		form_error(&c->e, field, "invalid_date");
}

static void
read_staff(struct req *r, struct add *c)
{
	struct membership ms;
	struct organisation o;
	struct user u;

	c->f.org = req_form(r, "org");
	if (c->f.org == NULL || !id_valid(c->f.org, strlen(c->f.org)) ||
	    store_org_get(req_store(r), &r->arena, c->f.org, &o) != 0 || o.disabled_us != 0)
		form_error(&c->e, "org", "invalid_choice");
	c->f.username = form_text(r, &c->e, "username", true, USERNAME_MAX);
	c->f.role = req_form(r, "role");
	if (c->f.role == NULL || !net_role_parse(c->f.role, &c->m.role) ||
	    c->m.role > NET_VOLUNTEER)
		form_error(&c->e, "role", "invalid_choice");
	c->f.contact = form_text(r, &c->e, "contact", false, FIELD_MAX);
	read_date(r, c, "from", &c->f.from);
	if (form_error_at(&c->e, "username") == NULL) {
		if (user_named(r, c->f.username, &u) != 0 || u.kind != USER_STAFF)
			form_error(&c->e, "username", "unknown_user");
		else if (form_error_at(&c->e, "org") == NULL &&
		    store_membership_get(req_store(r), &r->arena, u.id, c->f.org, &ms) != 0)
			form_error(&c->e, "username", "not_in_org");
		else
			c->m.user_id = u.id;
	}
	c->m.org_id = c->f.org;
	c->m.contact = *c->f.contact ? c->f.contact : NULL;
	c->m.from_date = c->f.from;
}

static void
read_family(struct req *r, struct add *c)
{
	struct user u;

	c->f.username = form_text(r, &c->e, "fam_username", false, USERNAME_MAX);
	c->f.name = form_text(r, &c->e, "fam_name", false, FIELD_MAX);
	c->f.role = req_form(r, "fam_role");
	if (c->f.role == NULL || !net_role_parse(c->f.role, &c->m.role) ||
	    (c->m.role != NET_FAMILY && c->m.role != NET_SUPPORTER))
		form_error(&c->e, "fam_role", "invalid_choice");
	c->f.contact = form_text(r, &c->e, "fam_contact", false, FIELD_MAX);
	read_date(r, c, "fam_from", &c->f.from);
	if (form_error_at(&c->e, "fam_username") == NULL && *c->f.username != '\0') {
		if (user_named(r, c->f.username, &u) != 0)
			form_error(&c->e, "fam_username", "unknown_user");
		else if (u.kind != USER_FAMILY)
			form_error(&c->e, "fam_username", "not_family");
		else
			c->m.user_id = u.id;
	} else if (form_error_at(&c->e, "fam_username") == NULL &&
	    form_error_at(&c->e, "fam_name") == NULL &&
	    strspn(c->f.name, " \t\r\n") == strlen(c->f.name)) {
		/* Without an account, a name is what lists them. */
		form_error(&c->e, "fam_name", "required");
	}
	c->m.org_id = NULL;
	c->m.name = c->m.user_id == NULL && *c->f.name ? c->f.name : NULL;
	c->m.contact = *c->f.contact ? c->f.contact : NULL;
	c->m.from_date = c->f.from;
}

/* True if user_id (for org_id, or without one) has a current place. */
static bool
already_in(struct req *r, const struct grant *gr, const char *user_id, const char *org_id,
    const char *today)
{
	struct network_member *ms;
	size_t n = 0, i;

	if (user_id == NULL ||
	    store_network(req_store(r), &r->arena, gr, &ms, &n) != 0)
		return false;          /* the write checks again */
	for (i = 0; i < n; i++)
		if (ms[i].user_id != NULL && strcmp(ms[i].user_id, user_id) == 0 &&
		    ((ms[i].org_id == NULL && org_id == NULL) ||
		     (ms[i].org_id != NULL && org_id != NULL && strcmp(ms[i].org_id, org_id) == 0)) &&
		    is_current(&ms[i], today))
			return true;
	return false;
}

void
web_network_add(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_MANAGE_NETWORK, CAT_BASIC, 0, &d);
	struct add *c;
	struct view v = {0};
	char *mid;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	c->gr = gr;
	c->today = today_utc(r);
	c->f.kind = req_form(r, "kind");
	if (c->f.kind != NULL && strcmp(c->f.kind, "family") == 0) {
		read_family(r, c);
	} else {
		c->f.kind = "staff";
		read_staff(r, c);
	}
	if (c->e.n == 0 && already_in(r, gr, c->m.user_id, c->m.org_id, c->today))
		form_error(&c->e, strcmp(c->f.kind, "staff") == 0 ? "username" : "fam_username",
		    "already_member");
	if (c->e.n > 0) {
		v.f = &c->f;
		v.e = &c->e;
		render(r, id, 422, &v);
		return;
	}
	mid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(mid);
	c->m.person_id = id;
	c->m.id = mid;
	c->now = clock_now_us();
	c->by = r->actor->user.id;
	c->audit = req_audit(r, "network.add", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "member:%s %s", mid, net_role_code(c->m.role)));
	req_defer_write(r, write_add, c, after_add);
}

/* Ending */

struct end {
	const struct grant *gr;
	const char *person_id, *member_id, *until;
	struct audit_entry *audit;
};

static int
write_end(struct store_tx *tx, void *arg)
{
	struct end *c = arg;
	int rc = store_tx_member_end(tx, c->gr, c->person_id, c->member_id, c->until);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_end(struct req *r, int rc)
{
	struct end *c = r->write_arg;

	/* ERR_NOT_FOUND: it had ended meanwhile; the outcome is the same. */
	if (rc != 0 && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/network?done=ended",
	    c->person_id));
}

void
web_network_end(struct req *r)
{
	const char *id = req_param(r, 0), *mid = req_param(r, 1);
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_MANAGE_NETWORK, CAT_BASIC, 0, &d);
	struct network_member m;
	struct end *c;
	int rc;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	rc = store_member_get(req_store(r), &r->arena, gr, mid, &m);
	if (rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	c->gr = gr;
	c->person_id = id;
	c->member_id = mid;
	if (!is_current(&m, today_utc(r))) {
		/* Nothing left to end. */
		resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/network?done=ended", id));
		return;
	}
	c->until = yesterday_utc(r);
	c->audit = req_audit(r, "network.end", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "member:%s", mid));
	req_defer_write(r, write_end, c, after_end);
}
