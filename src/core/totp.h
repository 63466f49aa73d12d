/* A second factor at sign-in: time-based one-time codes (TOTP, RFC 6238:
 * HMAC-SHA-1, 30-second steps, 6 digits, as authenticator apps make them),
 * checked with liboath, and single-use recovery codes. No SQL, no HTTP:
 * the store keeps the secret sealed and the last step used. */
#ifndef ROSC_TOTP_H
#define ROSC_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOTP_SECRET_LEN 20          /* bytes: 160 bits, as RFC 4226 advises */
#define TOTP_BASE32_LEN 32          /* 20 bytes in base32, no padding */
#define TOTP_STEP_S 30
#define TOTP_DIGITS 6
#define TOTP_WINDOW 1               /* steps accepted either side of now */
#define RECOVERY_CODES 10
#define RECOVERY_CODE_LEN 11        /* "xxxxx-xxxxx" */

enum totp_result {
	TOTP_OK = 0,
	TOTP_WRONG = -1,                /* not a code for now ± the window */
	TOTP_REPLAYED = -2,             /* right, but its step was used already */
};

/* A new random secret. */
void totp_secret_new(unsigned char secret[TOTP_SECRET_LEN]);

/* The secret in base32 (upper case, no padding) and its NUL. */
void totp_base32(const unsigned char secret[TOTP_SECRET_LEN],
    char out[TOTP_BASE32_LEN + 1]);

/* Reads a base32 secret (spaces and lower case allowed) back into secret.
 * Returns 0, or -1 unless it is exactly TOTP_SECRET_LEN bytes. */
int totp_from_base32(const char *b32, unsigned char secret[TOTP_SECRET_LEN]);

/* The base32 secret in groups of four, for reading aloud or typing:
 * out holds at least TOTP_BASE32_LEN * 5 / 4 + 1 bytes. */
void totp_grouped(const char *b32, char *out, size_t size);

/* Whether s looks like a code: exactly six digits (spaces ignored, up to
 * a short length); the digits go to digits. */
bool totp_code_shape(const char *s, char digits[TOTP_DIGITS + 1]);

/* Checks code against secret at now_s (seconds since the epoch), one step
 * either side. A code whose step is not after last_step is refused as
 * replayed. On TOTP_OK, *step is the step to remember. */
enum totp_result totp_check(const unsigned char secret[TOTP_SECRET_LEN], int64_t now_s,
    int64_t last_step, const char *code, int64_t *step);

/* The code for now_s (tests and the demo's printout). out: 7 bytes. */
void totp_code_at(const unsigned char secret[TOTP_SECRET_LEN], int64_t now_s,
    char out[TOTP_DIGITS + 1]);

/* A new recovery code, "xxxxx-xxxxx" from an alphabet without look-alikes
 * (about 49 random bits), and its NUL. */
void recovery_code_new(char out[RECOVERY_CODE_LEN + 1]);

/* A typed recovery code in its one spelling (lower case, no spaces or
 * dashes) into out (at least 11 bytes). Returns false unless it has the
 * shape of one. */
bool recovery_code_normal(const char *typed, char out[RECOVERY_CODE_LEN]);

#endif
