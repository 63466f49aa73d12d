/* The second factor at sign-in: one's own (turning it on, new recovery
 * codes, turning it off), an organisation's requirement, and the pieces the
 * sign-in page shares. See web/second_factor.c for the routes. */
#ifndef ROSC_WEB_SECOND_FACTOR_H
#define ROSC_WEB_SECOND_FACTOR_H

#include <stdbool.h>
#include <stdint.h>

#include "base/secret.h"
#include "core/totp.h"

struct buf;
struct req;
struct second_factor;
struct store_tx;

/* A typed code, read against an account's factor. */
enum sf_code { SF_NONE, SF_TOTP, SF_RECOVERY };
struct sf_check {
	enum sf_code kind;           /* SF_NONE: not right */
	int64_t step;                /* SF_TOTP: the step to remember */
	char hash[SECRET_HASH_LEN + 1];   /* SF_RECOVERY: the code's hash */
};

/* Reads typed against f (a six-digit code; a recovery code too when
 * recovery_ok). Returns 0 (see out->kind) or ERR_UNAVAILABLE. */
int sf_read_code(struct req *r, const struct second_factor *f, const char *typed,
    bool recovery_ok, struct sf_check *out);

/* In a write: uses the code once. ERR_NOT_FOUND if it was not right or was
 * used meanwhile (two requests with one code: one wins). */
int sf_tx_use(struct store_tx *tx, const char *user_id, const struct sf_check *c,
    int64_t now);

/* Ten new recovery codes and their hashes. Returns 0 or ERR_UNAVAILABLE. */
int sf_new_codes(struct req *r, const char *user_id,
    char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1],
    char hashes[RECOVERY_CODES][SECRET_HASH_LEN + 1]);

/* The secret to put into an authenticator app: grouped base32 and the
 * otpauth:// address. */
void sf_show_secret(struct req *r, struct buf *b, const char *username,
    const unsigned char secret[TOTP_SECRET_LEN]);

/* The recovery codes, shown once, with what to do with them. */
void sf_show_codes(struct req *r, struct buf *b,
    char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1]);

void web_second_factor(struct req *r);
void web_second_factor_begin(struct req *r);
void web_second_factor_confirm(struct req *r);
void web_second_factor_codes(struct req *r);
void web_second_factor_off(struct req *r);
void web_admin_second_factor(struct req *r);
void web_admin_second_factor_save(struct req *r);

#endif
