/* SQL for organisations, users, roles, sessions, invitations, API tokens
 * and throttling. */
#include "store/accounts.h"

#include <string.h>

#include "base/err.h"
#include "store/backend.h"
#include "store/rows.h"

/* Organisations */

#define ORG_COLS "id, name, sector, time_zone, created_us, disabled_us"

static void
read_org(struct arena *a, struct stmt *st, void *row)
{
	struct organisation *o = row;

	o->id = col_text(a, st, 0);
	o->name = col_text(a, st, 1);
	if (!sector_parse(col_cstr(st, 2), &o->sector))
		o->sector = SECTOR_COMMUNITY;
	o->time_zone = col_text(a, st, 3);
	o->created_us = col_int(st, 4);
	o->disabled_us = col_int(st, 5);
}

int
store_org_get(struct store *s, struct arena *a, const char *id, struct organisation *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " ORG_COLS " FROM organisation WHERE id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "org get")) != 0)
		return rc;
	read_org(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_org_list(struct store *s, struct arena *a, struct organisation **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " ORG_COLS " FROM organisation ORDER BY name_key, id");
	rc = rows_collect(st, a, 16, sizeof(**out), read_org, &rows, n, __func__,
	    "org list");
	*out = rows;
	return rc;
}

int
store_tx_org_insert(struct store_tx *tx, const struct organisation *o, const char *name_key)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO organisation (id, name, name_key, "
	    "sector, time_zone, created_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

	bind_text(st, 1, o->id);
	bind_text(st, 2, o->name);
	bind_text(st, 3, name_key);
	bind_text(st, 4, sector_code(o->sector));
	bind_text(st, 5, o->time_zone);
	bind_int(st, 6, o->created_us);
	return step_done(tx->conn, st, "org insert");
}

int
store_tx_org_update(struct store_tx *tx, const struct organisation *o, const char *name_key)
{
	struct stmt *st = STMT(tx->conn, "UPDATE organisation SET name = ?2, "
	    "name_key = ?3, sector = ?4, time_zone = ?5, disabled_us = ?6 WHERE id = ?1");

	bind_text(st, 1, o->id);
	bind_text(st, 2, o->name);
	bind_text(st, 3, name_key);
	bind_text(st, 4, sector_code(o->sector));
	bind_text(st, 5, o->time_zone);
	bind_us(st, 6, o->disabled_us);
	return step_changed(tx->conn, st, "org update");
}

/* Users */

#define USER_COLS "id, username, display_name, kind, is_sysadmin, password_hash, " \
	"lang, created_us, disabled_us"

/* The USER_COLS of a row, starting at column at. */
static void
read_user_at(struct arena *a, struct stmt *st, int at, struct user *u)
{
	u->id = col_text(a, st, at);
	u->username = col_text(a, st, at + 1);
	u->display_name = col_text(a, st, at + 2);
	if (!user_kind_parse(col_cstr(st, at + 3), &u->kind))
		u->kind = USER_STAFF;
	u->sysadmin = col_int(st, at + 4) != 0;
	u->password_hash = col_text(a, st, at + 5);
	u->lang = col_text(a, st, at + 6);
	u->created_us = col_int(st, at + 7);
	u->disabled_us = col_int(st, at + 8);
}
#define read_user(a, st, u) read_user_at((a), (st), 0, (u))

int
store_user_get(struct store *s, struct arena *a, const char *id, struct user *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " USER_COLS " FROM user_account WHERE id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "user get")) != 0)
		return rc;
	read_user(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_user_by_username(struct store *s, struct arena *a, const char *key, struct user *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " USER_COLS " FROM user_account WHERE username_key = ?1");
	bind_text(st, 1, key);
	if ((rc = step_row(c, st, "user by name")) != 0)
		return rc;
	read_user(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_user_list(struct store *s, struct arena *a, const char *org_id, const char *after,
    size_t limit, struct user **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof(**out));
	if (org_id == NULL) {
		st = STMT(c, "SELECT " USER_COLS " FROM user_account "
		    "WHERE username_key > ?1 ORDER BY username_key LIMIT ?2");
	} else {
		st = STMT(c, "SELECT u.id, u.username, u.display_name, u.kind, u.is_sysadmin, "
		    "u.password_hash, u.lang, u.created_us, u.disabled_us "
		    "FROM membership m JOIN user_account u ON u.id = m.user_id "
		    "WHERE m.org_id = ?3 AND u.username_key > ?1 "
		    "ORDER BY u.username_key LIMIT ?2");
		bind_text(st, 3, org_id);
	}
	bind_text(st, 1, after ? after : "");
	bind_int(st, 2, (int64_t)limit);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW && *n < limit)
		read_user(a, st, &(*out)[(*n)++]);
	stmt_reset(st);
	return rc == STMT_DONE || rc == STMT_ROW ? 0 : db_error(c, rc, "user list");
}

int
store_user_count(struct store *s, int64_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT count(*) FROM user_account");
	if ((rc = step_row(c, st, "user count")) != 0)
		return rc;
	*n = col_int(st, 0);
	stmt_reset(st);
	return 0;
}

int
store_sysadmin_count(struct store *s, int64_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT count(*) FROM user_account WHERE is_sysadmin = 1 "
	    "AND disabled_us IS NULL");
	if ((rc = step_row(c, st, "sysadmin count")) != 0)
		return rc;
	*n = col_int(st, 0);
	stmt_reset(st);
	return 0;
}

int
store_tx_user_insert(struct store_tx *tx, const struct user *u, const char *key)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO user_account (id, username, "
	    "username_key, display_name, kind, is_sysadmin, password_hash, lang, "
	    "created_us, password_changed_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");

	bind_text(st, 1, u->id);
	bind_text(st, 2, u->username);
	bind_text(st, 3, key);
	bind_text(st, 4, u->display_name);
	bind_text(st, 5, user_kind_code(u->kind));
	bind_int(st, 6, u->sysadmin);
	bind_text(st, 7, u->password_hash);
	bind_text(st, 8, u->lang);
	bind_int(st, 9, u->created_us);
	bind_us(st, 10, u->password_hash ? u->created_us : 0);
	return step_done(tx->conn, st, "user insert");
}

int
store_tx_user_set_password(struct store_tx *tx, const char *user_id, const char *hash,
    int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE user_account SET password_hash = ?2, "
	    "password_changed_us = ?3 WHERE id = ?1");

	bind_text(st, 1, user_id);
	bind_text(st, 2, hash);
	bind_int(st, 3, now);
	return step_changed(tx->conn, st, "user password");
}

int
store_tx_user_set_lang(struct store_tx *tx, const char *user_id, const char *lang)
{
	struct stmt *st = STMT(tx->conn, "UPDATE user_account SET lang = ?2 WHERE id = ?1");

	bind_text(st, 1, user_id);
	bind_text(st, 2, lang);
	return step_changed(tx->conn, st, "user lang");
}

int
store_tx_user_set_disabled(struct store_tx *tx, const char *user_id, int64_t when)
{
	struct stmt *st = STMT(tx->conn,
	    "UPDATE user_account SET disabled_us = ?2 WHERE id = ?1");

	bind_text(st, 1, user_id);
	bind_us(st, 2, when);
	return step_changed(tx->conn, st, "user disable");
}

int
store_tx_user_set_name(struct store_tx *tx, const char *user_id, const char *name)
{
	struct stmt *st = STMT(tx->conn,
	    "UPDATE user_account SET display_name = ?2 WHERE id = ?1");

	bind_text(st, 1, user_id);
	bind_text(st, 2, name);
	return step_changed(tx->conn, st, "user name");
}

/* Memberships */

static void
read_membership(struct arena *a, struct stmt *st, void *row)
{
	struct membership *m = row;

	m->user_id = col_text(a, st, 0);
	m->org_id = col_text(a, st, 1);
	if (!role_parse(col_cstr(st, 2), &m->role))
		m->role = ROLE_NONE;
	m->org_name = col_text(a, st, 3);
	m->org_time_zone = col_text(a, st, 4);
	m->username = col_text(a, st, 5);
	m->display_name = col_text(a, st, 6);
	m->may_break_glass = col_int(st, 7) != 0;
}

int
store_memberships_of_user(struct store *s, struct arena *a, const char *user_id,
    struct membership **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT m.user_id, m.org_id, m.role, o.name, o.time_zone, u.username, "
	    "u.display_name, m.may_break_glass FROM membership m "
	    "JOIN organisation o ON o.id = m.org_id "
	    "JOIN user_account u ON u.id = m.user_id "
	    "WHERE m.user_id = ?1 AND o.disabled_us IS NULL ORDER BY o.name_key");
	bind_text(st, 1, user_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_membership, &rows, n, __func__,
	    "memberships");
	*out = rows;
	return rc;
}

int
store_membership_get(struct store *s, struct arena *a, const char *user_id,
    const char *org_id, struct membership *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT m.user_id, m.org_id, m.role, o.name, o.time_zone, u.username, "
	    "u.display_name, m.may_break_glass FROM membership m "
	    "JOIN organisation o ON o.id = m.org_id "
	    "JOIN user_account u ON u.id = m.user_id "
	    "WHERE m.user_id = ?1 AND m.org_id = ?2 AND o.disabled_us IS NULL");
	bind_text(st, 1, user_id);
	bind_text(st, 2, org_id);
	if ((rc = step_row(c, st, "membership")) != 0)
		return rc;
	read_membership(a, st, out);
	stmt_reset(st);
	return 0;
}

/* Grows an arena array of memberships read from st until it is done. */
static int
read_memberships(struct conn *c, struct arena *a, struct stmt *st,
    struct membership **out, size_t *n, const char *what)
{
	void *rows;
	int rc;

	rc = rows_collect(st, a, 8, sizeof(**out), read_membership, &rows, n, __func__,
	    what);
	*out = rows;
	return rc;
}

int
store_memberships_of_user_all(struct store *s, struct arena *a, const char *user_id,
    struct membership **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT m.user_id, m.org_id, m.role, o.name, o.time_zone, u.username, "
	    "u.display_name, m.may_break_glass FROM membership m "
	    "JOIN organisation o ON o.id = m.org_id "
	    "JOIN user_account u ON u.id = m.user_id "
	    "WHERE m.user_id = ?1 ORDER BY o.name_key");
	bind_text(st, 1, user_id);
	return read_memberships(c, a, st, out, n, "memberships all");
}

int
store_org_members(struct store *s, struct arena *a, const char *org_id,
    struct membership **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT m.user_id, m.org_id, m.role, o.name, o.time_zone, u.username, "
	    "u.display_name, m.may_break_glass FROM membership m "
	    "JOIN organisation o ON o.id = m.org_id "
	    "JOIN user_account u ON u.id = m.user_id "
	    "WHERE m.org_id = ?1 ORDER BY u.username_key");
	bind_text(st, 1, org_id);
	return read_memberships(c, a, st, out, n, "org members");
}

int
store_tx_membership_set(struct store_tx *tx, const char *user_id, const char *org_id,
    enum role role, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO membership (user_id, org_id, role, "
	    "created_us) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT (user_id, org_id) DO UPDATE SET role = excluded.role");

	bind_text(st, 1, user_id);
	bind_text(st, 2, org_id);
	bind_text(st, 3, role_code(role));
	bind_int(st, 4, now);
	return step_done(tx->conn, st, "membership set");
}

int
store_tx_membership_glass(struct store_tx *tx, const char *user_id, const char *org_id,
    bool may)
{
	struct stmt *st = STMT(tx->conn,
	    "UPDATE membership SET may_break_glass = ?3 WHERE user_id = ?1 AND org_id = ?2");

	bind_text(st, 1, user_id);
	bind_text(st, 2, org_id);
	bind_int(st, 3, may ? 1 : 0);
	return step_changed(tx->conn, st, "membership glass");
}

int
store_tx_membership_delete(struct store_tx *tx, const char *user_id, const char *org_id)
{
	struct stmt *st = STMT(tx->conn,
	    "DELETE FROM membership WHERE user_id = ?1 AND org_id = ?2");

	bind_text(st, 1, user_id);
	bind_text(st, 2, org_id);
	return step_changed(tx->conn, st, "membership delete");
}

/* Sessions */

int
store_session_get(struct store *s, struct arena *a, const char *token_hash,
    struct session_row *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	/* With its user: one query less on every signed-in request. */
	st = STMT(c, "SELECT s.token_hash, s.user_id, s.org_id, s.csrf, s.client_addr, "
	    "s.created_us, s.last_seen_us, "
	    "u.id, u.username, u.display_name, u.kind, u.is_sysadmin, u.password_hash, "
	    "u.lang, u.created_us, u.disabled_us, s.second_factor_us "
	    "FROM session s JOIN user_account u ON u.id = s.user_id WHERE s.token_hash = ?1");
	bind_text(st, 1, token_hash);
	if ((rc = step_row(c, st, "session get")) != 0)
		return rc;
	read_user_at(a, st, 7, &out->user);
	out->token_hash = col_text(a, st, 0);
	out->user_id = col_text(a, st, 1);
	out->org_id = col_text(a, st, 2);
	out->csrf = col_text(a, st, 3);
	out->client_addr = col_text(a, st, 4);
	out->created_us = col_int(st, 5);
	out->last_seen_us = col_int(st, 6);
	out->second_factor_us = col_int(st, 16);
	stmt_reset(st);
	return 0;
}

int
store_tx_session_insert(struct store_tx *tx, const struct session_row *r)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO session (token_hash, user_id, org_id, "
	    "csrf, created_us, last_seen_us, client_addr, second_factor_us) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)");

	bind_text(st, 1, r->token_hash);
	bind_text(st, 2, r->user_id);
	bind_text(st, 3, r->org_id);
	bind_text(st, 4, r->csrf);
	bind_int(st, 5, r->created_us);
	bind_text(st, 6, r->client_addr ? r->client_addr : "");
	if (r->second_factor_us > 0)
		bind_int(st, 7, r->second_factor_us);
	else
		bind_null(st, 7);
	return step_done(tx->conn, st, "session insert");
}

int
store_tx_session_touch(struct store_tx *tx, const char *token_hash, int64_t now)
{
	struct stmt *st = STMT(tx->conn,
	    "UPDATE session SET last_seen_us = ?2 WHERE token_hash = ?1 AND last_seen_us < ?2");

	bind_text(st, 1, token_hash);
	bind_int(st, 2, now);
	return step_done(tx->conn, st, "session touch");
}

int
store_tx_session_set_org(struct store_tx *tx, const char *token_hash, const char *org_id)
{
	struct stmt *st = STMT(tx->conn,
	    "UPDATE session SET org_id = ?2 WHERE token_hash = ?1");

	bind_text(st, 1, token_hash);
	bind_text(st, 2, org_id);
	return step_changed(tx->conn, st, "session org");
}

int
store_tx_session_delete(struct store_tx *tx, const char *token_hash)
{
	struct stmt *st = STMT(tx->conn, "DELETE FROM session WHERE token_hash = ?1");

	bind_text(st, 1, token_hash);
	return step_done(tx->conn, st, "session delete");
}

int
store_tx_sessions_delete_user(struct store_tx *tx, const char *user_id,
    const char *except)
{
	struct stmt *st = STMT(tx->conn,
	    "DELETE FROM session WHERE user_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR token_hash <> ?2)");

	bind_text(st, 1, user_id);
	bind_text(st, 2, except);
	return step_done(tx->conn, st, "sessions delete");
}

int
store_tx_sessions_expire(struct store_tx *tx, int64_t idle_before, int64_t started_before)
{
	struct stmt *st = STMT(tx->conn,
	    "DELETE FROM session WHERE last_seen_us < ?1 OR created_us < ?2");

	bind_int(st, 1, idle_before);
	bind_int(st, 2, started_before);
	return step_done(tx->conn, st, "sessions expire");
}

/* Invitations */

int
store_invitation_get(struct store *s, struct arena *a, const char *token_hash,
    struct invitation_row *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT token_hash, user_id, created_by, purpose, created_us, "
	    "expires_us, used_us FROM invitation WHERE token_hash = ?1");
	bind_text(st, 1, token_hash);
	if ((rc = step_row(c, st, "invitation get")) != 0)
		return rc;
	out->token_hash = col_text(a, st, 0);
	out->user_id = col_text(a, st, 1);
	out->created_by = col_text(a, st, 2);
	out->purpose = col_text(a, st, 3);
	out->created_us = col_int(st, 4);
	out->expires_us = col_int(st, 5);
	out->used_us = col_int(st, 6);
	stmt_reset(st);
	return 0;
}

int
store_tx_invitation_insert(struct store_tx *tx, const struct invitation_row *r)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO invitation (token_hash, user_id, "
	    "created_by, purpose, created_us, expires_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

	bind_text(st, 1, r->token_hash);
	bind_text(st, 2, r->user_id);
	bind_text(st, 3, r->created_by);
	bind_text(st, 4, r->purpose);
	bind_int(st, 5, r->created_us);
	bind_int(st, 6, r->expires_us);
	return step_done(tx->conn, st, "invitation insert");
}

int
store_tx_invitation_use(struct store_tx *tx, const char *token_hash, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE invitation SET used_us = ?2 "
	    "WHERE token_hash = ?1 AND used_us IS NULL AND expires_us > ?2");
	int rc;

	bind_text(st, 1, token_hash);
	bind_int(st, 2, now);
	rc = step_changed(tx->conn, st, "invitation use");
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

int
store_tx_invitations_end_user(struct store_tx *tx, const char *user_id, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE invitation SET expires_us = ?2 "
	    "WHERE user_id = ?1 AND used_us IS NULL AND expires_us > ?2");

	bind_text(st, 1, user_id);
	bind_int(st, 2, now);
	return step_done(tx->conn, st, "invitations end");
}

/* API tokens */

static void
read_token(struct arena *a, struct stmt *st, void *row)
{
	struct api_token_row *t = row;

	t->id = col_text(a, st, 0);
	t->user_id = col_text(a, st, 1);
	t->org_id = col_text(a, st, 2);
	t->name = col_text(a, st, 3);
	t->token_hash = col_text(a, st, 4);
	t->created_us = col_int(st, 5);
	t->last_used_us = col_int(st, 6);
	t->revoked_us = col_int(st, 7);
}

int
store_api_token_by_hash(struct store *s, struct arena *a, const char *token_hash,
    struct api_token_row *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT id, user_id, org_id, name, token_hash, created_us, "
	    "last_used_us, revoked_us FROM api_token WHERE token_hash = ?1");
	bind_text(st, 1, token_hash);
	if ((rc = step_row(c, st, "token get")) != 0)
		return rc;
	read_token(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_api_tokens_of_user(struct store *s, struct arena *a, const char *user_id,
    struct api_token_row **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT id, user_id, org_id, name, token_hash, created_us, "
	    "last_used_us, revoked_us FROM api_token WHERE user_id = ?1 "
	    "ORDER BY created_us DESC, id LIMIT 100");
	bind_text(st, 1, user_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_token, &rows, n, __func__,
	    "tokens");
	*out = rows;
	return rc;
}

int
store_tx_api_token_insert(struct store_tx *tx, const struct api_token_row *r)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO api_token (id, user_id, org_id, name, "
	    "token_hash, created_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

	bind_text(st, 1, r->id);
	bind_text(st, 2, r->user_id);
	bind_text(st, 3, r->org_id);
	bind_text(st, 4, r->name);
	bind_text(st, 5, r->token_hash);
	bind_int(st, 6, r->created_us);
	return step_done(tx->conn, st, "token insert");
}

int
store_tx_api_token_revoke(struct store_tx *tx, const char *id, const char *user_id,
    int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE api_token SET revoked_us = ?3 "
	    "WHERE id = ?1 AND user_id = ?2 AND revoked_us IS NULL");

	bind_text(st, 1, id);
	bind_text(st, 2, user_id);
	bind_int(st, 3, now);
	return step_changed(tx->conn, st, "token revoke");
}

int
store_tx_api_token_used(struct store_tx *tx, const char *id, int64_t now)
{
	struct stmt *st = STMT(tx->conn,
	    "UPDATE api_token SET last_used_us = ?2 WHERE id = ?1");

	bind_text(st, 1, id);
	bind_int(st, 2, now);
	return step_done(tx->conn, st, "token used");
}

/* Throttling */

int
store_throttle_get(struct store *s, const char *key, int *failures, int64_t *until)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*failures = 0;
	*until = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT failures, blocked_until_us FROM signin_throttle WHERE key = ?1");
	bind_text(st, 1, key);
	rc = step_row(c, st, "throttle get");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	*failures = col_int(st, 0);
	*until = col_int(st, 1);
	stmt_reset(st);
	return 0;
}

int
store_tx_throttle_fail(struct store_tx *tx, const char *key, int64_t now, int *failures)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO signin_throttle (key, failures, "
	    "last_failure_us, blocked_until_us) VALUES (?1, 1, ?2, 0) "
	    "ON CONFLICT (key) DO UPDATE SET failures = signin_throttle.failures + 1, last_failure_us = ?2 "
	    "RETURNING failures");
	int rc;

	bind_text(st, 1, key);
	bind_int(st, 2, now);
	rc = stmt_step(st, __func__);
	*failures = rc == STMT_ROW ? col_int(st, 0) : 0;
	if (rc == STMT_ROW)
		rc = stmt_step(st, __func__);
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(tx->conn, rc, "throttle fail");
}

int
store_tx_throttle_block(struct store_tx *tx, const char *key, int64_t until)
{
	struct stmt *st = STMT(tx->conn,
	    "UPDATE signin_throttle SET blocked_until_us = ?2 WHERE key = ?1");

	bind_text(st, 1, key);
	bind_int(st, 2, until);
	return step_done(tx->conn, st, "throttle block");
}

int
store_tx_throttle_clear(struct store_tx *tx, const char *key)
{
	struct stmt *st = STMT(tx->conn, "DELETE FROM signin_throttle WHERE key = ?1");

	bind_text(st, 1, key);
	return step_done(tx->conn, st, "throttle clear");
}
