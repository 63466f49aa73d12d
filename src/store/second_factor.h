/* Storage for the second factor at sign-in (core/totp.h): each account's
 * TOTP secret, sealed under a key derived from the audit key (so a copy of
 * the database alone opens none), the last time step used (a code works
 * once), the hashes of its recovery codes, sign-ins waiting for their code,
 * and an organisation's requirement. Reads allocate in the arena;
 * store_tx_* run in a write. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT,
 * ERR_UNAVAILABLE (no audit key) or ERR_DB. */
#ifndef ROSC_STORE_SECOND_FACTOR_H
#define ROSC_STORE_SECOND_FACTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/secret.h"
#include "core/totp.h"

struct arena;
struct store;
struct store_tx;

struct second_factor {
	const char *user_id;
	int64_t created_us, confirmed_us;   /* confirmed_us 0: being set up */
	int64_t last_step;
	unsigned char secret[TOTP_SECRET_LEN];
	int recovery_left;                  /* unused recovery codes */
};

/* The account's factor, its secret opened. ERR_NOT_FOUND if it has none;
 * ERR_UNAVAILABLE if the secret cannot be opened (no or another audit key). */
int store_second_factor_get(struct store *s, struct arena *a, const char *user_id,
    struct second_factor *out);

/* Whether the account has a confirmed factor (no key needed). */
int store_second_factor_on(struct store *s, const char *user_id, bool *on);

/* Seals secret for the database: hex text in the arena, in *box.
 * ERR_UNAVAILABLE without an audit key. */
int store_second_factor_seal(struct store *s, struct arena *a,
    const unsigned char secret[TOTP_SECRET_LEN], const char **box);

/* Starts setting up: keeps box as the account's new secret, replacing one
 * not yet confirmed. ERR_CONFLICT if a confirmed one is in force. */
int store_tx_second_factor_begin(struct store_tx *tx, const char *user_id, const char *box,
    int64_t now);

/* Turns the factor being set up on, with the step of the code that
 * confirmed it. ERR_NOT_FOUND if there is none being set up (or the step
 * was used). */
int store_tx_second_factor_confirm(struct store_tx *tx, const char *user_id, int64_t step,
    int64_t now);

/* Remembers step as used; ERR_NOT_FOUND if it (or a later one) was used
 * already: two requests with one code, only one wins. */
int store_tx_second_factor_use(struct store_tx *tx, const char *user_id, int64_t step);

/* Turns the factor off: the secret, its recovery codes and any sign-in
 * waiting for a code. */
int store_tx_second_factor_delete(struct store_tx *tx, const char *user_id);

/* The hash kept for a recovery code (normalised, core/totp.h), keyed with
 * the store's key and bound to the account. ERR_UNAVAILABLE without a key. */
int store_recovery_hash(struct store *s, const char *user_id, const char *normal,
    char out[SECRET_HASH_LEN + 1]);

/* Replaces the account's recovery codes with these n hashes. */
int store_tx_recovery_codes_set(struct store_tx *tx, const char *user_id,
    char (*hashes)[SECRET_HASH_LEN + 1], size_t n, int64_t now);

/* Uses a recovery code once: ERR_NOT_FOUND if there is no such unused one. */
int store_tx_recovery_code_use(struct store_tx *tx, const char *user_id, const char *hash,
    int64_t now);

/* A sign-in between the password and the code. */
struct signin_pending {
	const char *token_hash, *user_id, *client_addr;
	int64_t created_us;
};
int store_signin_pending_get(struct store *s, struct arena *a, const char *token_hash,
    struct signin_pending *out);
/* Keeps p, ending the account's earlier ones. */
int store_tx_signin_pending_insert(struct store_tx *tx, const struct signin_pending *p);
int store_tx_signin_pending_delete(struct store_tx *tx, const char *token_hash);

/* Whether any organisation the account is staff of (and not disabled)
 * requires a second factor. */
int store_second_factor_required(struct store *s, const char *user_id, bool *required);
/* One organisation's requirement, read and set. */
int store_org_second_factor(struct store *s, const char *org_id, bool *required);
int store_tx_org_second_factor_set(struct store_tx *tx, const char *org_id, bool required);

/* Ends the sessions of the organisation's staff who have no second factor
 * turned on (when it starts to require one), but for except_token_hash. */
int store_tx_org_sessions_without_factor_end(struct store_tx *tx, const char *org_id,
    const char *except_token_hash);

/* Marks a session as having confirmed a second factor at now. */
int store_tx_session_second_factor(struct store_tx *tx, const char *token_hash, int64_t now);

#endif
