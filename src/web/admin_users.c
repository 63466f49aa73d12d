/* Accounts and their roles in organisations.
 *   GET  /admin/users                      org admin, system admin: the accounts, and
 *                                          a form to add one
 *   POST /admin/users                      adds an account with a one-time invitation link
 *   GET  /admin/users/{id}                 one account: its roles, and what may be done
 *   POST /admin/users/{id}/roles           sets a role in an organisation
 *   POST /admin/users/{id}/roles/remove    takes a role away
 *   POST /admin/users/{id}/disable         disables the account and ends its sessions
 *   POST /admin/users/{id}/enable          enables it again
 *   POST /admin/users/{id}/reset           a one-time link to choose a new password
 *   POST /admin/users/{id}/second-factor/reset   turns their second factor off (a
 *                                          lost phone) and ends their sessions
 *
 * The route table admits organisation admins (of the organisation they act
 * for) and system admins. A system admin sees every account; an
 * organisation admin only the members of the organisation they act for,
 * and any other account answers 404 as if it did not exist, so these pages
 * never tell whether an account exists. Roles are changed as
 * policy_may_manage_members() says, accounts disabled, enabled and reset as
 * policy_may_manage_user() says (never one's own: that is the settings
 * page). Every change is audited.
 *
 * Accounts are made without a password: the page shows a one-time link
 * once, and only the link's hash is kept. */
#include "web/admin_users.h"

#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/secret.h"
#include "base/timefmt.h"
#include "core/account.h"
#include "core/actor.h"
#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "http/session.h"
#include "policy/policy.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/second_factor.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

#define PAGE 50

/* What the add-an-account and role forms hold, as typed. */
struct user_form {
	const char *username, *display_name, *kind, *org, *role;
	const char *glass;          /* "1": may ask for emergency access */
};

/* The account a /admin/users/{id} request is about. */
struct target {
	struct user u;
	struct membership *ms;        /* every role, in disabled organisations too */
	size_t n;
	bool in_my_org;               /* a member of the organisation the actor acts for */
	bool in_other_orgs;           /* a member of any other */
};

/* Whether the actor sees every account, not only their organisation's.
 * That is the system admin, the one who may manage organisations. */
static bool
sees_everyone(const struct actor *a)
{
	return policy_may_manage_orgs(a);
}

/* Whether the actor administers accounts at all: a system admin, or the
 * admin of the organisation they act for. The route table already says
 * so; this keeps a staff member without an organisation from ever
 * reaching a query that is not limited to one. */
static bool
may_administer(struct req *r)
{
	const struct actor *a = r->actor;

	if (sees_everyone(a) || (a != NULL && a->org_id != NULL &&
	    policy_may_manage_members(a, a->org_id)))
		return true;
	error_respond(r, 403, PROBLEM_FORBIDDEN);
	return false;
}

static const char *
viewer_zone(struct req *r)
{
	return r->actor != NULL && r->actor->org_time_zone != NULL ?
	    r->actor->org_time_zone : "UTC";
}

static const char *
date(struct req *r, int64_t us)
{
	return timefmt_instant(&r->arena, us, viewer_zone(r), r->lang, TIMEFMT_DATE);
}

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

static const char *
status_label(const struct user *u)
{
	if (u->disabled_us)
		return _("Disabled");
	if (u->password_hash == NULL)
		return _("Invited, no password yet");
	return _("Active");
}

static void
admin_nav(struct req *r, struct buf *b)
{
	html(b, "<nav aria-label=\"%s\"><p><a href=\"/admin/users\">%s</a>",
	    _("Administration"), _("Accounts"));
	if (policy_may_edit_pathways(r->actor, r->actor->org_id))
		html(b, " · <a href=\"/admin/pathways\">%s</a>", _("Pathway templates"));
	if (r->actor->org_id != NULL && policy_may_manage_members(r->actor, r->actor->org_id))
		html(b, " · <a href=\"/admin/second-factor\">%s</a>", _("Second factor for staff"));
	if (policy_may_manage_orgs(r->actor))
		html(b, " · <a href=\"/admin/organisations\">%s</a>", _("Organisations"));
	if (policy_may_read_audit(r->actor))
		html(b, " · <a href=\"/admin/audit\">%s</a>", _("Audit log"));
	html_raw(b, "</p></nav>");
}

static void
notice(struct buf *b, const char *message)
{
	if (message != NULL)
		html(b, "<p class=\"notice\" role=\"status\">%s</p>", message);
}

/* The organisations that are not disabled, for a system admin's select;
 * values and labels get a leading "none" entry when with_none. */
static size_t
org_choices(struct req *r, bool with_none, const char ***values, const char ***labels)
{
	struct organisation *os;
	size_t n = 0, i, k = 0;

	if (store_org_list(req_store(r), &r->arena, &os, &n) != 0)
		n = 0;
	*values = arena_alloc(&r->arena, (n + 1) * sizeof(**values));
	*labels = arena_alloc(&r->arena, (n + 1) * sizeof(**labels));
	if (with_none) {
		(*values)[k] = "";
		(*labels)[k++] = _("No organisation");
	}
	for (i = 0; i < n; i++) {
		if (os[i].disabled_us)
			continue;
		(*values)[k] = os[i].id;
		(*labels)[k++] = os[i].name;
	}
	return k;
}

static void
role_select(struct buf *b, const char *label, const char *selected,
    const struct form_errors *e)
{
	const char *values[ROLE_COUNT - 1], *labels[ROLE_COUNT - 1];
	int i;

	for (i = 1; i < ROLE_COUNT; i++) {
		values[i - 1] = role_code((enum role)i);
		labels[i - 1] = role_label((enum role)i);
	}
	form_select(b, "role", label, values, labels, ROLE_COUNT - 1, selected, e);
}

/* The list of accounts */

static void
render_users(struct req *r, unsigned status, const char *after, const struct user_form *f,
    const struct form_errors *e, const char *message)
{
	const struct actor *a = r->actor;
	bool all = sees_everyone(a);
	const char *kind_values[USER_KIND_COUNT], *kind_labels[USER_KIND_COUNT];
	const char **org_values, **org_labels;
	struct user_form empty = {"", "", "staff", "", "professional", "0"};
	struct user *us;
	struct membership m;
	struct buf b, next;
	size_t n, i, norgs;
	char *key;
	int k;

	if (after == NULL)
		after = "";
	if (f == NULL)
		f = &empty;
	if (store_user_list(req_store(r), &r->arena, all ? NULL : a->org_id, after, PAGE + 1,
	    &us, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Accounts"));
	admin_nav(r, &b);
	if (all)
		html(&b, "<h1>%s</h1>", _("Accounts"));
	else
		html(&b, "<h1>%s</h1>", arena_printf(&r->arena, _("Accounts in %s"),
		    a->org_name));
	notice(&b, message);

	if (n == 0) {
		html(&b, "<p>%s</p>", *after ? _("There are no more accounts.") :
		    _("There are no accounts here yet."));
	} else {
		html(&b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
		    _("User name"), _("Full name"), _("Kind"));
		if (!all)
			html(&b, "<th scope=\"col\">%s</th>", _("Role"));
		html(&b, "<th scope=\"col\">%s</th></tr></thead><tbody>", _("Status"));
		for (i = 0; i < n && i < PAGE; i++) {
			html(&b, "<tr><td><a href=\"/admin/users/%s\">%s</a></td><td>%s</td>"
			    "<td>%s</td>", us[i].id, us[i].username, us[i].display_name,
			    user_kind_label(us[i].kind));
			if (!all)
				html(&b, "<td>%s</td>", store_membership_get(req_store(r),
				    &r->arena, us[i].id, a->org_id, &m) == 0 ?
				    role_label(m.role) : "");
			html(&b, "<td>%s</td></tr>", status_label(&us[i]));
		}
		html_raw(&b, "</tbody></table></div>");
	}
	if (n > PAGE || *after) {
		html(&b, "<nav class=\"pager\" aria-label=\"%s\"><p>", _("Pages"));
		if (*after)
			html(&b, "<a href=\"/admin/users\">%s</a> ", _("First page"));
		if (n > PAGE) {
			key = arena_strdup(&r->arena, us[PAGE - 1].username);
			username_key(us[PAGE - 1].username, key);
			buf_init(&next, &r->arena);
			buf_puts(&next, "/admin/users?after=");
			url_encode(&next, key);
			html(&b, "<a href=\"%s\" rel=\"next\">%s</a>", next.data, _("Next page"));
		}
		html_raw(&b, "</p></nav>");
	}

	html(&b, "<section aria-labelledby=\"add\"><h2 id=\"add\">%s</h2><p>%s</p>",
	    _("Add an account"),
	    _("The new account has no password yet. You get a link to give to the "
	      "person, with which they choose their own password."));
	form_begin(r, &b, "/admin/users", e);
	form_input(&b, "username", _("User name"), "text", f->username, "off",
	    _("3 to 64 letters, digits or the signs . _ - @ (an e-mail address fits). "
	      "They sign in with this name."), e);
	form_input(&b, "display_name", _("Full name"), "text", f->display_name, "off",
	    _("The name others see."), e);
	for (k = 0; k < USER_KIND_COUNT; k++) {
		kind_values[k] = user_kind_code((enum user_kind)k);
		kind_labels[k] = user_kind_label((enum user_kind)k);
	}
	form_select(&b, "kind", _("Kind of account"), kind_values, kind_labels,
	    USER_KIND_COUNT, f->kind, e);
	if (all) {
		html(&b, "<p class=\"hint\">%s</p>",
		    _("For staff members: the organisation they work for and their role "
		      "there. More roles can be added on the account's page."));
		norgs = org_choices(r, true, &org_values, &org_labels);
		form_select(&b, "org", _("Organisation"), org_values, org_labels, norgs,
		    f->org, e);
		role_select(&b, _("Role"), f->role, e);
	} else {
		html(&b, "<p class=\"hint\">%s</p>",
		    _("Staff members get a role in your organisation. People in recovery "
		      "and their family get no role."));
		role_select(&b, arena_printf(&r->arena, _("Role in %s"), a->org_name),
		    f->role, e);
	}
	form_end(&b, _("Add account"));
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

void
web_admin_users(struct req *r)
{
	const char *after = req_query(r, "after"), *done = req_query(r, "done");

	if (!may_administer(r))
		return;
	if (after != NULL && strlen(after) > USERNAME_MAX)
		after = NULL;
	render_users(r, 200, after, NULL, NULL, done && strcmp(done, "removed") == 0 ?
	    _("The role is removed.") : NULL);
}

/* The page that shows a one-time link, once. */
static void
render_link(struct req *r, const char *title, const char *lead, const char *token,
    const char *validity, const char *user_id, bool visible)
{
	const char *base = server_config(r->srv)->base_url;
	size_t blen = strlen(base);
	struct buf b;

	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	buf_init(&b, &r->arena);
	layout_begin(r, &b, title);
	html(&b, "<section class=\"narrow\"><h1>%s</h1><p>%s</p>", title, lead);
	html(&b, "<p class=\"secret\">%s/invite/%s</p>",
	    arena_strndup(&r->arena, base, blen), token);
	html(&b, "<p class=\"notice\" role=\"status\">%s %s</p>",
	    _("This link is shown only this once: copy it now and give it to them in a "
	      "way only they can read. It can be used once."), validity);
	html_raw(&b, "<p>");
	if (visible)
		html(&b, "<a class=\"button secondary\" href=\"/admin/users/%s\">%s</a> ",
		    user_id, _("Open the account"));
	html(&b, "<a href=\"/admin/users\">%s</a></p></section>", _("Back to accounts"));
	layout_end(r, &b, 200);
}

/* Adding an account */

struct user_create {
	struct user u;
	char id[ID_LEN + 1];
	char key[USERNAME_MAX + 1];
	char token[SECRET_LEN + 1], hash[SECRET_HASH_LEN + 1];
	const char *org_id;
	enum role role;
	struct invitation_row inv;
	struct user_form f;
	struct audit_entry *audit, *audit_role;
};

static int
write_create(struct store_tx *tx, void *arg)
{
	struct user_create *c = arg;
	int rc;

	if ((rc = store_tx_user_insert(tx, &c->u, c->key)) != 0)
		return rc;
	if (c->org_id != NULL && (rc = store_tx_membership_set(tx, c->u.id, c->org_id,
	    c->role, c->u.created_us)) != 0)
		return rc;
	if ((rc = store_tx_invitation_insert(tx, &c->inv)) != 0)
		return rc;
	if ((rc = store_tx_audit_append(tx, c->audit)) != 0)
		return rc;
	return c->audit_role ? store_tx_audit_append(tx, c->audit_role) : 0;
}

static void
after_create(struct req *r, int rc)
{
	struct user_create *c = r->write_arg;
	struct form_errors e = {0};
	bool visible;

	if (rc == ERR_CONFLICT) {
		form_error(&e, "username", "taken");
		render_users(r, 422, NULL, &c->f, &e, NULL);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	visible = sees_everyone(r->actor) || (c->org_id != NULL && r->actor->org_id != NULL &&
	    strcmp(c->org_id, r->actor->org_id) == 0);
	render_link(r, _("The account is ready"),
	    arena_printf(&r->arena, _("Give %s (user name %s) this link. With it they "
	    "choose their password and sign in:"), c->u.display_name, c->u.username),
	    c->token, _("It works for 7 days."), c->u.id, visible);
}

/* Checks the organisation and role of the add-an-account form. */
static void
read_placement(struct req *r, struct user_create *c, struct form_errors *e)
{
	const struct actor *a = r->actor;
	struct organisation o;

	c->f.org = req_form(r, "org");
	c->f.role = req_form(r, "role");
	if (c->u.kind != USER_STAFF)
		return;               /* roles are for staff */
	if (!sees_everyone(a)) {
		c->org_id = a->org_id;
	} else if (c->f.org != NULL && *c->f.org != '\0') {
		if (!id_valid(c->f.org, strlen(c->f.org)) ||
		    store_org_get(req_store(r), &r->arena, c->f.org, &o) != 0 || o.disabled_us)
			form_error(e, "org", "invalid_choice");
		else
			c->org_id = o.id;
	}
	if (c->org_id != NULL && !role_parse(c->f.role, &c->role))
		form_error(e, "role", "invalid_choice");
}

void
web_admin_user_create(struct req *r)
{
	struct user_create *c = arena_alloc(&r->arena, sizeof(*c));
	struct form_errors e = {0};
	struct user other;
	const char *code;
	int64_t now = clock_now_us();

	if (!may_administer(r))
		return;
	c->f.username = form_text(r, &e, "username", true, USERNAME_MAX);
	if (form_error_at(&e, "username") == NULL &&
	    (code = check_username(c->f.username)) != NULL)
		form_error(&e, "username", code);
	c->f.display_name = form_text(r, &e, "display_name", true, NAME_MAX_CHARS);
	if (form_error_at(&e, "display_name") == NULL &&
	    (code = check_name(c->f.display_name, NAME_MAX_CHARS)) != NULL)
		form_error(&e, "display_name", code);
	c->f.kind = req_form(r, "kind");
	if (!user_kind_parse(c->f.kind, &c->u.kind))
		form_error(&e, "kind", "invalid_choice");
	else
		read_placement(r, c, &e);
	if (form_error_at(&e, "username") == NULL) {
		username_key(c->f.username, c->key);
		if (store_user_by_username(req_store(r), &r->arena, c->key, &other) == 0)
			form_error(&e, "username", "taken");
	}
	if (e.n > 0) {
		render_users(r, 422, NULL, &c->f, &e, NULL);
		return;
	}
	if (c->org_id != NULL && !policy_may_manage_members(r->actor, c->org_id)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	id_new(c->id);
	c->u.id = c->id;
	c->u.username = c->f.username;
	c->u.display_name = trimmed(r, c->f.display_name);
	c->u.created_us = now;
	secret_new(c->token);
	secret_hash(c->token, c->hash);
	c->inv.token_hash = c->hash;
	c->inv.user_id = c->id;
	c->inv.created_by = r->actor->user.id;
	c->inv.purpose = "join";
	c->inv.created_us = now;
	c->inv.expires_us = now + INVITATION_US;
	c->audit = req_audit(r, "user.create", arena_printf(&r->arena, "user:%s", c->id),
	    arena_printf(&r->arena, "kind=%s", user_kind_code(c->u.kind)));
	if (c->org_id != NULL)
		c->audit_role = req_audit(r, "membership.set",
		    arena_printf(&r->arena, "user:%s", c->id),
		    arena_printf(&r->arena, "organisation=%s role=%s", c->org_id,
		    role_code(c->role)));
	req_defer_write(r, write_create, c, after_create);
}

/* One account */

/* Loads the account named by the path into t, if the actor may see it.
 * Otherwise answers (404, or 503) and returns false. */
static bool
load_target(struct req *r, struct target *t)
{
	const struct actor *a = r->actor;
	const char *id = req_param(r, 0);
	size_t i;
	int rc;

	if (!may_administer(r))
		return false;
	rc = store_user_get(req_store(r), &r->arena, id, &t->u);
	if (rc == 0)
		rc = store_memberships_of_user_all(req_store(r), &r->arena, id, &t->ms, &t->n);
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	t->in_my_org = t->in_other_orgs = false;
	for (i = 0; i < t->n; i++) {
		if (a->org_id != NULL && strcmp(t->ms[i].org_id, a->org_id) == 0)
			t->in_my_org = true;
		else
			t->in_other_orgs = true;
	}
	/* Not 403: an organisation admin learns nothing of other accounts. */
	if (!sees_everyone(a) && !t->in_my_org) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return false;
	}
	return true;
}

static bool
may_manage(struct req *r, const struct target *t)
{
	return policy_may_manage_user(r->actor, t->u.id, t->in_my_org, t->in_other_orgs,
	    t->u.sysadmin);
}

/* Like load_target, and 403 unless the actor may disable, enable or reset it. */
static bool
load_managed(struct req *r, struct target *t)
{
	if (!load_target(r, t))
		return false;
	if (!may_manage(r, t)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return false;
	}
	return true;
}

static const char *
user_url(struct req *r, const char *id, const char *rest)
{
	return arena_printf(&r->arena, "/admin/users/%s%s", id, rest);
}

static void
render_memberships(struct req *r, struct buf *b, const struct target *t, bool all)
{
	const struct actor *a = r->actor;
	struct organisation o;
	size_t i, shown = 0;

	for (i = 0; i < t->n; i++) {
		const struct membership *m = &t->ms[i];

		if (!all && strcmp(m->org_id, a->org_id) != 0)
			continue;
		if (shown++ == 0)
			html(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
			    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			    "<th scope=\"col\">%s</th></tr></thead><tbody>",
			    _("Organisation"), _("Role"), _("Change"));
		if (all)
			html(b, "<tr><td><a href=\"/admin/organisations/%s\">%s</a>", m->org_id,
			    m->org_name);
		else
			html(b, "<tr><td>%s", m->org_name);
		if (all && store_org_get(req_store(r), &r->arena, m->org_id, &o) == 0 &&
		    o.disabled_us)
			html(b, " <span class=\"small\">(%s)</span>", _("disabled"));
		html(b, "</td><td>%s", role_label(m->role));
		if (m->may_break_glass)
			html(b, "<br><span class=\"small\">%s</span>",
			    _("May ask for emergency access"));
		html_raw(b, "</td><td>");
		if (policy_may_manage_members(a, m->org_id)) {
			html(b, "<form method=\"post\" action=\"%s\" class=\"inline\">",
			    user_url(r, t->u.id, "/roles/remove"));
			form_csrf(r, b);
			html(b, "<input type=\"hidden\" name=\"org\" value=\"%s\">"
			    "<p class=\"small\">%s</p>"
			    "<button type=\"submit\" class=\"button danger\">%s</button></form>",
			    m->org_id,
			    _("They can no longer act for this organisation. Their account "
			      "stays, and so does what they recorded."),
			    _("Remove this role"));
		}
		html_raw(b, "</td></tr>");
	}
	if (shown > 0)
		html_raw(b, "</tbody></table></div>");
	else
		html(b, "<p>%s</p>", _("No role in any organisation."));
	if (!all && t->in_other_orgs)
		html(b, "<p class=\"small\">%s</p>",
		    _("This person also works for another organisation."));
}

static void
render_role_form(struct req *r, struct buf *b, const struct target *t,
    const struct user_form *f, const struct form_errors *e, bool all)
{
	const struct actor *a = r->actor;
	const char **org_values, **org_labels;
	static const char *const glass_values[] = {"0", "1"};
	const char *glass_labels[] = {_("No"), _("Yes, when someone outside their care "
	    "needs help now")};
	const char *current = NULL, *glass = "0";
	size_t i, norgs;

	html(b, "<h3 id=\"role\">%s</h3>", _("Give a role or change it"));
	form_begin(r, b, user_url(r, t->u.id, "/roles"), e);
	if (all) {
		norgs = org_choices(r, false, &org_values, &org_labels);
		form_select(b, "org", _("Organisation"), org_values, org_labels, norgs,
		    f ? f->org : NULL, e);
		role_select(b, _("Role"), f ? f->role : NULL, e);
	} else {
		for (i = 0; i < t->n; i++)
			if (strcmp(t->ms[i].org_id, a->org_id) == 0) {
				current = role_code(t->ms[i].role);
				glass = t->ms[i].may_break_glass ? "1" : "0";
			}
		html(b, "<input type=\"hidden\" name=\"org\" value=\"%s\">", a->org_id);
		role_select(b, arena_printf(&r->arena, _("Role in %s"), a->org_name),
		    f ? f->role : current, e);
	}
	/* Breaking the glass is a right given on purpose, to roles with a
	 * duty of care (policy_may_break_glass). */
	form_select(b, "glass", _("May ask for emergency access to people outside their care"),
	    glass_values, glass_labels, 2, f && f->glass ? f->glass : glass, e);
	html(b, "<p class=\"small\">%s</p>", _("Only for organisation admins, coordinators "
	    "and professionals with a duty of care. The person sees every emergency access, "
	    "who asked and why."));
	form_end(b, _("Save role"));
}

static void
render_actions(struct req *r, struct buf *b, const struct target *t)
{
	bool factor = false;

	if (strcmp(r->actor->user.id, t->u.id) == 0) {
		html(b, "<p>%s <a href=\"/me/settings\">%s</a></p>",
		    _("This is your own account."), _("Change your password and settings "
		    "on your settings page."));
		return;
	}
	if (!may_manage(r, t)) {
		html(b, "<p>%s</p>",
		    _("Only a system administrator can disable this account or make a "
		      "password link for it, because it also belongs to another organisation "
		      "or is a system administrator's."));
		return;
	}
	if (t->u.disabled_us == 0) {
		html(b, "<p>%s</p>",
		    _("Disabling signs them out everywhere at once, and they cannot sign in "
		      "until the account is enabled again. Nothing is deleted."));
		form_button(r, b, user_url(r, t->u.id, "/disable"), _("Disable account"),
		    "button danger");
		html(b, "<p>%s</p>",
		    _("A password link lets them choose a new password. It works once, for "
		      "24 hours. Making one signs them out everywhere and makes older links "
		      "stop working; their current password works until they choose a new "
		      "one."));
		form_button(r, b, user_url(r, t->u.id, "/reset"), _("Make a password link"),
		    "button secondary");
		if (store_second_factor_on(req_store(r), t->u.id, &factor) == 0 && factor) {
			html(b, "<p>%s</p>",
			    _("They sign in with a second factor. If they lost their phone and "
			      "their recovery codes, turn it off here; this signs them out "
			      "everywhere."));
			form_button(r, b, user_url(r, t->u.id, "/second-factor/reset"),
			    _("Reset their second factor"), "button secondary");
		}
	} else {
		html(b, "<p>%s</p>",
		    _("Enabling lets them sign in again with their password. If they do not "
		      "have it any more, make a password link afterwards."));
		form_button(r, b, user_url(r, t->u.id, "/enable"), _("Enable account"),
		    "button");
	}
}

/* One account's page; f and e are the role form's input and errors. */
static void
render_user(struct req *r, unsigned status, const struct target *t,
    const struct user_form *f, const struct form_errors *e, const char *message)
{
	const struct actor *a = r->actor;
	bool all = sees_everyone(a);
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, t->u.display_name);
	admin_nav(r, &b);
	html(&b, "<h1>%s</h1>", t->u.display_name);
	notice(&b, message);
	html(&b, "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
	    _("User name"), t->u.username, _("Kind"), user_kind_label(t->u.kind));
	if (t->u.sysadmin)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("System administrator"), _("Yes"));
	html(&b, "<dt>%s</dt><dd>%s</dd>", _("Status"), status_label(&t->u));
	if (t->u.disabled_us)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Disabled on"), date(r, t->u.disabled_us));
	html(&b, "<dt>%s</dt><dd>%s</dd></dl>", _("Added on"), date(r, t->u.created_us));

	html(&b, "<section aria-labelledby=\"roles\"><h2 id=\"roles\">%s</h2>",
	    _("Roles in organisations"));
	render_memberships(r, &b, t, all);
	if (t->u.kind == USER_STAFF && (all || policy_may_manage_members(a, a->org_id)))
		render_role_form(r, &b, t, f, e, all);
	html_raw(&b, "</section>");

	html(&b, "<section aria-labelledby=\"account\"><h2 id=\"account\">%s</h2>",
	    _("Account"));
	render_actions(r, &b, t);
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

void
web_admin_user(struct req *r)
{
	struct target t;
	const char *done = req_query(r, "done"), *message = NULL;

	if (!load_target(r, &t))
		return;
	if (done != NULL && strcmp(done, "role") == 0)
		message = _("The role is saved.");
	else if (done != NULL && strcmp(done, "removed") == 0)
		message = _("The role is removed.");
	else if (done != NULL && strcmp(done, "disabled") == 0)
		message = _("The account is disabled, and signed out everywhere.");
	else if (done != NULL && strcmp(done, "enabled") == 0)
		message = _("The account is enabled again.");
	else if (done != NULL && strcmp(done, "factor") == 0)
		message = _("Their second factor is off, and they are signed out everywhere. "
		    "They set it up again at their next sign-in if their organisation requires "
		    "it.");
	render_user(r, 200, &t, NULL, NULL, message);
}

/* Changes that answer with a redirect */

enum change { CHANGE_ROLE, CHANGE_REMOVE, CHANGE_DISABLE, CHANGE_ENABLE, CHANGE_RESET,
	CHANGE_FACTOR };

struct user_change {
	enum change what;
	const char *user_id, *org_id;
	enum role role;
	bool glass, glass_sent;
	int64_t now;
	const char *redirect;
	struct target t;
	char token[SECRET_LEN + 1], hash[SECRET_HASH_LEN + 1];
	struct invitation_row inv;
	struct audit_entry *audit;
};

static int
write_change(struct store_tx *tx, void *arg)
{
	struct user_change *c = arg;
	int rc = 0;

	switch (c->what) {
	case CHANGE_ROLE:
		if ((rc = store_tx_membership_set(tx, c->user_id, c->org_id, c->role,
		    c->now)) == 0)
			rc = c->glass_sent ? store_tx_membership_glass(tx, c->user_id,
			    c->org_id, c->glass) : 0;
		break;
	case CHANGE_REMOVE:
		rc = store_tx_membership_delete(tx, c->user_id, c->org_id);
		break;
	case CHANGE_DISABLE:
		if ((rc = store_tx_user_set_disabled(tx, c->user_id, c->now)) == 0 &&
		    (rc = store_tx_sessions_delete_user(tx, c->user_id, NULL)) == 0)
			rc = store_tx_invitations_end_user(tx, c->user_id, c->now);
		break;
	case CHANGE_ENABLE:
		rc = store_tx_user_set_disabled(tx, c->user_id, 0);
		break;
	case CHANGE_FACTOR:
		if ((rc = store_tx_second_factor_delete(tx, c->user_id)) == 0)
			rc = store_tx_sessions_delete_user(tx, c->user_id, NULL);
		break;
	case CHANGE_RESET:
		if ((rc = store_tx_invitations_end_user(tx, c->user_id, c->now)) == 0 &&
		    (rc = store_tx_invitation_insert(tx, &c->inv)) == 0)
			rc = store_tx_sessions_delete_user(tx, c->user_id, NULL);
		break;
	}
	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_change(struct req *r, int rc)
{
	struct user_change *c = r->write_arg;

	if (rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (c->what == CHANGE_RESET) {
		render_link(r, _("A new password link"),
		    arena_printf(&r->arena, _("Give %s (user name %s) this link. With it "
		    "they choose a new password. They have been signed out everywhere."),
		    c->t.u.display_name, c->t.u.username),
		    c->token, _("It works for 24 hours."), c->user_id, true);
		return;
	}
	resp_redirect(r, 303, c->redirect);
}

static struct user_change *
change_new(struct req *r, enum change what)
{
	struct user_change *c = arena_alloc(&r->arena, sizeof(*c));

	c->what = what;
	c->now = clock_now_us();
	return c;
}

static void
change_submit(struct req *r, struct user_change *c, const char *action,
    const char *detail)
{
	c->user_id = c->t.u.id;
	c->audit = req_audit(r, action, arena_printf(&r->arena, "user:%s", c->user_id),
	    detail);
	req_defer_write(r, write_change, c, after_change);
}

void
web_admin_user_role(struct req *r)
{
	struct user_change *c = change_new(r, CHANGE_ROLE);
	struct form_errors e = {0};
	struct organisation o = {0};
	struct user_form f = {0};

	if (!load_target(r, &c->t))
		return;
	f.org = req_form(r, "org");
	f.role = req_form(r, "role");
	f.glass = req_form(r, "glass");
	if (f.org == NULL || !id_valid(f.org, strlen(f.org))) {
		form_error(&e, "org", "invalid_choice");
	} else if (!policy_may_change_membership(r->actor, f.org, c->t.u.id)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	} else if (store_org_get(req_store(r), &r->arena, f.org, &o) != 0 || o.disabled_us) {
		form_error(&e, "org", "invalid_choice");
	}
	if (!role_parse(f.role, &c->role) || c->t.u.kind != USER_STAFF)
		form_error(&e, "role", "invalid_choice");
	/* The right to break the glass: unchanged when not sent; given only
	 * to roles with a duty of care. */
	c->glass_sent = f.glass != NULL;
	c->glass = c->glass_sent && strcmp(f.glass, "1") == 0;
	if ((c->glass_sent && !c->glass && strcmp(f.glass, "0") != 0) ||
	    (c->glass && c->role != ROLE_ORG_ADMIN && c->role != ROLE_COORDINATOR &&
	     c->role != ROLE_PROFESSIONAL))
		form_error(&e, "glass", "invalid_choice");
	if (e.n > 0) {
		render_user(r, 422, &c->t, &f, &e, NULL);
		return;
	}
	c->org_id = o.id;
	c->redirect = user_url(r, c->t.u.id, "?done=role");
	change_submit(r, c, "membership.set", arena_printf(&r->arena,
	    "organisation=%s role=%s%s", o.id, role_code(c->role), !c->glass_sent ? "" :
	    c->glass ? " emergency_access=yes" : " emergency_access=no"));
}

void
web_admin_user_role_remove(struct req *r)
{
	struct user_change *c = change_new(r, CHANGE_REMOVE);
	const char *org = req_form(r, "org");
	const struct actor *a = r->actor;
	bool member = false, still_mine;
	size_t i;

	if (!load_target(r, &c->t))
		return;
	if (org == NULL || !id_valid(org, strlen(org))) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (!policy_may_change_membership(a, org, c->t.u.id)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	for (i = 0; i < c->t.n; i++)
		if (strcmp(c->t.ms[i].org_id, org) == 0)
			member = true;
	if (!member) {      /* already gone: a second click, or another admin */
		resp_redirect(r, 303, user_url(r, c->t.u.id, ""));
		return;
	}
	c->org_id = arena_strdup(&r->arena, org);
	/* An organisation admin who removes someone from their own organisation
	 * can no longer see the account: back to the list. */
	still_mine = a->org_id != NULL && strcmp(a->org_id, org) != 0 && c->t.in_my_org;
	c->redirect = sees_everyone(a) || still_mine ?
	    user_url(r, c->t.u.id, "?done=removed") : "/admin/users?done=removed";
	change_submit(r, c, "membership.remove",
	    arena_printf(&r->arena, "organisation=%s", c->org_id));
}

void
web_admin_user_disable(struct req *r)
{
	struct user_change *c = change_new(r, CHANGE_DISABLE);

	if (!load_managed(r, &c->t))
		return;
	if (c->t.u.disabled_us) {
		resp_redirect(r, 303, user_url(r, c->t.u.id, ""));
		return;
	}
	c->redirect = user_url(r, c->t.u.id, "?done=disabled");
	change_submit(r, c, "user.disable", NULL);
}

void
web_admin_user_enable(struct req *r)
{
	struct user_change *c = change_new(r, CHANGE_ENABLE);

	if (!load_managed(r, &c->t))
		return;
	if (c->t.u.disabled_us == 0) {
		resp_redirect(r, 303, user_url(r, c->t.u.id, ""));
		return;
	}
	c->redirect = user_url(r, c->t.u.id, "?done=enabled");
	change_submit(r, c, "user.enable", NULL);
}

void
web_admin_user_reset(struct req *r)
{
	struct user_change *c = change_new(r, CHANGE_RESET);

	if (!load_managed(r, &c->t))
		return;
	if (c->t.u.disabled_us) {
		render_user(r, 409, &c->t, NULL, NULL,
		    _("This account is disabled. Enable it first, then make a password link."));
		return;
	}
	secret_new(c->token);
	secret_hash(c->token, c->hash);
	c->inv.token_hash = c->hash;
	c->inv.user_id = c->t.u.id;
	c->inv.created_by = r->actor->user.id;
	c->inv.purpose = "reset";
	c->inv.created_us = c->now;
	c->inv.expires_us = c->now + RESET_US;
	change_submit(r, c, "user.reset", NULL);
}

void
web_admin_user_factor_reset(struct req *r)
{
	struct user_change *c = change_new(r, CHANGE_FACTOR);
	bool on = false;

	if (!load_managed(r, &c->t))
		return;
	if (store_second_factor_on(req_store(r), c->t.u.id, &on) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (!on) {
		render_user(r, 409, &c->t, NULL, NULL, _("This account has no second factor."));
		return;
	}
	c->redirect = user_url(r, c->t.u.id, "?done=factor");
	change_submit(r, c, "second_factor.reset", NULL);
}
