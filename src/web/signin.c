/* Signing in and out, and choosing the organisation to act for.
 *   GET  /signin                 anyone
 *   POST /signin                 anyone (pre-session CSRF token)
 *   GET  /signin/code            anyone with a sign-in waiting for its code
 *   POST /signin/code            the same: the code (or a recovery code)
 *   GET  /signin/organisation    signed in (staff in several organisations)
 *   POST /signin/organisation    signed in
 *   POST /signout                signed in
 *   POST /signout/everywhere     signed in
 *
 * Sign-in never says whether an account exists: a wrong name and a wrong
 * password get the same answer, after the same argon2id work. Failures
 * count against the account name and the client address (core/throttle.h).
 *
 * An account with a second factor (web/second_factor.h), or staff of an
 * organisation that requires one, gets no session for the password alone:
 * the browser is given a short-lived token for the second step, and the
 * session is made (with a new id) only when the code is right. Staff who
 * must have a factor and have none set it up on that second step, before
 * anything else. Wrong codes count against the same throttle. */
#include "web/signin.h"

#include <sodium.h>
#include <stdio.h>
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
#include "core/throttle.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/second_factor.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/second_factor.h"

/* How long a sign-in waits for its code. */
#define PENDING_US (INT64_C(10) * 60 * 1000000)
#define CODE_MAX 64

/* Where to go after signing in: a local path, never back to sign-in. */
static const char *
safe_next(const char *p)
{
	p = req_local_path(p);
	if (strncmp(p, "/signin", 7) == 0 || strncmp(p, "/signout", 8) == 0)
		return "/";
	return p;
}

/* The ?next= a request names, made safe; NULL when it names none, so the
 * landing page is chosen by who signs in. */
static const char *
named_next(struct req *r)
{
	const char *p = req_query(r, "next");

	return p != NULL && *p ? safe_next(p) : NULL;
}

/* Where someone lands after signing in when no page was asked for: a
 * person on their own page; staff who work with people (and family) on
 * their people; an organisation admin, and staff acting for no
 * organisation, on the home page, one tap from everything else. */
static const char *
landing(enum user_kind kind, bool has_org, enum role role)
{
	if (kind == USER_PERSON)
		return "/me";
	if (kind == USER_FAMILY)
		return "/persons";
	if (!has_org)
		return "/";
	switch (role) {
	case ROLE_COORDINATOR:
	case ROLE_PROFESSIONAL:
	case ROLE_PEER_WORKER: return "/persons";
	case ROLE_VOLUNTEER: return "/accompaniment";
	default: return "/";
	}
}

static const char *
landing_of(const struct actor *a)
{
	return a != NULL ? landing(a->user.kind, a->org_id != NULL, a->role) : "/";
}

/* path, with ?next= when a page was asked for. */
static const char *
with_next(struct req *r, const char *path, const char *next)
{
	struct buf b;

	buf_init(&b, &r->arena);
	buf_puts(&b, path);
	if (next != NULL) {
		buf_puts(&b, "?next=");
		url_encode(&b, next);
	}
	return b.data;
}

static void
render(struct req *r, unsigned status, const char *username, const char *next,
    const struct form_errors *e, const char *message)
{
	struct buf b;
	const char *action = with_next(r, "/signin", next);

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Sign in"));
	html(&b, "<section class=\"narrow\"><h1>%s</h1>", _("Sign in"));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	form_begin(r, &b, action, e);
	form_input(&b, "username", _("Your user name"), "text", username, "username",
	    NULL, e);
	form_input(&b, "password", _("Password"), "password", NULL, "current-password",
	    NULL, e);
	form_end(&b, _("Sign in"));
	html(&b, "<p class=\"small\">%s</p></section>",
	    _("Forgot your password, or have no account yet? Ask the person who "
	      "supports you, or your organisation's administrator, for a new link."));
	layout_end(r, &b, status);
}

void
web_signin(struct req *r)
{
	const char *next = named_next(r);

	if (r->actor != NULL) {
		resp_redirect(r, 303, next != NULL ? next : landing_of(r->actor));
		return;
	}
	render(r, 200, NULL, next, NULL,
	    req_query(r, "signed_out") ? _("You are signed out.") : NULL);
}

struct signin {
	const char *username, *password, *next;
	char user_key[USERNAME_MAX + 8], addr_key[80];
	struct user user;
	bool found, ok;
	const char *hash;
	char token[SECRET_LEN + 1], csrf[SECRET_LEN + 1];
	struct session_row row;
	struct audit_entry *audit;
	const char *old_session;
	bool blocked;
	int64_t blocked_for;
	/* The second step: the waiting sign-in, the account's factor, the code. */
	bool setup, wrong;
	char pend_token[SECRET_LEN + 1];
	struct signin_pending pend;
	struct second_factor factor;
	const char *box;               /* a new secret to set up, sealed, or NULL */
	struct sf_check check;
	char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1];
	char hashes[RECOVERY_CODES][SECRET_HASH_LEN + 1];
	struct audit_entry *fail_audit, *factor_audit;
};

static void begin_pending(struct req *r, struct signin *si, bool setup);

static void
too_many(struct req *r, struct signin *si, int64_t wait_us)
{
	struct form_errors e = {0};
	long minutes = (long)((wait_us + 59999999) / 60000000);
	char *msg;

	(void)e;
	msg = arena_printf(&r->arena, ngettext(
	    "Too many attempts to sign in. Please wait %ld minute and try again.",
	    "Too many attempts to sign in. Please wait %ld minutes and try again.",
	    (unsigned long)minutes), minutes);
	resp_header(r, "Retry-After", arena_printf(&r->arena, "%lld",
	    (long long)((wait_us + 999999) / 1000000)));
	render(r, 429, si->username, si->next, NULL, msg);
}

static int
check_password(void *arg)
{
	struct signin *si = arg;

	si->ok = password_verify(si->hash, si->password) && si->found;
	return 0;
}

static int
write_success(struct store_tx *tx, void *arg)
{
	struct signin *si = arg;
	int rc;

	/* A new session id at every sign-in; an old one is ended. */
	if (si->old_session != NULL && (rc = store_tx_session_delete(tx, si->old_session)) != 0)
		return rc;
	if ((rc = store_tx_session_insert(tx, &si->row)) != 0)
		return rc;
	if ((rc = store_tx_throttle_clear(tx, si->user_key)) != 0)
		return rc;
	return store_tx_audit_append(tx, si->audit);
}

static int
write_failure(struct store_tx *tx, void *arg)
{
	struct signin *si = arg;
	int64_t now = clock_now_us(), block;
	int failures, rc;

	if ((rc = store_tx_throttle_fail(tx, si->user_key, now, &failures)) != 0)
		return rc;
	block = throttle_block_us(failures, THROTTLE_FREE);
	if (block > 0) {
		si->blocked = true;
		si->blocked_for = block;
		if ((rc = store_tx_throttle_block(tx, si->user_key, now + block)) != 0)
			return rc;
	}
	if ((rc = store_tx_throttle_fail(tx, si->addr_key, now, &failures)) != 0)
		return rc;
	block = throttle_block_us(failures, THROTTLE_ADDR_FREE);
	if (block > 0) {
		if (block > si->blocked_for)
			si->blocked_for = block;
		si->blocked = true;
		if ((rc = store_tx_throttle_block(tx, si->addr_key, now + block)) != 0)
			return rc;
	}
	return store_tx_audit_append(tx, si->fail_audit != NULL ? si->fail_audit : si->audit);
}

static void
after_success(struct req *r, int rc)
{
	struct signin *si = r->write_arg;
	struct actor *a;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	session_set_cookie(r, si->token);
	a = session_actor_for(r, si->user.id, si->row.org_id);
	if (a != NULL && a->user.kind == USER_STAFF && a->org_id == NULL && a->norgs > 1) {
		resp_redirect(r, 303, with_next(r, "/signin/organisation", si->next));
		return;
	}
	resp_redirect(r, 303, si->next != NULL ? si->next : landing_of(a));
}

static void
after_failure(struct req *r, int rc)
{
	struct signin *si = r->write_arg;
	struct form_errors e = {0};

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (si->blocked) {
		too_many(r, si, si->blocked_for);
		return;
	}
	/* One message, at the field and in the summary; nothing else. */
	form_error(&e, "password", "wrong_signin");
	render(r, 401, si->username, si->next, &e, NULL);
}

static void
after_check(struct req *r, int rc)
{
	struct signin *si = r->write_arg;
	char hash[SECRET_HASH_LEN + 1];
	struct membership *ms;
	size_t n;

	if (si->ok && si->user.disabled_us == 0) {
		bool on = false, required = false;

		if (store_second_factor_on(req_store(r), si->user.id, &on) != 0 ||
		    (!on && si->user.kind == USER_STAFF &&
		    store_second_factor_required(req_store(r), si->user.id, &required) != 0)) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		if (on || required) {
			begin_pending(r, si, !on);
			return;
		}
		secret_new(si->token);
		secret_new(si->csrf);
		secret_hash(si->token, hash);
		si->row.token_hash = arena_strdup(&r->arena, hash);
		si->row.user_id = si->user.id;
		si->row.csrf = si->csrf;
		si->row.created_us = clock_now_us();
		si->row.client_addr = req_client_addr(r);
		si->row.org_id = NULL;
		if (si->user.kind == USER_STAFF &&
		    store_memberships_of_user(req_store(r), &r->arena, si->user.id, &ms, &n) == 0 &&
		    n == 1)
			si->row.org_id = ms[0].org_id;
		if (r->actor != NULL)
			si->old_session = r->actor->session_hash;
		r->actor = NULL;
		si->audit = req_audit(r, "signin.success",
		    arena_printf(&r->arena, "user:%s", si->user.id), NULL);
		si->audit->actor_id = si->user.id;
		si->audit->actor_org_id = si->row.org_id;
		req_defer_write(r, write_success, si, after_success);
		return;
	}
	si->audit = req_audit(r, "signin.failure", NULL,
	    arena_printf(&r->arena, "username=%s", si->user_key + 5));
	if (si->found)
		si->audit->target = arena_printf(&r->arena, "user:%s", si->user.id);
	req_defer_write(r, write_failure, si, after_failure);
}

void
web_signin_post(struct req *r)
{
	struct signin *si = arena_alloc(&r->arena, sizeof(*si));
	struct form_errors e = {0};
	int failures;
	int64_t until_user, until_addr, now = clock_now_us();
	const char *code;

	si->next = named_next(r);
	si->username = form_text(r, &e, "username", true, USERNAME_MAX);
	si->password = req_form(r, "password");
	if (si->password == NULL || *si->password == '\0')
		form_error(&e, "password", "required");
	else if (strlen(si->password) > PASSWORD_MAX)
		form_error(&e, "password", "too_long");
	if (e.n == 0 && (code = check_username(si->username)) != NULL)
		form_error(&e, "username", "wrong_signin");
	if (e.n > 0) {
		render(r, 422, si->username, si->next, &e, NULL);
		return;
	}
	snprintf(si->user_key, sizeof(si->user_key), "user:");
	username_key(si->username, si->user_key + 5);
	snprintf(si->addr_key, sizeof(si->addr_key), "addr:%s", req_client_addr(r));
	if (store_throttle_get(req_store(r), si->user_key, &failures, &until_user) != 0 ||
	    store_throttle_get(req_store(r), si->addr_key, &failures, &until_addr) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (until_user > now || until_addr > now) {
		too_many(r, si, (until_user > until_addr ? until_user : until_addr) - now);
		return;
	}
	si->found = store_user_by_username(req_store(r), &r->arena, si->user_key + 5,
	    &si->user) == 0 && si->user.password_hash != NULL;
	/* The same work whether or not the account exists. */
	si->hash = si->found ? si->user.password_hash : password_dummy_hash();
	req_defer_work(r, check_password, si, after_check);
}

/* Choosing the organisation to act for */

struct choose {
	const char *org_id, *next;         /* next: NULL for the landing page */
	enum role role;
	const char *session_hash;
	struct audit_entry *audit;
};

static void
render_choose(struct req *r, unsigned status, const char *next)
{
	struct membership *ms;
	struct buf b;
	size_t n, i;

	if (store_memberships_of_user(req_store(r), &r->arena, r->actor->user.id, &ms, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Choose an organisation"));
	html(&b, "<section class=\"narrow\"><h1>%s</h1><p>%s</p>",
	    _("Choose an organisation"),
	    _("You work for more than one organisation. Which one are you working for now? "
	      "You can switch at any time."));
	if (n == 0)
		html(&b, "<p class=\"notice\">%s</p>",
		    _("Your account is not part of any organisation yet."));
	html_raw(&b, "<ul class=\"choices\">");
	for (i = 0; i < n; i++) {
		html(&b, "<li><form method=\"post\" action=\"%s\">",
		    with_next(r, "/signin/organisation", next));
		form_csrf(r, &b);
		if (r->actor->org_id && strcmp(r->actor->org_id, ms[i].org_id) == 0)
			html(&b, "<input type=\"hidden\" name=\"org\" value=\"%s\">"
			    "<button type=\"submit\" class=\"button\" aria-current=\"true\">"
			    "%s <span class=\"small\">%s</span></button></form></li>",
			    ms[i].org_id, ms[i].org_name, role_label(ms[i].role));
		else
			html(&b, "<input type=\"hidden\" name=\"org\" value=\"%s\">"
			    "<button type=\"submit\" class=\"button secondary\">"
			    "%s <span class=\"small\">%s</span></button></form></li>",
			    ms[i].org_id, ms[i].org_name, role_label(ms[i].role));
	}
	html_raw(&b, "</ul></section>");
	layout_end(r, &b, status);
}

void
web_choose_org(struct req *r)
{
	render_choose(r, 200, named_next(r));
}

static int
write_choose(struct store_tx *tx, void *arg)
{
	struct choose *c = arg;
	int rc = store_tx_session_set_org(tx, c->session_hash, c->org_id);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_choose(struct req *r, int rc)
{
	struct choose *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, c->next != NULL ? c->next :
	    landing(r->actor->user.kind, true, c->role));
}

void
web_choose_org_post(struct req *r)
{
	struct choose *c = arena_alloc(&r->arena, sizeof(*c));
	struct membership m;
	const char *org = req_form(r, "org");

	c->next = named_next(r);
	if (r->actor->session_hash == NULL || org == NULL ||
	    store_membership_get(req_store(r), &r->arena, r->actor->user.id, org, &m) != 0) {
		render_choose(r, 422, c->next);
		return;
	}
	c->org_id = m.org_id;
	c->role = m.role;
	c->session_hash = r->actor->session_hash;
	c->audit = req_audit(r, "session.organisation",
	    arena_printf(&r->arena, "organisation:%s", m.org_id), NULL);
	c->audit->actor_org_id = m.org_id;
	req_defer_write(r, write_choose, c, after_choose);
}

/* Signing out */

struct signout {
	const char *user_id, *session_hash;
	bool everywhere;
	struct audit_entry *audit;
};

static int
write_signout(struct store_tx *tx, void *arg)
{
	struct signout *so = arg;
	int rc;

	if (so->everywhere)
		rc = store_tx_sessions_delete_user(tx, so->user_id, NULL);
	else
		rc = store_tx_session_delete(tx, so->session_hash);
	return rc ? rc : store_tx_audit_append(tx, so->audit);
}

static void
after_signout(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	session_clear_cookie(r);
	resp_redirect(r, 303, "/signin?signed_out=1");
}

static void
signout(struct req *r, bool everywhere)
{
	struct signout *so = arena_alloc(&r->arena, sizeof(*so));

	if (r->actor->session_hash == NULL) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);   /* an API token has no session */
		return;
	}
	so->user_id = r->actor->user.id;
	so->session_hash = r->actor->session_hash;
	so->everywhere = everywhere;
	so->audit = req_audit(r, everywhere ? "signout.everywhere" : "signout",
	    arena_printf(&r->arena, "user:%s", so->user_id), NULL);
	req_defer_write(r, write_signout, so, after_signout);
}

void
web_signout(struct req *r)
{
	signout(r, false);
}

void
web_signout_everywhere(struct req *r)
{
	signout(r, true);
}

/* The second step: a code from the app, or a recovery code */

static int
write_pending(struct store_tx *tx, void *arg)
{
	struct signin *si = arg;
	int rc;

	if (si->box != NULL && (rc = store_tx_second_factor_begin(tx, si->user.id, si->box,
	    si->pend.created_us)) != 0 && rc != ERR_CONFLICT)
		return rc;
	if ((rc = store_tx_signin_pending_insert(tx, &si->pend)) != 0)
		return rc;
	return store_tx_audit_append(tx, si->audit);
}

static void
after_pending(struct req *r, int rc)
{
	struct signin *si = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	session_set_pending_cookie(r, si->pend_token);
	resp_redirect(r, 303, with_next(r, "/signin/code", si->next));
}

/* The password was right and a code must follow: no session yet. */
static void
begin_pending(struct req *r, struct signin *si, bool setup)
{
	char hash[SECRET_HASH_LEN + 1];
	unsigned char secret[TOTP_SECRET_LEN];
	struct second_factor f;
	int rc;

	if (setup) {
		/* Keep a key that is being set up already (it may be in the app). */
		rc = store_second_factor_get(req_store(r), &r->arena, si->user.id, &f);
		if (rc == ERR_NOT_FOUND || rc == ERR_UNAVAILABLE) {
			totp_secret_new(secret);
			rc = store_second_factor_seal(req_store(r), &r->arena, secret, &si->box);
			sodium_memzero(secret, sizeof(secret));
		}
		if (rc != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
	}
	secret_new(si->pend_token);
	secret_hash(si->pend_token, hash);
	si->pend.token_hash = arena_strdup(&r->arena, hash);
	si->pend.user_id = si->user.id;
	si->pend.created_us = clock_now_us();
	si->pend.client_addr = req_client_addr(r);
	si->audit = req_audit(r, "signin.password",
	    arena_printf(&r->arena, "user:%s", si->user.id),
	    setup ? "second factor to set up" : "second factor asked");
	si->audit->actor_id = si->user.id;
	req_defer_write(r, write_pending, si, after_pending);
}

static void
render_code(struct req *r, unsigned status, struct signin *si,
    const struct form_errors *e, const char *message)
{
	struct buf b;
	const char *title = si->setup ? _("Set up your second factor") : _("Your code");

	buf_init(&b, &r->arena);
	layout_begin(r, &b, title);
	html(&b, "<section class=\"narrow\"><h1>%s</h1>", title);
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	if (si->setup) {
		html(&b, "<p>%s</p>", _("Your organisation asks everyone on its staff to sign "
		    "in with a second factor: a code from an app on your phone, besides your "
		    "password. Set it up now; it takes a minute."));
		sf_show_secret(r, &b, si->user.username, si->factor.secret);
	} else
		html(&b, "<p>%s</p>", _("Open the authenticator app on your phone and type the "
		    "six-digit code it shows for rosc."));
	form_begin(r, &b, with_next(r, "/signin/code", si->next), e);
	form_input(&b, "code", si->setup ? _("Code from the app") :
	    _("Code from the app, or a recovery code"), "text", NULL, "one-time-code",
	    si->setup ? _("Six digits, for example 123456.") :
	    _("Lost your phone? Type one of your recovery codes instead."), e);
	form_end(&b, si->setup ? _("Turn on and sign in") : _("Sign in"));
	html(&b, "<p class=\"small\"><a href=\"%s\">%s</a></p></section>",
	    with_next(r, "/signin", si->next), _("Start again with your user name"));
	layout_end(r, &b, status);
}

/* Finds the sign-in waiting for its code, with its account and factor.
 * Answers (to the password page) and returns false when there is none. */
static bool
load_pending(struct req *r, struct signin *si)
{
	const char *token = session_pending_token(r);
	char hash[SECRET_HASH_LEN + 1];
	int rc = ERR_NOT_FOUND;

	si->next = named_next(r);
	if (token != NULL) {
		secret_hash(token, hash);
		rc = store_signin_pending_get(req_store(r), &r->arena, hash, &si->pend);
		if (rc == 0 && clock_now_us() - si->pend.created_us > PENDING_US)
			rc = ERR_NOT_FOUND;
		if (rc == 0)
			rc = store_user_get(req_store(r), &r->arena, si->pend.user_id, &si->user);
		if (rc == 0 && si->user.disabled_us != 0)
			rc = ERR_NOT_FOUND;
		if (rc == 0)
			rc = store_second_factor_get(req_store(r), &r->arena, si->user.id,
			    &si->factor);
	}
	if (rc == ERR_NOT_FOUND) {
		if (token != NULL)
			session_clear_pending_cookie(r);
		resp_redirect(r, 303, with_next(r, "/signin", si->next));
		return false;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return false;
	}
	si->found = true;
	si->setup = si->factor.confirmed_us == 0;
	si->username = si->user.username;
	snprintf(si->user_key, sizeof(si->user_key), "user:");
	username_key(si->user.username, si->user_key + 5);
	snprintf(si->addr_key, sizeof(si->addr_key), "addr:%s", req_client_addr(r));
	return true;
}

void
web_signin_code(struct req *r)
{
	struct signin *si = arena_alloc(&r->arena, sizeof(*si));

	if (!load_pending(r, si))
		return;
	render_code(r, 200, si, NULL, NULL);
}

static int
write_code(struct store_tx *tx, void *arg)
{
	struct signin *si = arg;
	int64_t now = si->row.created_us;
	int rc;

	si->wrong = false;
	if (si->setup)
		rc = si->check.kind == SF_TOTP ? store_tx_second_factor_confirm(tx, si->user.id,
		    si->check.step, now) : ERR_NOT_FOUND;
	else
		rc = sf_tx_use(tx, si->user.id, &si->check, now);
	if (rc == ERR_NOT_FOUND) {
		si->wrong = true;
		return write_failure(tx, si);
	}
	if (rc != 0)
		return rc;
	if (si->setup && (rc = store_tx_recovery_codes_set(tx, si->user.id, si->hashes,
	    RECOVERY_CODES, now)) != 0)
		return rc;
	if ((rc = store_tx_signin_pending_delete(tx, si->pend.token_hash)) != 0)
		return rc;
	if (si->factor_audit != NULL && (rc = store_tx_audit_append(tx, si->factor_audit)) != 0)
		return rc;
	return write_success(tx, si);
}

static void
after_code(struct req *r, int rc)
{
	struct signin *si = r->write_arg;
	struct form_errors e = {0};
	const char *dest;
	struct actor *a;
	struct buf b;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (si->wrong) {
		if (si->blocked) {
			resp_header(r, "Retry-After", arena_printf(&r->arena, "%lld",
			    (long long)((si->blocked_for + 999999) / 1000000)));
			render_code(r, 429, si, NULL, _("Too many wrong codes. Please wait a few "
			    "minutes and try again."));
			return;
		}
		form_error(&e, "code", "wrong_code");
		render_code(r, 401, si, &e, NULL);
		return;
	}
	session_clear_pending_cookie(r);
	if (!si->setup) {
		after_success(r, 0);
		return;
	}
	/* Just set up: the recovery codes, once, then on to where they were going. */
	session_set_cookie(r, si->token);
	a = session_actor_for(r, si->user.id, si->row.org_id);
	if (a != NULL && a->user.kind == USER_STAFF && a->org_id == NULL && a->norgs > 1)
		dest = with_next(r, "/signin/organisation", si->next);
	else
		dest = si->next != NULL ? si->next : landing_of(a);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Your second factor is on"));
	html(&b, "<section class=\"narrow\"><h1>%s</h1>", _("Your second factor is on"));
	sf_show_codes(r, &b, si->codes);
	html(&b, "<p><a class=\"button\" href=\"%s\">%s</a></p></section>", dest,
	    _("I have kept them: continue"));
	layout_end(r, &b, 200);
}

void
web_signin_code_post(struct req *r)
{
	struct signin *si = arena_alloc(&r->arena, sizeof(*si));
	char hash[SECRET_HASH_LEN + 1];
	struct form_errors e = {0};
	int64_t until_user, until_addr, now = clock_now_us();
	struct membership *ms;
	const char *code;
	int failures;
	size_t n;

	if (!load_pending(r, si))
		return;
	code = form_text(r, &e, "code", true, CODE_MAX);
	if (e.n > 0) {
		render_code(r, 422, si, &e, NULL);
		return;
	}
	if (store_throttle_get(req_store(r), si->user_key, &failures, &until_user) != 0 ||
	    store_throttle_get(req_store(r), si->addr_key, &failures, &until_addr) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (until_user > now || until_addr > now) {
		int64_t wait = (until_user > until_addr ? until_user : until_addr) - now;

		resp_header(r, "Retry-After", arena_printf(&r->arena, "%lld",
		    (long long)((wait + 999999) / 1000000)));
		render_code(r, 429, si, NULL, _("Too many wrong codes. Please wait a few minutes "
		    "and try again."));
		return;
	}
	if (sf_read_code(r, &si->factor, code, !si->setup, &si->check) != 0 ||
	    (si->setup && si->check.kind == SF_TOTP &&
	    sf_new_codes(r, si->user.id, si->codes, si->hashes) != 0)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	/* Both outcomes ready: the write finds out which (a code works once). */
	secret_new(si->token);
	secret_new(si->csrf);
	secret_hash(si->token, hash);
	si->row.token_hash = arena_strdup(&r->arena, hash);
	si->row.user_id = si->user.id;
	si->row.csrf = si->csrf;
	si->row.created_us = now;
	si->row.second_factor_us = now;
	si->row.client_addr = req_client_addr(r);
	si->row.org_id = NULL;
	if (si->user.kind == USER_STAFF &&
	    store_memberships_of_user(req_store(r), &r->arena, si->user.id, &ms, &n) == 0 &&
	    n == 1)
		si->row.org_id = ms[0].org_id;
	if (r->actor != NULL)
		si->old_session = r->actor->session_hash;
	r->actor = NULL;
	si->audit = req_audit(r, "signin.success",
	    arena_printf(&r->arena, "user:%s", si->user.id),
	    si->check.kind == SF_RECOVERY ? "with a recovery code" : "with a code");
	si->audit->actor_id = si->user.id;
	si->audit->actor_org_id = si->row.org_id;
	si->fail_audit = req_audit(r, "signin.failure",
	    arena_printf(&r->arena, "user:%s", si->user.id), "wrong second factor code");
	if (si->setup)
		si->factor_audit = req_audit(r, "second_factor.on",
		    arena_printf(&r->arena, "user:%s", si->user.id), "at sign-in");
	else if (si->check.kind == SF_RECOVERY)
		si->factor_audit = req_audit(r, "second_factor.recovery_used",
		    arena_printf(&r->arena, "user:%s", si->user.id), NULL);
	if (si->factor_audit != NULL) {
		si->factor_audit->actor_id = si->user.id;
		si->factor_audit->actor_org_id = si->row.org_id;
	}
	req_defer_write(r, write_code, si, after_code);
}
