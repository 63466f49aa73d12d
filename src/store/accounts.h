/* Storage for organisations, users, roles, sessions, invitations, API
 * tokens and sign-in throttling. Reads run on the calling thread's
 * connection and allocate results in the given arena; store_tx_* calls run
 * inside a write (see store.h). Each returns 0, ERR_NOT_FOUND, ERR_CONFLICT
 * (a unique key or a single-use rule said no) or ERR_DB. */
#ifndef ROSC_STORE_ACCOUNTS_H
#define ROSC_STORE_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/account.h"

struct arena;
struct store;
struct store_tx;

/* Organisations */
int store_org_get(struct store *s, struct arena *a, const char *id,
    struct organisation *out);
/* All organisations by name (there are tens, not thousands). */
int store_org_list(struct store *s, struct arena *a, struct organisation **out,
    size_t *n);
int store_tx_org_insert(struct store_tx *tx, const struct organisation *o,
    const char *name_key);
int store_tx_org_update(struct store_tx *tx, const struct organisation *o,
    const char *name_key);

/* Users */
int store_user_get(struct store *s, struct arena *a, const char *id, struct user *out);
int store_user_by_username(struct store *s, struct arena *a, const char *username_key,
    struct user *out);
/* Users by username after the key `after` ("" for the first page): keyset
 * paging. org_id non-NULL limits to members of that organisation. */
int store_user_list(struct store *s, struct arena *a, const char *org_id,
    const char *after, size_t limit, struct user **out, size_t *n);
int store_user_count(struct store *s, int64_t *n);
int store_sysadmin_count(struct store *s, int64_t *n);
int store_tx_user_insert(struct store_tx *tx, const struct user *u, const char *username_key);
int store_tx_user_set_password(struct store_tx *tx, const char *user_id,
    const char *hash, int64_t now);
int store_tx_user_set_lang(struct store_tx *tx, const char *user_id, const char *lang);
int store_tx_user_set_disabled(struct store_tx *tx, const char *user_id, int64_t when);
int store_tx_user_set_name(struct store_tx *tx, const char *user_id, const char *name);

/* Memberships: a user's organisations (by name), or an organisation's users. */
int store_memberships_of_user(struct store *s, struct arena *a, const char *user_id,
    struct membership **out, size_t *n);
int store_membership_get(struct store *s, struct arena *a, const char *user_id,
    const char *org_id, struct membership *out);
/* Like store_memberships_of_user, but also in disabled organisations
 * (for administrators, who must see every tie an account has). */
int store_memberships_of_user_all(struct store *s, struct arena *a, const char *user_id,
    struct membership **out, size_t *n);
/* The members of an organisation (disabled or not), by username. */
int store_org_members(struct store *s, struct arena *a, const char *org_id,
    struct membership **out, size_t *n);
/* Gives (or takes away) the right to ask for emergency access; ERR_NOT_FOUND
 * if the user has no role in org_id. */
int store_tx_membership_glass(struct store_tx *tx, const char *user_id, const char *org_id,
    bool may);
int store_tx_membership_set(struct store_tx *tx, const char *user_id,
    const char *org_id, enum role role, int64_t now);
int store_tx_membership_delete(struct store_tx *tx, const char *user_id,
    const char *org_id);

/* Sessions, found by the hash of the cookie's token. */
struct session_row {
	const char *token_hash, *user_id, *org_id, *csrf, *client_addr;
	int64_t created_us, last_seen_us;
	int64_t second_factor_us; /* when this sign-in confirmed a second factor, or 0 */
	struct user user;        /* store_session_get: the session's user */
};
int store_session_get(struct store *s, struct arena *a, const char *token_hash,
    struct session_row *out);
int store_tx_session_insert(struct store_tx *tx, const struct session_row *row);
int store_tx_session_touch(struct store_tx *tx, const char *token_hash, int64_t now);
int store_tx_session_set_org(struct store_tx *tx, const char *token_hash,
    const char *org_id);
int store_tx_session_delete(struct store_tx *tx, const char *token_hash);
/* Ends every session of a user (sign out everywhere, password change). */
int store_tx_sessions_delete_user(struct store_tx *tx, const char *user_id,
    const char *except_token_hash);
/* Removes sessions idle since before idle_before or started before
 * started_before. */
int store_tx_sessions_expire(struct store_tx *tx, int64_t idle_before,
    int64_t started_before);

/* Invitations and password resets: one-time links. */
struct invitation_row {
	const char *token_hash, *user_id, *created_by, *purpose;
	int64_t created_us, expires_us, used_us;
};
int store_invitation_get(struct store *s, struct arena *a, const char *token_hash,
    struct invitation_row *out);
int store_tx_invitation_insert(struct store_tx *tx, const struct invitation_row *row);
/* Marks it used if unused and unexpired at now; else ERR_CONFLICT. */
int store_tx_invitation_use(struct store_tx *tx, const char *token_hash, int64_t now);
/* Lets every unused link of a user expire at now (a new link replaces
 * them; a disabled account keeps none). */
int store_tx_invitations_end_user(struct store_tx *tx, const char *user_id, int64_t now);

/* Personal API tokens. */
struct api_token_row {
	const char *id, *user_id, *org_id, *name, *token_hash;
	int64_t created_us, last_used_us, revoked_us;
};
int store_api_token_by_hash(struct store *s, struct arena *a, const char *token_hash,
    struct api_token_row *out);
int store_api_tokens_of_user(struct store *s, struct arena *a, const char *user_id,
    struct api_token_row **out, size_t *n);
int store_tx_api_token_insert(struct store_tx *tx, const struct api_token_row *row);
/* Revokes the token if it is the user's; else ERR_NOT_FOUND. */
int store_tx_api_token_revoke(struct store_tx *tx, const char *id, const char *user_id,
    int64_t now);
int store_tx_api_token_used(struct store_tx *tx, const char *id, int64_t now);

/* Sign-in throttling: failures per key ("user:NAME", "addr:IP"). */
int store_throttle_get(struct store *s, const char *key, int *failures,
    int64_t *blocked_until_us);
/* Counts a failure; *failures gets the new count. */
int store_tx_throttle_fail(struct store_tx *tx, const char *key, int64_t now,
    int *failures);
int store_tx_throttle_block(struct store_tx *tx, const char *key, int64_t until);
int store_tx_throttle_clear(struct store_tx *tx, const char *key);

#endif
