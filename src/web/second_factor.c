/* A second factor at sign-in (TOTP codes from an authenticator app, and
 * recovery codes), and an organisation's requirement of it.
 *   GET  /me/settings/second-factor                  signed in: its state
 *   POST /me/settings/second-factor                  signed in: a new secret to set up
 *   POST /me/settings/second-factor/confirm          signed in: a code turns it on;
 *                                                    the recovery codes show once
 *   POST /me/settings/second-factor/recovery-codes   signed in, with a code: new ones
 *   POST /me/settings/second-factor/off              signed in, with a code: off
 *   GET  /admin/second-factor                        the organisation's admins
 *   POST /admin/second-factor                        the same: require it, or not
 * Anyone signed in may turn it on; emergency access needs it confirmed at
 * sign-in (web/emergency.c). The secret shows only while it is being set
 * up; once on, nothing shows it again. A wrong code counts against the
 * account's sign-in throttle, so a taken-over session cannot guess its way
 * to turning the factor off. */
#include "web/second_factor.h"

#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/account.h"
#include "core/actor.h"
#include "core/throttle.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "policy/policy.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/second_factor.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

#define CODE_MAX 64              /* characters read from a code field */

int
sf_read_code(struct req *r, const struct second_factor *f, const char *typed,
    bool recovery_ok, struct sf_check *out)
{
	char digits[TOTP_DIGITS + 1], normal[RECOVERY_CODE_LEN];
	int rc;

	memset(out, 0, sizeof(*out));
	if (typed == NULL)
		return 0;
	if (totp_code_shape(typed, digits)) {
		if (totp_check(f->secret, clock_now_us() / US_PER_SEC, f->last_step, digits,
		    &out->step) == TOTP_OK)
			out->kind = SF_TOTP;
		return 0;
	}
	if (recovery_ok && f->confirmed_us != 0 && recovery_code_normal(typed, normal)) {
		if ((rc = store_recovery_hash(req_store(r), f->user_id, normal, out->hash)) != 0)
			return rc;
		out->kind = SF_RECOVERY;   /* whether it is one: the write finds out */
	}
	return 0;
}

int
sf_tx_use(struct store_tx *tx, const char *user_id, const struct sf_check *c, int64_t now)
{
	switch (c->kind) {
	case SF_TOTP: return store_tx_second_factor_use(tx, user_id, c->step);
	case SF_RECOVERY: return store_tx_recovery_code_use(tx, user_id, c->hash, now);
	default: return ERR_NOT_FOUND;
	}
}

int
sf_new_codes(struct req *r, const char *user_id,
    char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1],
    char hashes[RECOVERY_CODES][SECRET_HASH_LEN + 1])
{
	char normal[RECOVERY_CODE_LEN];
	size_t i;
	int rc;

	for (i = 0; i < RECOVERY_CODES; i++) {
		recovery_code_new(codes[i]);
		recovery_code_normal(codes[i], normal);
		if ((rc = store_recovery_hash(req_store(r), user_id, normal, hashes[i])) != 0)
			return rc;
	}
	return 0;
}

/* text as a QR code, drawn here as inline SVG (libqrencode makes the
 * modules): one path of dark runs, with the four-module quiet zone the
 * standard asks for. Nothing is drawn if it does not fit a QR code. */
static void
qr_svg(struct req *r, struct buf *b, const char *text, const char *label)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct buf d;
	int x, y, run;

	if (q == NULL)
		return;
	buf_init(&d, &r->arena);
	for (y = 0; y < q->width; y++)
		for (x = 0; x < q->width; x += run > 0 ? run : 1) {
			for (run = 0; x + run < q->width && (q->data[y * q->width + x + run] & 1); run++)
				;
			if (run > 0)
				buf_printf(&d, "M%d %dh%dv1h-%dz", x + 4, y + 4, run, run);
		}
	html(b, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"200\" height=\"200\" role=\"img\" aria-label=\"%s\">"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"%s\"/></svg>",
	    q->width + 8, q->width + 8, label, d.data);
	QRcode_free(q);
}

void
sf_show_secret(struct req *r, struct buf *b, const char *username,
    const unsigned char secret[TOTP_SECRET_LEN])
{
	char b32[TOTP_BASE32_LEN + 1], grouped[TOTP_BASE32_LEN * 2];
	struct buf uri;

	totp_base32(secret, b32);
	totp_grouped(b32, grouped, sizeof(grouped));
	buf_init(&uri, &r->arena);
	buf_puts(&uri, "otpauth://totp/rosc:");
	url_encode(&uri, username);
	buf_puts(&uri, "?secret=");
	buf_puts(&uri, b32);
	buf_puts(&uri, "&issuer=rosc&algorithm=SHA1&digits=6&period=30");
	html(b, "<ol class=\"steps\"><li>%s</li><li><p>%s</p>",
	    _("Open an authenticator app on your phone (for example the one that came with "
	      "it, or FreeOTP or Aegis)."),
	    _("Add an account in the app and scan this code, or type the key below it. "
	      "Spaces do not matter. Choose time-based if it asks."));
	qr_svg(r, b, uri.data, _("QR code with the key for your authenticator app"));
	html(b, "<p class=\"secret\" id=\"totp-secret\" data-secret=\"%s\">%s</p>"
	    "<p class=\"small\">%s <a href=\"%s\" class=\"break\">%s</a></p></li><li>%s</li></ol>",
	    b32, grouped,
	    _("On the phone itself you can also tap this link:"), uri.data,
	    _("add to the authenticator app"),
	    _("Type the six-digit code the app shows now."));
}

void
sf_show_codes(struct req *r, struct buf *b, char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1])
{
	size_t i;

	html(b, "<div class=\"notice\" role=\"status\"><h2>%s</h2><p>%s</p><ul class=\"codes\">",
	    _("Your recovery codes"),
	    _("If your phone is lost, each of these codes signs you in once instead of a "
	      "code from the app. Write them down or print them, and keep them somewhere "
	      "safe. They are shown only now."));
	for (i = 0; i < RECOVERY_CODES; i++)
		html(b, "<li class=\"secret recovery-code\">%s</li>", codes[i]);
	html_raw(b, "</ul></div>");
}

/* One's own factor */

struct view {
	const struct form_errors *confirm_e, *codes_e, *off_e;
	const char *message;
	char (*codes)[RECOVERY_CODE_LEN + 1];   /* shown once, or NULL */
};

static const char *
when(struct req *r, int64_t us)
{
	const char *tz = r->actor->org_time_zone ? r->actor->org_time_zone : "UTC";

	return timefmt_instant(&r->arena, us, tz, r->lang, TIMEFMT_DATE);
}

static void
render(struct req *r, unsigned status, const struct view *v)
{
	struct second_factor f;
	bool required = false;
	struct buf b;
	int rc = store_second_factor_get(req_store(r), &r->arena, r->actor->user.id, &f);

	if (rc != 0 && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (r->actor->user.kind == USER_STAFF)
		store_second_factor_required(req_store(r), r->actor->user.id, &required);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Second factor"));
	html(&b, "<p><a href=\"/me/settings\">%s</a></p><h1>%s</h1>", _("My settings"),
	    _("Second factor"));
	if (v->message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", v->message);
	if (v->codes != NULL)
		sf_show_codes(r, &b, v->codes);
	html(&b, "<p>%s</p>", _("With a second factor, signing in needs your password and a "
	    "code from an app on your phone. Someone who learns your password still cannot "
	    "sign in as you. Emergency access to a record needs it."));
	if (required)
		html(&b, "<p>%s</p>", _("Your organisation asks everyone on its staff to use one."));
	if (rc == ERR_NOT_FOUND) {
		html(&b, "<p><strong>%s</strong></p>", _("You do not use a second factor yet."));
		form_button(r, &b, "/me/settings/second-factor", _("Set up a second factor"),
		    "button");
	} else if (f.confirmed_us == 0) {
		html(&b, "<section aria-labelledby=\"sf-setup\"><h2 id=\"sf-setup\">%s</h2>",
		    _("Set up your second factor"));
		sf_show_secret(r, &b, r->actor->user.username, f.secret);
		form_begin(r, &b, "/me/settings/second-factor/confirm", v->confirm_e);
		form_input(&b, "code", _("Code from the app"), "text", NULL, "one-time-code",
		    _("Six digits, for example 123456."), v->confirm_e);
		form_end(&b, _("Turn on the second factor"));
		html(&b, "<p class=\"small\">%s</p>", _("Did something go wrong? You can start "
		    "again with a new key."));
		form_button(r, &b, "/me/settings/second-factor", _("Start again"),
		    "button secondary");
		html_raw(&b, "</section>");
	} else {
		html(&b, "<p><strong>%s</strong> %s</p>", arena_printf(&r->arena,
		    _("Your second factor is on, since %s."), when(r, f.confirmed_us)),
		    arena_printf(&r->arena, ngettext("You have %d recovery code left.",
		    "You have %d recovery codes left.", (unsigned long)f.recovery_left),
		    f.recovery_left));
		html(&b, "<section aria-labelledby=\"sf-codes\"><h2 id=\"sf-codes\">%s</h2><p>%s</p>",
		    _("New recovery codes"), _("New codes replace all the old ones."));
		form_begin(r, &b, "/me/settings/second-factor/recovery-codes", v->codes_e);
		form_input(&b, "code", _("Code from the app"), "text", NULL, "one-time-code",
		    NULL, v->codes_e);
		form_end(&b, _("Make new recovery codes"));
		html_raw(&b, "</section>");
		html(&b, "<section aria-labelledby=\"sf-off\"><h2 id=\"sf-off\">%s</h2>",
		    _("Turn it off"));
		if (required)
			html(&b, "<p>%s</p>", _("Your organisation requires a second factor, so "
			    "it stays on. If you have a new phone, ask your organisation's "
			    "administrator to reset it."));
		else {
			form_begin(r, &b, "/me/settings/second-factor/off", v->off_e);
			form_input(&b, "off_code", _("Code from the app, or a recovery code"),
			    "text", NULL, "one-time-code", NULL, v->off_e);
			form_end(&b, _("Turn off the second factor"));
		}
		html_raw(&b, "</section>");
	}
	layout_end(r, &b, status);
}

void
web_second_factor(struct req *r)
{
	struct view v = {0};
	const char *done = req_query(r, "done");

	if (done != NULL && strcmp(done, "off") == 0)
		v.message = _("Your second factor is off.");
	render(r, 200, &v);
}

/* Changes; each answers with the page, or a redirect. */

enum sf_change { SF_BEGIN, SF_CONFIRM, SF_CODES, SF_OFF };

struct change {
	enum sf_change what;
	const char *user_id, *session_hash, *box, *field;
	char user_key[USERNAME_MAX + 8];
	struct sf_check check;
	char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1];
	char hashes[RECOVERY_CODES][SECRET_HASH_LEN + 1];
	struct audit_entry *audit;
	bool wrong, blocked;
	int64_t now;
};

static int
write_change(struct store_tx *tx, void *arg)
{
	struct change *c = arg;
	int failures, rc;
	int64_t block;

	switch (c->what) {
	case SF_BEGIN:
		rc = store_tx_second_factor_begin(tx, c->user_id, c->box, c->now);
		if (rc == ERR_CONFLICT)
			return 0;                   /* on already: nothing to start */
		if (rc != 0)
			return rc;
		return 0;
	case SF_CONFIRM:
		rc = store_tx_second_factor_confirm(tx, c->user_id, c->check.step, c->now);
		break;
	default:
		rc = sf_tx_use(tx, c->user_id, &c->check, c->now);
		break;
	}
	if (rc == ERR_NOT_FOUND) {
		/* Not right: counts against the account, like a wrong sign-in. */
		c->wrong = true;
		if ((rc = store_tx_throttle_fail(tx, c->user_key, c->now, &failures)) != 0)
			return rc;
		block = throttle_block_us(failures, THROTTLE_FREE);
		c->blocked = block > 0;
		return block > 0 ? store_tx_throttle_block(tx, c->user_key, c->now + block) : 0;
	}
	if (rc != 0)
		return rc;
	if ((rc = store_tx_throttle_clear(tx, c->user_key)) != 0)
		return rc;
	switch (c->what) {
	case SF_CONFIRM:
		if ((rc = store_tx_recovery_codes_set(tx, c->user_id, c->hashes, RECOVERY_CODES,
		    c->now)) != 0)
			return rc;
		/* The code just typed confirms the factor for this sign-in too;
		 * every other session of the account, signed in without it, ends. */
		if (c->session_hash != NULL &&
		    (rc = store_tx_session_second_factor(tx, c->session_hash, c->now)) != 0)
			return rc;
		if ((rc = store_tx_sessions_delete_user(tx, c->user_id, c->session_hash)) != 0)
			return rc;
		break;
	case SF_CODES:
		if ((rc = store_tx_recovery_codes_set(tx, c->user_id, c->hashes, RECOVERY_CODES,
		    c->now)) != 0)
			return rc;
		break;
	case SF_OFF:
		if ((rc = store_tx_second_factor_delete(tx, c->user_id)) != 0)
			return rc;
		break;
	default:
		break;
	}
	return store_tx_audit_append(tx, c->audit);
}

static void
after_change(struct req *r, int rc)
{
	struct change *c = r->write_arg;
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct view v = {0};

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (c->what == SF_BEGIN) {
		resp_redirect(r, 303, "/me/settings/second-factor");
		return;
	}
	if (c->wrong) {
		form_error(e, c->field, "wrong_code");
		v.confirm_e = v.codes_e = v.off_e = e;
		if (c->blocked)
			v.message = _("Too many wrong codes. Please wait a few minutes and try again.");
		render(r, c->blocked ? 429 : 422, &v);
		return;
	}
	switch (c->what) {
	case SF_CONFIRM:
		v.message = _("Your second factor is on. From now on, signing in asks for a code "
		    "from the app.");
		v.codes = c->codes;
		render(r, 200, &v);
		return;
	case SF_CODES:
		v.message = _("Here are your new recovery codes. The old ones no longer work.");
		v.codes = c->codes;
		render(r, 200, &v);
		return;
	default:
		resp_redirect(r, 303, "/me/settings/second-factor?done=off");
		return;
	}
}

static struct change *
change_new(struct req *r, enum sf_change what)
{
	struct change *c = arena_alloc(&r->arena, sizeof(*c));

	c->what = what;
	c->user_id = r->actor->user.id;
	c->session_hash = r->actor->session_hash;
	c->now = clock_now_us();
	snprintf(c->user_key, sizeof(c->user_key), "user:");
	username_key(r->actor->user.username, c->user_key + 5);
	return c;
}

void
web_second_factor_begin(struct req *r)
{
	struct change *c = change_new(r, SF_BEGIN);
	unsigned char secret[TOTP_SECRET_LEN];
	bool on = false;
	int rc;

	if (store_second_factor_on(req_store(r), c->user_id, &on) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (on) {
		resp_redirect(r, 303, "/me/settings/second-factor");
		return;
	}
	totp_secret_new(secret);
	rc = store_second_factor_seal(req_store(r), &r->arena, secret, &c->box);
	sodium_memzero(secret, sizeof(secret));
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	req_defer_write(r, write_change, c, after_change);
}

/* Reads the code field of a change against the account's factor; answers
 * (and returns false) when there is nothing to check it against, or the
 * field is wrong in shape, or the account is blocked for a while. */
static bool
read_change(struct req *r, struct change *c, const char *field, bool want_on,
    bool recovery_ok)
{
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct second_factor f;
	struct view v = {0};
	int64_t until = 0;
	const char *code;
	int failures, rc;

	c->field = field;
	rc = store_second_factor_get(req_store(r), &r->arena, c->user_id, &f);
	if (rc == ERR_NOT_FOUND || (rc == 0 && (f.confirmed_us != 0) != want_on)) {
		resp_redirect(r, 303, "/me/settings/second-factor");
		return false;
	}
	if (rc != 0 || store_throttle_get(req_store(r), c->user_key, &failures, &until) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return false;
	}
	v.confirm_e = v.codes_e = v.off_e = e;
	code = form_text(r, e, field, true, CODE_MAX);
	if (e->n > 0) {
		render(r, 422, &v);
		return false;
	}
	if (until > c->now) {
		resp_header(r, "Retry-After", arena_printf(&r->arena, "%lld",
		    (long long)((until - c->now + 999999) / 1000000)));
		v.message = _("Too many wrong codes. Please wait a few minutes and try again.");
		render(r, 429, &v);
		return false;
	}
	if (sf_read_code(r, &f, code, recovery_ok, &c->check) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return false;
	}
	return true;
}

void
web_second_factor_confirm(struct req *r)
{
	struct change *c = change_new(r, SF_CONFIRM);

	if (!read_change(r, c, "code", false, false))
		return;
	if (c->check.kind == SF_TOTP && sf_new_codes(r, c->user_id, c->codes, c->hashes) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	c->audit = req_audit(r, "second_factor.on",
	    arena_printf(&r->arena, "user:%s", c->user_id), NULL);
	req_defer_write(r, write_change, c, after_change);
}

void
web_second_factor_codes(struct req *r)
{
	struct change *c = change_new(r, SF_CODES);

	if (!read_change(r, c, "code", true, false))
		return;
	if (sf_new_codes(r, c->user_id, c->codes, c->hashes) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	c->audit = req_audit(r, "second_factor.recovery_codes",
	    arena_printf(&r->arena, "user:%s", c->user_id), NULL);
	req_defer_write(r, write_change, c, after_change);
}

void
web_second_factor_off(struct req *r)
{
	struct change *c = change_new(r, SF_OFF);
	bool required = false;

	if (r->actor->user.kind == USER_STAFF &&
	    store_second_factor_required(req_store(r), c->user_id, &required) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (required) {
		struct view v = {.message = _("Your organisation requires a second factor, so it "
		    "stays on.")};

		render(r, 409, &v);
		return;
	}
	if (!read_change(r, c, "off_code", true, true))
		return;
	c->audit = req_audit(r, "second_factor.off",
	    arena_printf(&r->arena, "user:%s", c->user_id),
	    c->check.kind == SF_RECOVERY ? "with a recovery code" : NULL);
	req_defer_write(r, write_change, c, after_change);
}

/* An organisation's requirement */

struct require {
	const char *org_id, *session_hash;
	bool on;
	struct audit_entry *audit;
};

static bool
may_require(struct req *r)
{
	if (r->actor->org_id != NULL && policy_may_manage_members(r->actor, r->actor->org_id))
		return true;
	error_respond(r, 403, PROBLEM_FORBIDDEN);
	return false;
}

static void
render_admin(struct req *r, unsigned status, const char *message)
{
	bool on = false;
	struct buf b;

	if (store_org_second_factor(req_store(r), r->actor->org_id, &on) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Second factor for staff"));
	html(&b, "<p><a href=\"/admin/users\">%s</a></p><h1>%s</h1>", _("Accounts"),
	    _("Second factor for staff"));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	html(&b, "<p>%s</p><p><strong>%s</strong></p>",
	    _("When it is required, everyone on your organisation's staff signs in with "
	      "their password and a code from an app on their phone. Whoever has none yet "
	      "is signed out, and sets it up right after their password, before anything "
	      "else."),
	    on ? arena_printf(&r->arena, _("%s requires a second factor of its staff."),
	    r->actor->org_name) : arena_printf(&r->arena,
	    _("%s does not require a second factor yet."), r->actor->org_name));
	html(&b, "<form method=\"post\" action=\"/admin/second-factor\">");
	form_csrf(r, &b);
	html(&b, "<input type=\"hidden\" name=\"require\" value=\"%s\">"
	    "<button type=\"submit\" class=\"button%s\">%s</button></form>",
	    on ? "no" : "yes", on ? " secondary" : "",
	    on ? _("Stop requiring it") : _("Require a second factor"));
	html(&b, "<p class=\"small\">%s</p>", _("Someone who lost their phone and their "
	    "recovery codes: open their account under Accounts and reset their second factor."));
	layout_end(r, &b, status);
}

void
web_admin_second_factor(struct req *r)
{
	const char *done = req_query(r, "done");

	if (!may_require(r))
		return;
	render_admin(r, 200, done != NULL ? _("Saved.") : NULL);
}

static int
write_require(struct store_tx *tx, void *arg)
{
	struct require *q = arg;
	int rc = store_tx_org_second_factor_set(tx, q->org_id, q->on);

	/* Staff signed in without one are signed out now, not in twelve hours:
	 * at their next sign-in they set it up. (The admin's own session stays.) */
	if (rc == 0 && q->on)
		rc = store_tx_org_sessions_without_factor_end(tx, q->org_id, q->session_hash);
	return rc ? rc : store_tx_audit_append(tx, q->audit);
}

static void
after_require(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/admin/second-factor?done=1");
}

void
web_admin_second_factor_save(struct req *r)
{
	struct require *q;
	const char *v = req_form(r, "require");

	if (!may_require(r))
		return;
	if (v == NULL || (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)) {
		render_admin(r, 422, form_error_text("invalid_choice"));
		return;
	}
	q = arena_alloc(&r->arena, sizeof(*q));
	q->org_id = r->actor->org_id;
	q->session_hash = r->actor->session_hash;
	q->on = strcmp(v, "yes") == 0;
	q->audit = req_audit(r, "organisation.second_factor",
	    arena_printf(&r->arena, "organisation:%s", q->org_id),
	    q->on ? "required" : "not required");
	req_defer_write(r, write_require, q, after_require);
}
