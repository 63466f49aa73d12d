/* My settings: language, password, signing out everywhere, API tokens.
 *   GET  /me/settings               signed in
 *   POST /me/settings/language      signed in
 *   POST /me/settings/password      signed in
 * (The second factor has its own page: web/second_factor.c.)
 *   POST /me/tokens                 signed in
 *   POST /me/tokens/{id}/revoke     signed in (only one's own tokens) */
#include "web/settings.h"

#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/secret.h"
#include "base/timefmt.h"
#include "core/account.h"
#include "core/actor.h"
#include "core/password.h"
#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "http/session.h"
#include "policy/policy.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "base/conf.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

/* What the page shows besides the forms. */
struct view {
	const struct form_errors *lang_e, *pw_e, *token_e;
	const char *token_name;          /* kept on error */
	const char *new_token;           /* shown once */
	const char *message;
};

static const char *
when(struct req *r, int64_t us)
{
	const char *tz = r->actor->org_time_zone ? r->actor->org_time_zone : "UTC";

	return timefmt_instant(&r->arena, us, tz, r->lang, TIMEFMT_DATETIME);
}

static void
render(struct req *r, unsigned status, const struct view *v)
{
	static const char *const codes[] = {"auto", "en", "nl", "da"};
	const char *labels[4] = {_("The browser's language"), lang_endonym(LANG_EN),
	    lang_endonym(LANG_NL), lang_endonym(LANG_DA)};
	struct api_token_row *tokens;
	size_t n = 0, i;
	struct buf b;

	store_api_tokens_of_user(req_store(r), &r->arena, r->actor->user.id, &tokens, &n);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("My settings"));
	html(&b, "<h1>%s</h1>", _("My settings"));
	if (v->message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", v->message);

	html(&b, "<section aria-labelledby=\"s-lang\"><h2 id=\"s-lang\">%s</h2>", _("Language"));
	form_begin(r, &b, "/me/settings/language", v->lang_e);
	form_select(&b, "lang", _("Show rosc in"), codes, labels, 4,
	    r->actor->user.lang ? r->actor->user.lang : "auto", v->lang_e);
	form_end(&b, _("Save language"));
	html_raw(&b, "</section>");

	html(&b, "<section aria-labelledby=\"s-pw\"><h2 id=\"s-pw\">%s</h2>", _("Password"));
	form_begin(r, &b, "/me/settings/password", v->pw_e);
	form_input(&b, "current", _("Current password"), "password", NULL,
	    "current-password", NULL, v->pw_e);
	form_input(&b, "password", _("New password"), "password", NULL, "new-password",
	    _("At least 10 characters. A few unrelated words make a strong password."),
	    v->pw_e);
	form_input(&b, "password2", _("The same new password again"), "password", NULL,
	    "new-password", NULL, v->pw_e);
	form_end(&b, _("Change password"));
	html_raw(&b, "</section>");

	html(&b, "<section aria-labelledby=\"s-2fa\"><h2 id=\"s-2fa\">%s</h2><p>%s</p>"
	    "<p><a href=\"/me/settings/second-factor\">%s</a></p></section>",
	    _("Second factor"),
	    _("Sign in with your password and a code from an app on your phone, so that a "
	      "password alone is not enough."),
	    _("Your second factor"));

	html(&b, "<section aria-labelledby=\"s-out\"><h2 id=\"s-out\">%s</h2><p>%s</p>",
	    _("Signed in somewhere else?"),
	    _("If you used a shared computer or lost your phone, you can end every "
	      "session of your account at once, including this one."));
	form_button(r, &b, "/signout/everywhere", _("Sign out everywhere"), "button secondary");
	html_raw(&b, "</section>");

	/* Only for those who may use the API; anyone who still has tokens
	 * from before sees them, to revoke them. */
	if (!policy_may_use_api(r->actor) && n == 0) {
		layout_end(r, &b, status);
		return;
	}
	html(&b, "<section aria-labelledby=\"s-tok\"><h2 id=\"s-tok\">%s</h2><p>%s</p>",
	    _("API tokens"),
	    _("A token lets a program use rosc's API as you. Keep it secret; "
	      "revoke it when it is no longer needed."));
	if (v->new_token != NULL)
		html(&b, "<div class=\"notice\" role=\"status\"><p>%s</p><p class=\"secret\">%s</p>"
		    "</div>", _("Your new token. Copy it now: it will not be shown again."),
		    v->new_token);
	if (n > 0) {
		html(&b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
		    "<span class=\"visually-hidden\">%s</span></th></tr></thead><tbody>",
		    _("Name"), _("Created"), _("Last used"), _("Actions"));
		for (i = 0; i < n; i++) {
			html(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", tokens[i].name,
			    when(r, tokens[i].created_us),
			    tokens[i].last_used_us ? when(r, tokens[i].last_used_us) : _("never"));
			if (tokens[i].revoked_us)
				html(&b, "%s", _("revoked"));
			else
				form_button(r, &b, arena_printf(&r->arena, "/me/tokens/%s/revoke",
				    tokens[i].id), _("Revoke"), "link-button");
			html_raw(&b, "</td></tr>");
		}
		html_raw(&b, "</tbody></table></div>");
	}
	if (policy_may_use_api(r->actor)) {
		form_begin(r, &b, "/me/tokens", v->token_e);
		form_input(&b, "name", _("What the token is for"), "text", v->token_name, "off",
		    _("For example: monthly report script"), v->token_e);
		form_end(&b, _("Create a token"));
	}
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

void
web_settings(struct req *r)
{
	struct view v = {0};
	const char *saved = req_query(r, "saved");

	if (saved != NULL && strcmp(saved, "language") == 0)
		v.message = _("Your language is saved.");
	else if (saved != NULL && strcmp(saved, "revoked") == 0)
		v.message = _("The token is revoked.");
	render(r, 200, &v);
}

/* Language */

struct lang_change {
	const char *user_id, *lang, *next;
	struct audit_entry *audit;
};

static int
write_lang(struct store_tx *tx, void *arg)
{
	struct lang_change *c = arg;
	int rc = store_tx_user_set_lang(tx, c->user_id, c->lang);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_lang(struct req *r, int rc)
{
	struct lang_change *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (c->lang != NULL)
		resp_header(r, "Set-Cookie", arena_printf(&r->arena,
		    "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly%s", c->lang,
		    server_config(r->srv)->https ? "; Secure" : ""));
	resp_redirect(r, 303, c->next ? c->next : "/me/settings?saved=language");
}

void
web_settings_language(struct req *r)
{
	struct lang_change *c = arena_alloc(&r->arena, sizeof(*c));
	const char *v = req_form(r, "lang");
	struct form_errors e = {0};
	struct view view = {0};
	enum lang l;

	if (v != NULL && strcmp(v, "auto") == 0) {
		c->lang = NULL;
	} else if (v != NULL && strlen(v) == 2 && lang_parse(v, 2, &l)) {
		c->lang = lang_code(l);
	} else {
		form_error(&e, "lang", "invalid_choice");
		view.lang_e = &e;
		render(r, 422, &view);
		return;
	}
	c->user_id = r->actor->user.id;
	if (req_form(r, "next") != NULL)
		c->next = req_local_path(req_form(r, "next"));
	c->audit = req_audit(r, "user.language", arena_printf(&r->arena, "user:%s",
	    c->user_id), c->lang ? c->lang : "browser");
	req_defer_write(r, write_lang, c, after_lang);
}

/* Password */

struct pw_change {
	const char *user_id, *old_hash, *current, *password, *session_hash;
	char hash[PASSWORD_HASH_MAX];
	bool current_ok;
	struct audit_entry *audit;
	int64_t now;
};

static int
check_and_hash(void *arg)
{
	struct pw_change *c = arg;

	c->current_ok = password_verify(c->old_hash, c->current);
	if (!c->current_ok)
		return 0;
	return password_hash(c->password, c->hash);
}

static int
write_pw(struct store_tx *tx, void *arg)
{
	struct pw_change *c = arg;
	int rc;

	if ((rc = store_tx_user_set_password(tx, c->user_id, c->hash, c->now)) != 0)
		return rc;
	/* Every other session ends; this one goes on. */
	if ((rc = store_tx_sessions_delete_user(tx, c->user_id, c->session_hash)) != 0)
		return rc;
	return store_tx_audit_append(tx, c->audit);
}

static void
after_pw_write(struct req *r, int rc)
{
	struct view v = {0};

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	v.message = _("Your password is changed. Any other place where you were signed in "
	    "has been signed out.");
	render(r, 200, &v);
}

static void
after_check(struct req *r, int rc)
{
	struct pw_change *c = r->write_arg;
	struct form_errors *e;
	struct view v = {0};

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (!c->current_ok) {
		e = arena_alloc(&r->arena, sizeof(*e));
		form_error(e, "current", "wrong_password");
		v.pw_e = e;
		render(r, 422, &v);
		return;
	}
	c->now = clock_now_us();
	c->audit = req_audit(r, "user.password", arena_printf(&r->arena, "user:%s",
	    c->user_id), NULL);
	req_defer_write(r, write_pw, c, after_pw_write);
}

void
web_settings_password(struct req *r)
{
	struct pw_change *c = arena_alloc(&r->arena, sizeof(*c));
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct view v = {0};
	const char *p2, *code;

	if (r->actor->session_hash == NULL) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	c->user_id = r->actor->user.id;
	c->old_hash = r->actor->user.password_hash;
	c->session_hash = r->actor->session_hash;
	c->current = req_form(r, "current");
	c->password = req_form(r, "password");
	p2 = req_form(r, "password2");
	if (c->current == NULL || *c->current == '\0')
		form_error(e, "current", "required");
	if (req_form_bad(r, "password"))
		form_error(e, "password", "invalid_format");
	else if ((code = password_check(c->password, r->actor->user.username)) != NULL)
		form_error(e, "password", code);
	else if (p2 == NULL || strcmp(p2, c->password) != 0)
		form_error(e, "password2", "mismatch");
	if (e->n > 0) {
		v.pw_e = e;
		render(r, 422, &v);
		return;
	}
	req_defer_work(r, check_and_hash, c, after_check);
}

/* API tokens */

struct token_change {
	struct api_token_row row;
	char secret[SECRET_LEN + 1], hash[SECRET_HASH_LEN + 1];
	struct audit_entry *audit;
	const char *id, *user_id;
	int64_t now;
};

static int
write_token(struct store_tx *tx, void *arg)
{
	struct token_change *c = arg;
	int rc = store_tx_api_token_insert(tx, &c->row);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_token(struct req *r, int rc)
{
	struct token_change *c = r->write_arg;
	struct view v = {0};

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	v.new_token = c->secret;
	render(r, 200, &v);
}

void
web_token_create(struct req *r)
{
	struct token_change *c = arena_alloc(&r->arena, sizeof(*c));
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct view v = {0};
	char *id = arena_alloc(&r->arena, ID_LEN + 1);
	const char *name;

	if (!policy_may_use_api(r->actor)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	name = form_text(r, e, "name", true, TOKEN_NAME_MAX);
	if (e->n > 0) {
		v.token_e = e;
		v.token_name = name;
		render(r, 422, &v);
		return;
	}
	id_new(id);
	secret_new(c->secret);
	secret_hash(c->secret, c->hash);
	c->row.id = id;
	c->row.user_id = r->actor->user.id;
	c->row.org_id = r->actor->org_id;
	c->row.name = name;
	c->row.token_hash = c->hash;
	c->row.created_us = clock_now_us();
	c->audit = req_audit(r, "token.create", arena_printf(&r->arena, "token:%s", id), name);
	req_defer_write(r, write_token, c, after_token);
}

static int
write_revoke(struct store_tx *tx, void *arg)
{
	struct token_change *c = arg;
	int rc = store_tx_api_token_revoke(tx, c->id, c->user_id, c->now);

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
	resp_redirect(r, 303, "/me/settings?saved=revoked");
}

void
web_token_revoke(struct req *r)
{
	struct token_change *c = arena_alloc(&r->arena, sizeof(*c));

	c->id = req_param(r, 0);
	c->user_id = r->actor->user.id;
	c->now = clock_now_us();
	c->audit = req_audit(r, "token.revoke", arena_printf(&r->arena, "token:%s", c->id),
	    NULL);
	req_defer_write(r, write_revoke, c, after_revoke);
}
