/* Accepting an invitation, or a password reset: a one-time link that sets
 * one's own password (and, when joining, name and language), then signs in.
 *   GET  /invite/{token}   anyone holding the link
 *   POST /invite/{token}   anyone holding the link (pre-session CSRF token)
 * An unknown link is a 404; a used or expired one a 410 that says what to do. */
#include "web/invite.h"

#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/secret.h"
#include "core/account.h"
#include "core/actor.h"
#include "core/password.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

struct accept {
	const char *token;
	char hash[SECRET_HASH_LEN + 1];
	struct invitation_row inv;
	struct user user;
	bool reset;
	const char *name, *password, *lang;
	char pwhash[PASSWORD_HASH_MAX];
	char session[SECRET_LEN + 1], csrf[SECRET_LEN + 1];
	struct session_row row;
	struct audit_entry *audit;
	int64_t now;
};

static void
gone(struct req *r, unsigned status, const char *title, const char *text)
{
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, title);
	html(&b, "<section class=\"error\"><h1>%s</h1><p>%s</p><p><a class=\"button\" "
	    "href=\"/signin\">%s</a></p></section>", title, text, _("Go to sign in"));
	layout_end(r, &b, status);
}

/* Finds the invitation; answers and returns false when it cannot be used. */
static bool
load(struct req *r, struct accept *ac)
{
	ac->token = req_param(r, 0);
	ac->now = clock_now_us();
	secret_hash(ac->token, ac->hash);
	if (store_invitation_get(req_store(r), &r->arena, ac->hash, &ac->inv) != 0 ||
	    store_user_get(req_store(r), &r->arena, ac->inv.user_id, &ac->user) != 0) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return false;
	}
	ac->reset = strcmp(ac->inv.purpose, "reset") == 0;
	if (ac->inv.used_us != 0) {
		gone(r, 410, _("This link has already been used"),
		    _("Each link works once. If you have set your password, sign in with it. "
		      "Otherwise, ask the person who sent you the link for a new one."));
		return false;
	}
	if (ac->inv.expires_us <= ac->now || ac->user.disabled_us != 0) {
		gone(r, 410, _("This link has expired"),
		    _("Links work for a limited time, for your safety. Please ask the person "
		      "who sent it for a new one."));
		return false;
	}
	return true;
}

static void
render(struct req *r, unsigned status, struct accept *ac, const struct form_errors *e)
{
	static const char *const codes[] = {"en", "nl", "da"};
	const char *labels[3] = {lang_endonym(LANG_EN), lang_endonym(LANG_NL),
	    lang_endonym(LANG_DA)};
	const char *title = ac->reset ? _("Choose a new password") : _("Welcome to rosc");
	struct buf b, action;

	buf_init(&b, &r->arena);
	buf_init(&action, &r->arena);
	buf_puts(&action, "/invite/");
	buf_puts(&action, ac->token);
	layout_begin(r, &b, title);
	html(&b, "<section class=\"narrow\"><h1>%s</h1>", title);
	if (!ac->reset)
		html(&b, "<p>%s</p>", _("Someone has made an account for you. Choose your "
		    "password, and tell us your name and language as you like them."));
	html(&b, "<p>%s <strong>%s</strong></p>", _("Your user name:"), ac->user.username);
	form_begin(r, &b, action.data, e);
	if (!ac->reset)
		form_input(&b, "name", _("Your name, as others will see it"), "text",
		    ac->name ? ac->name : ac->user.display_name, "name",
		    _("A first name or a chosen name is fine."), e);
	form_input(&b, "password", _("New password"), "password", NULL, "new-password",
	    _("At least 10 characters. A few unrelated words make a strong password."), e);
	form_input(&b, "password2", _("The same password again"), "password", NULL,
	    "new-password", NULL, e);
	if (!ac->reset)
		form_select(&b, "lang", _("Language"), codes, labels, 3,
		    ac->lang ? ac->lang : (ac->user.lang ? ac->user.lang : lang_code(r->lang)), e);
	form_end(&b, _("Save and sign in"));
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

void
web_invite(struct req *r)
{
	struct accept *ac = arena_alloc(&r->arena, sizeof(*ac));

	if (load(r, ac))
		render(r, 200, ac, NULL);
}

static int
hash_password(void *arg)
{
	struct accept *ac = arg;

	return password_hash(ac->password, ac->pwhash);
}

static int
write_accept(struct store_tx *tx, void *arg)
{
	struct accept *ac = arg;
	int rc;

	/* Single use: a second try at the same moment finds it used. */
	if ((rc = store_tx_invitation_use(tx, ac->hash, ac->now)) != 0)
		return rc;
	if ((rc = store_tx_user_set_password(tx, ac->user.id, ac->pwhash, ac->now)) != 0)
		return rc;
	if (!ac->reset) {
		if ((rc = store_tx_user_set_name(tx, ac->user.id, ac->name)) != 0 ||
		    (rc = store_tx_user_set_lang(tx, ac->user.id, ac->lang)) != 0)
			return rc;
	}
	/* Whoever knew the old password is signed out. */
	if ((rc = store_tx_sessions_delete_user(tx, ac->user.id, NULL)) != 0)
		return rc;
	if ((rc = store_tx_session_insert(tx, &ac->row)) != 0)
		return rc;
	return store_tx_audit_append(tx, ac->audit);
}

static void
after_accept(struct req *r, int rc)
{
	struct accept *ac = r->write_arg;

	if (rc == ERR_CONFLICT) {
		gone(r, 410, _("This link has already been used"),
		    _("Each link works once. If you have set your password, sign in with it. "
		      "Otherwise, ask the person who sent you the link for a new one."));
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	session_set_cookie(r, ac->session);
	resp_redirect(r, 303, ac->row.org_id == NULL && ac->user.kind == USER_STAFF ?
	    "/signin/organisation" : "/");
}

static void
after_hash(struct req *r, int rc)
{
	struct accept *ac = r->write_arg;
	char hash[SECRET_HASH_LEN + 1];
	struct membership *ms;
	size_t n;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	secret_new(ac->session);
	secret_new(ac->csrf);
	secret_hash(ac->session, hash);
	ac->row.token_hash = arena_strdup(&r->arena, hash);
	ac->row.user_id = ac->user.id;
	ac->row.csrf = ac->csrf;
	ac->row.created_us = ac->now;
	ac->row.client_addr = req_client_addr(r);
	if (ac->user.kind == USER_STAFF &&
	    store_memberships_of_user(req_store(r), &r->arena, ac->user.id, &ms, &n) == 0 &&
	    n == 1)
		ac->row.org_id = ms[0].org_id;
	ac->audit = req_audit(r, ac->reset ? "user.reset.complete" : "invitation.accept",
	    arena_printf(&r->arena, "user:%s", ac->user.id), NULL);
	ac->audit->actor_id = ac->user.id;
	ac->audit->actor_org_id = ac->row.org_id;
	req_defer_write(r, write_accept, ac, after_accept);
}

void
web_invite_accept(struct req *r)
{
	struct accept *ac = arena_alloc(&r->arena, sizeof(*ac));
	struct form_errors e = {0};
	const char *p2, *code;
	enum lang l;

	if (!load(r, ac))
		return;
	if (!ac->reset) {
		ac->name = form_text(r, &e, "name", true, NAME_MAX_CHARS);
		if (form_error_at(&e, "name") == NULL && check_name(ac->name, NAME_MAX_CHARS))
			form_error(&e, "name", check_name(ac->name, NAME_MAX_CHARS));
		ac->lang = req_form(r, "lang");
		if (ac->lang == NULL || !lang_parse(ac->lang, strlen(ac->lang), &l) ||
		    strlen(ac->lang) != 2)
			form_error(&e, "lang", "invalid_choice");
		else
			ac->lang = lang_code(l);
	}
	ac->password = req_form(r, "password");
	p2 = req_form(r, "password2");
	if (req_form_bad(r, "password"))
		form_error(&e, "password", "invalid_format");
	else if ((code = password_check(ac->password, ac->user.username)) != NULL)
		form_error(&e, "password", code);
	else if (p2 == NULL || strcmp(ac->password, p2) != 0)
		form_error(&e, "password2", "mismatch");
	if (e.n > 0) {
		render(r, 422, ac, &e);
		return;
	}
	req_defer_work(r, hash_password, ac, after_hash);
}
