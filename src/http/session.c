#include "http/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/secret.h"
#include "core/actor.h"
#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/store.h"

static const char *
cookie_name(struct req *r)
{
	return server_config(r->srv)->https ? "__Host-rosc_session" : "rosc_session";
}

static const char *
pre_cookie_name(struct req *r)
{
	return server_config(r->srv)->https ? "__Host-rosc_pre" : "rosc_pre";
}

static const char *
secure(struct req *r)
{
	return server_config(r->srv)->https ? "; Secure" : "";
}

void
session_set_cookie(struct req *r, const char *token)
{
	/* No Max-Age: the cookie ends with the browser; the server ends the
	 * session itself after idle or absolute time. */
	resp_header(r, "Set-Cookie", arena_printf(&r->arena,
	    "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", cookie_name(r), token, secure(r)));
}

void
session_clear_cookie(struct req *r)
{
	resp_header(r, "Set-Cookie", arena_printf(&r->arena,
	    "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s", cookie_name(r), secure(r)));
}

static const char *
pending_cookie_name(struct req *r)
{
	return server_config(r->srv)->https ? "__Host-rosc_2fa" : "rosc_2fa";
}

void
session_set_pending_cookie(struct req *r, const char *token)
{
	resp_header(r, "Set-Cookie", arena_printf(&r->arena,
	    "%s=%s; Path=/; Max-Age=600; HttpOnly; SameSite=Lax%s", pending_cookie_name(r),
	    token, secure(r)));
}

const char *
session_pending_token(struct req *r)
{
	const char *t = req_cookie(r, pending_cookie_name(r));

	return secret_valid(t) ? t : NULL;
}

void
session_clear_pending_cookie(struct req *r)
{
	resp_header(r, "Set-Cookie", arena_printf(&r->arena,
	    "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s", pending_cookie_name(r),
	    secure(r)));
}

/* Small writes that nobody waits for: the request does not depend on them
 * being durable (a session's last_seen, a token's last use). */
struct bg_write {
	char key[SECRET_HASH_LEN + 1];
	int64_t now, idle_before, started_before;
	int kind;
};

static int
bg_fn(struct store_tx *tx, void *arg)
{
	struct bg_write *w = arg;

	switch (w->kind) {
	case 0: return store_tx_session_touch(tx, w->key, w->now);
	case 1: return store_tx_session_delete(tx, w->key);
	case 2: return store_tx_api_token_used(tx, w->key, w->now);
	default: return store_tx_sessions_expire(tx, w->idle_before, w->started_before);
	}
}

static void
bg_done(void *arg, int rc)
{
	free(arg);
}

static void
background(struct req *r, int kind, const char *key, int64_t now)
{
	struct bg_write *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return;
	w->kind = kind;
	snprintf(w->key, sizeof(w->key), "%s", key ? key : "");
	w->now = now;
	w->idle_before = now - SESSION_IDLE_US;
	w->started_before = now - SESSION_ABSOLUTE_US;
	if (store_write_async(req_store(r), bg_fn, w, bg_done, w) != 0)
		free(w);
}

/* The actor for a user already read, acting for org_id if they may. NULL
 * for a disabled account, and when the store failed (then *err is set). */
static struct actor *
actor_with(struct req *r, const struct user *u, const char *org_id, int *err)
{
	struct store *s = req_store(r);
	struct actor *a = arena_alloc(&r->arena, sizeof(*a));
	struct membership *ms;
	size_t n, i;
	int rc;

	a->user = *u;
	if (a->user.disabled_us)
		return NULL;
	if ((rc = store_memberships_of_user(s, &r->arena, u->id, &ms, &n)) != 0) {
		*err = rc;
		return NULL;
	}
	a->norgs = n;
	if (a->user.kind == USER_STAFF && org_id == NULL && n == 1)
		org_id = ms[0].org_id;     /* one organisation: no need to choose */
	/* The acting organisation is one of those just read (not asked for
	 * again: a round trip less on every request). */
	for (i = 0; org_id != NULL && i < n; i++) {
		if (strcmp(ms[i].org_id, org_id) != 0)
			continue;
		a->org_id = ms[i].org_id;
		a->org_name = ms[i].org_name;
		a->org_time_zone = ms[i].org_time_zone;
		a->role = ms[i].role;
		a->may_break_glass = ms[i].may_break_glass;
		break;
	}
	return a;
}

/* session_actor_for(), saying in *err whether the store failed. */
static struct actor *
actor_for(struct req *r, const char *user_id, const char *org_id, int *err)
{
	struct user u;
	int rc;

	if ((rc = store_user_get(req_store(r), &r->arena, user_id, &u)) != 0) {
		if (rc != ERR_NOT_FOUND)
			*err = rc;
		return NULL;
	}
	return actor_with(r, &u, org_id, err);
}

struct actor *
session_actor_for(struct req *r, const char *user_id, const char *org_id)
{
	int err = 0;

	return actor_for(r, user_id, org_id, &err);
}

/* Returns 0, or the store's error when it failed. */
static int
load_bearer(struct req *r, const char *auth)
{
	struct api_token_row t;
	char hash[SECRET_HASH_LEN + 1];
	const char *token = auth + 7;
	struct actor *a;
	int64_t now = clock_now_us();
	int rc, err = 0;

	while (*token == ' ')
		token++;
	if (!secret_valid(token))
		return 0;
	secret_hash(token, hash);
	rc = store_api_token_by_hash(req_store(r), &r->arena, hash, &t);
	if (rc != 0)
		return rc == ERR_NOT_FOUND ? 0 : rc;
	if (t.revoked_us)
		return 0;
	a = actor_for(r, t.user_id, t.org_id, &err);
	if (a == NULL)
		return err;
	a->token_id = t.id;
	r->actor = a;
	if (now - t.last_used_us >= SESSION_TOUCH_US)
		background(r, 2, t.id, now);
	return 0;
}

int
session_load(struct req *r)
{
	const char *auth = req_header(r, "Authorization");
	const char *token = req_cookie(r, cookie_name(r));
	char hash[SECRET_HASH_LEN + 1];
	struct session_row row;
	struct actor *a;
	int64_t now;
	int rc, err = 0;

	r->actor = NULL;
	if (auth != NULL && strncasecmp(auth, "Bearer ", 7) == 0)
		return load_bearer(r, auth);
	if (token == NULL || *token == '\0')
		return 0;
	if (!secret_valid(token)) {
		session_clear_cookie(r);
		return 0;
	}
	secret_hash(token, hash);
	rc = store_session_get(req_store(r), &r->arena, hash, &row);
	if (rc == ERR_NOT_FOUND) {
		session_clear_cookie(r);
		return 0;
	}
	if (rc != 0)
		return rc;   /* the database is away: the cookie stays (dispatch says 503) */
	now = clock_now_us();
	if (now - row.last_seen_us > SESSION_IDLE_US ||
	    now - row.created_us > SESSION_ABSOLUTE_US) {
		session_clear_cookie(r);
		background(r, 1, hash, now);
		return 0;
	}
	a = actor_with(r, &row.user, row.org_id, &err);
	if (a == NULL) {
		if (err != 0)
			return err;
		session_clear_cookie(r);
		background(r, 1, hash, now);
		return 0;
	}
	a->session_hash = row.token_hash;
	a->csrf = row.csrf;
	a->session_created_us = row.created_us;
	a->last_seen_us = row.last_seen_us;
	a->second_factor_us = row.second_factor_us;
	r->actor = a;
	if (now - row.last_seen_us >= SESSION_TOUCH_US) {
		background(r, 0, hash, now);
		/* Now and then, also clear out sessions long gone. */
		if ((now / SESSION_TOUCH_US) % 64 == 0)
			background(r, 3, NULL, now);
	}
	return 0;
}

/* A foreign Origin (or Referer) on a state-changing request is refused. */
static bool
same_origin(struct req *r)
{
	const char *origin = req_header(r, "Origin"), *host = req_header(r, "Host");
	const char *base = server_config(r->srv)->base_url;
	const char *p;
	size_t blen;

	if (origin == NULL || strcmp(origin, "null") == 0)
		return origin == NULL;
	/* The configured public address... */
	blen = strlen(base);
	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	if (strlen(origin) == blen && strncmp(origin, base, blen) == 0)
		return true;
	/* ...or the address this request was sent to. */
	p = strstr(origin, "://");
	return host != NULL && p != NULL && strcmp(p + 3, host) == 0;
}

bool
session_csrf_valid(struct req *r)
{
	const char *sent = req_form(r, "csrf");

	if (r->actor != NULL && r->actor->token_id != NULL)
		return true;              /* bearer token: no cookie to ride on */
	if (!same_origin(r))
		return false;
	if (sent == NULL)
		sent = req_header(r, "X-CSRF-Token");
	if (r->actor != NULL)
		return secret_equal(sent, r->actor->csrf);
	return secret_valid(sent) && secret_equal(sent, req_cookie(r, pre_cookie_name(r)));
}

const char *
session_form_token(struct req *r)
{
	const char *pre;
	char *fresh;

	if (r->actor != NULL && r->actor->csrf != NULL)
		return r->actor->csrf;
	if (r->pre_csrf != NULL)
		return r->pre_csrf;
	pre = req_cookie(r, pre_cookie_name(r));
	if (secret_valid(pre)) {
		r->pre_csrf = pre;
		return pre;
	}
	fresh = arena_alloc(&r->arena, SECRET_LEN + 1);
	secret_new(fresh);
	resp_header(r, "Set-Cookie", arena_printf(&r->arena,
	    "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", pre_cookie_name(r), fresh, secure(r)));
	r->pre_csrf = fresh;
	return fresh;
}

struct audit_entry *
req_audit(struct req *r, const char *action, const char *target, const char *detail)
{
	struct audit_entry *e = arena_alloc(&r->arena, sizeof(*e));

	e->at_us = clock_now_us();
	e->actor_id = r->actor ? r->actor->user.id : NULL;
	e->actor_org_id = r->actor ? r->actor->org_id : NULL;
	e->action = action;
	e->target = target;
	e->client_addr = req_client_addr(r);
	e->detail = detail;
	return e;
}
