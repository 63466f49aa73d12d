/* Record ids: 128 random bits from libsodium, written as 32 lowercase hex
 * digits. Opaque: nothing may be read from an id but its identity. */
#ifndef ROSC_ID_H
#define ROSC_ID_H

#include <stdbool.h>
#include <stddef.h>

#define ID_LEN 32

/* Writes a new id and its NUL into out. Call sodium_init() first. */
void id_new(char out[ID_LEN + 1]);

/* True if s (n bytes) has the shape of an id. */
bool id_valid(const char *s, size_t n);

#endif
