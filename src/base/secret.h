/* Secrets handed to browsers and clients: session cookies, CSRF tokens,
 * invitation links, API tokens. 256 random bits from libsodium, written
 * as 43 base64url characters. Only a hash of a secret is ever stored. */
#ifndef ROSC_SECRET_H
#define ROSC_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define SECRET_LEN 43            /* base64url of 32 bytes, no padding */
#define SECRET_HASH_LEN 64       /* hex of a 32-byte BLAKE2b */

/* A new secret and its NUL. */
void secret_new(char out[SECRET_LEN + 1]);

/* The hash kept in the database for a secret (unkeyed BLAKE2b-256, hex). */
void secret_hash(const char *secret, char out[SECRET_HASH_LEN + 1]);

/* True if s has the shape of a secret (43 base64url characters). */
bool secret_valid(const char *s);

/* Constant-time comparison of two NUL-terminated strings. */
bool secret_equal(const char *a, const char *b);

#endif
