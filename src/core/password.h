/* Passwords (NIST SP 800-63B): at least 10 characters, no composition
 * rules, common and obvious ones refused. Hashed with argon2id through
 * libsodium, with explicit parameters at OWASP's minimum or above:
 * 19 MiB of memory, 2 passes. */
#ifndef ROSC_PASSWORD_H
#define ROSC_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_HASH_MAX 128        /* crypto_pwhash_STRBYTES */
#define PASSWORD_OPSLIMIT 2
#define PASSWORD_MEMLIMIT (19u * 1024 * 1024)

/* NULL if pw may be used by the account called username; else a code for
 * the form: "required", "too_short", "too_long", "invalid_format",
 * "common" (a well-known or obvious password, or the account's name). */
const char *password_check(const char *pw, const char *username);

/* Hashes pw into out. Slow on purpose: call from a worker pool or the
 * command line, never on an HTTP thread. Returns 0 or ERR_NOMEM. */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);

/* True if pw matches the stored hash. Slow on purpose, like password_hash. */
bool password_verify(const char *hash, const char *pw);

/* A valid hash of a password nobody has, to spend the same time when an
 * account does not exist (so timing does not tell). */
const char *password_dummy_hash(void);

#endif
