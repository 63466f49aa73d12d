/* SQL for the second factor at sign-in. See store/second_factor.h.
 *
 * The secret is sealed with libsodium's secretbox under a key derived from
 * the audit key (BLAKE2b keyed with it, over a fixed label), so whoever
 * holds only the database (a backup, a dump) cannot make codes. Recovery
 * codes are kept as BLAKE2b keyed with a second derived key, over the
 * account and the code: a guess at one account's code is worth nothing at
 * another's. Losing the audit key loses every factor: an admin resets it. */
#include "store/second_factor.h"

#include <sodium.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/rows.h"

enum { KEY_SEAL, KEY_RECOVERY };

static int
derive(const struct store *s, int which, unsigned char key[32])
{
	static const char *const labels[] = {
		"rosc second factor: seal v1", "rosc second factor: recovery v1",
	};

	if (s == NULL || !s->has_audit_key)
		return ERR_UNAVAILABLE;
	crypto_generichash(key, 32, (const unsigned char *)labels[which],
	    strlen(labels[which]), s->audit_key, sizeof(s->audit_key));
	return 0;
}

int
store_second_factor_seal(struct store *s, struct arena *a,
    const unsigned char secret[TOTP_SECRET_LEN], const char **box)
{
	unsigned char key[32], out[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
	    TOTP_SECRET_LEN];
	char *hex;
	int rc;

	if ((rc = derive(s, KEY_SEAL, key)) != 0)
		return rc;
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, secret, TOTP_SECRET_LEN, out,
	    key);
	sodium_memzero(key, sizeof(key));
	hex = arena_alloc(a, sizeof(out) * 2 + 1);
	sodium_bin2hex(hex, sizeof(out) * 2 + 1, out, sizeof(out));
	*box = hex;
	return 0;
}

static int
open_box(const struct store *s, const char *hex, unsigned char secret[TOTP_SECRET_LEN])
{
	unsigned char key[32], in[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
	    TOTP_SECRET_LEN];
	size_t n = 0;
	int rc;

	if ((rc = derive(s, KEY_SEAL, key)) != 0)
		return rc;
	rc = 0;
	if (hex == NULL || sodium_hex2bin(in, sizeof(in), hex, strlen(hex), NULL, &n, NULL) != 0 ||
	    n != sizeof(in) ||
	    crypto_secretbox_open_easy(secret, in + crypto_secretbox_NONCEBYTES,
	    sizeof(in) - crypto_secretbox_NONCEBYTES, in, key) != 0)
		rc = ERR_UNAVAILABLE;
	sodium_memzero(key, sizeof(key));
	return rc;
}

int
store_second_factor_get(struct store *s, struct arena *a, const char *user_id,
    struct second_factor *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	const char *box;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT f.user_id, f.secret_box, f.created_us, f.confirmed_us, f.last_step, "
	    "(SELECT count(*) FROM recovery_code r WHERE r.user_id = f.user_id "
	    "AND r.used_us IS NULL) FROM second_factor f WHERE f.user_id = ?1");
	bind_text(st, 1, user_id);
	if ((rc = step_row(c, st, "second factor get")) != 0)
		return rc;
	out->user_id = col_text(a, st, 0);
	box = col_text(a, st, 1);
	out->created_us = col_int(st, 2);
	out->confirmed_us = col_int(st, 3);
	out->last_step = col_int(st, 4);
	out->recovery_left = (int)col_int(st, 5);
	stmt_reset(st);
	return open_box(s, box, out->secret);
}

int
store_second_factor_on(struct store *s, const char *user_id, bool *on)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*on = false;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT 1 FROM second_factor WHERE user_id = ?1 "
	    "AND confirmed_us IS NOT NULL");
	bind_text(st, 1, user_id);
	rc = step_row(c, st, "second factor on");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	*on = true;
	stmt_reset(st);
	return 0;
}

int
store_tx_second_factor_begin(struct store_tx *tx, const char *user_id, const char *box,
    int64_t now)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO second_factor (user_id, secret_box, "
	    "created_us, confirmed_us, last_step) VALUES (?1, ?2, ?3, NULL, 0) "
	    "ON CONFLICT (user_id) DO UPDATE SET secret_box = excluded.secret_box, "
	    "created_us = excluded.created_us, last_step = 0 "
	    "WHERE second_factor.confirmed_us IS NULL");
	int rc;

	bind_text(st, 1, user_id);
	bind_text(st, 2, box);
	bind_int(st, 3, now);
	rc = step_changed(tx->conn, st, "second factor begin");
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

int
store_tx_second_factor_confirm(struct store_tx *tx, const char *user_id, int64_t step,
    int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE second_factor SET confirmed_us = ?3, "
	    "last_step = ?2 WHERE user_id = ?1 AND confirmed_us IS NULL AND last_step < ?2");

	bind_text(st, 1, user_id);
	bind_int(st, 2, step);
	bind_int(st, 3, now);
	return step_changed(tx->conn, st, "second factor confirm");
}

int
store_tx_second_factor_use(struct store_tx *tx, const char *user_id, int64_t step)
{
	struct stmt *st = STMT(tx->conn, "UPDATE second_factor SET last_step = ?2 "
	    "WHERE user_id = ?1 AND confirmed_us IS NOT NULL AND last_step < ?2");

	bind_text(st, 1, user_id);
	bind_int(st, 2, step);
	return step_changed(tx->conn, st, "second factor use");
}

int
store_tx_second_factor_delete(struct store_tx *tx, const char *user_id)
{
	struct stmt *st = STMT(tx->conn, "DELETE FROM recovery_code WHERE user_id = ?1");
	int rc;

	bind_text(st, 1, user_id);
	if ((rc = step_done(tx->conn, st, "recovery codes delete")) != 0)
		return rc;
	st = STMT(tx->conn, "DELETE FROM signin_pending WHERE user_id = ?1");
	bind_text(st, 1, user_id);
	if ((rc = step_done(tx->conn, st, "signin pending delete user")) != 0)
		return rc;
	st = STMT(tx->conn, "DELETE FROM second_factor WHERE user_id = ?1");
	bind_text(st, 1, user_id);
	return step_done(tx->conn, st, "second factor delete");
}

int
store_recovery_hash(struct store *s, const char *user_id, const char *normal,
    char out[SECRET_HASH_LEN + 1])
{
	unsigned char key[32], d[32];
	crypto_generichash_state h;
	int rc;

	if ((rc = derive(s, KEY_RECOVERY, key)) != 0)
		return rc;
	crypto_generichash_init(&h, key, sizeof(key), sizeof(d));
	crypto_generichash_update(&h, (const unsigned char *)user_id, strlen(user_id));
	crypto_generichash_update(&h, (const unsigned char *)":", 1);
	crypto_generichash_update(&h, (const unsigned char *)normal, strlen(normal));
	crypto_generichash_final(&h, d, sizeof(d));
	sodium_memzero(key, sizeof(key));
	sodium_bin2hex(out, SECRET_HASH_LEN + 1, d, sizeof(d));
	return 0;
}

int
store_tx_recovery_codes_set(struct store_tx *tx, const char *user_id,
    char (*hashes)[SECRET_HASH_LEN + 1], size_t n, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "DELETE FROM recovery_code WHERE user_id = ?1");
	size_t i;
	int rc;

	bind_text(st, 1, user_id);
	if ((rc = step_done(tx->conn, st, "recovery codes clear")) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		st = STMT(tx->conn, "INSERT INTO recovery_code (user_id, code_hash, created_us) "
		    "VALUES (?1, ?2, ?3)");
		bind_text(st, 1, user_id);
		bind_text(st, 2, hashes[i]);
		bind_int(st, 3, now);
		if ((rc = step_done(tx->conn, st, "recovery code insert")) != 0)
			return rc;
	}
	return 0;
}

int
store_tx_recovery_code_use(struct store_tx *tx, const char *user_id, const char *hash,
    int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE recovery_code SET used_us = ?3 "
	    "WHERE user_id = ?1 AND code_hash = ?2 AND used_us IS NULL");

	bind_text(st, 1, user_id);
	bind_text(st, 2, hash);
	bind_int(st, 3, now);
	return step_changed(tx->conn, st, "recovery code use");
}

int
store_signin_pending_get(struct store *s, struct arena *a, const char *token_hash,
    struct signin_pending *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT token_hash, user_id, created_us, client_addr FROM signin_pending "
	    "WHERE token_hash = ?1");
	bind_text(st, 1, token_hash);
	if ((rc = step_row(c, st, "signin pending get")) != 0)
		return rc;
	out->token_hash = col_text(a, st, 0);
	out->user_id = col_text(a, st, 1);
	out->created_us = col_int(st, 2);
	out->client_addr = col_text(a, st, 3);
	stmt_reset(st);
	return 0;
}

int
store_tx_signin_pending_insert(struct store_tx *tx, const struct signin_pending *p)
{
	struct stmt *st = STMT(tx->conn, "DELETE FROM signin_pending WHERE user_id = ?1");
	int rc;

	bind_text(st, 1, p->user_id);
	if ((rc = step_done(tx->conn, st, "signin pending clear")) != 0)
		return rc;
	st = STMT(tx->conn, "INSERT INTO signin_pending (token_hash, user_id, created_us, "
	    "client_addr) VALUES (?1, ?2, ?3, ?4)");
	bind_text(st, 1, p->token_hash);
	bind_text(st, 2, p->user_id);
	bind_int(st, 3, p->created_us);
	bind_text(st, 4, p->client_addr ? p->client_addr : "");
	return step_done(tx->conn, st, "signin pending insert");
}

int
store_tx_signin_pending_delete(struct store_tx *tx, const char *token_hash)
{
	struct stmt *st = STMT(tx->conn, "DELETE FROM signin_pending WHERE token_hash = ?1");

	bind_text(st, 1, token_hash);
	return step_done(tx->conn, st, "signin pending delete");
}

int
store_second_factor_required(struct store *s, const char *user_id, bool *required)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*required = false;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT 1 FROM membership m JOIN organisation o ON o.id = m.org_id "
	    "JOIN user_account u ON u.id = m.user_id WHERE m.user_id = ?1 "
	    "AND u.kind = 'staff' AND o.require_second_factor = 1 AND o.disabled_us IS NULL");
	bind_text(st, 1, user_id);
	rc = step_row(c, st, "second factor required");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	*required = true;
	stmt_reset(st);
	return 0;
}

int
store_org_second_factor(struct store *s, const char *org_id, bool *required)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*required = false;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT require_second_factor FROM organisation WHERE id = ?1");
	bind_text(st, 1, org_id);
	if ((rc = step_row(c, st, "org second factor")) != 0)
		return rc;
	*required = col_int(st, 0) == 1;
	stmt_reset(st);
	return 0;
}

int
store_tx_org_second_factor_set(struct store_tx *tx, const char *org_id, bool required)
{
	struct stmt *st = STMT(tx->conn,
	    "UPDATE organisation SET require_second_factor = ?2 WHERE id = ?1");

	bind_text(st, 1, org_id);
	bind_int(st, 2, required ? 1 : 0);
	return step_changed(tx->conn, st, "org second factor set");
}

int
store_tx_org_sessions_without_factor_end(struct store_tx *tx, const char *org_id,
    const char *except_token_hash)
{
	struct stmt *st = STMT(tx->conn, "DELETE FROM session WHERE token_hash <> ?2 "
	    "AND user_id IN (SELECT m.user_id FROM membership m JOIN user_account u "
	    "ON u.id = m.user_id WHERE m.org_id = ?1 AND u.kind = 'staff') "
	    "AND NOT EXISTS (SELECT 1 FROM second_factor f WHERE f.user_id = session.user_id "
	    "AND f.confirmed_us IS NOT NULL)");

	bind_text(st, 1, org_id);
	bind_text(st, 2, except_token_hash != NULL ? except_token_hash : "");
	return step_done(tx->conn, st, "org sessions without factor end");
}

int
store_tx_session_second_factor(struct store_tx *tx, const char *token_hash, int64_t now)
{
	struct stmt *st = STMT(tx->conn,
	    "UPDATE session SET second_factor_us = ?2 WHERE token_hash = ?1");

	bind_text(st, 1, token_hash);
	bind_int(st, 2, now);
	return step_changed(tx->conn, st, "session second factor");
}
