/* A quick 64-bit string hash (FNV-1a) for in-process tables: the "listed
 * today" keys and the policy facts cache. Not for anything an attacker
 * could use against us (those use libsodium). */
#ifndef ROSC_BASE_HASH_H
#define ROSC_BASE_HASH_H

#include <stdint.h>

#define HASH_SEED 0xcbf29ce484222325ULL

/* h with the string s mixed in (NULL counts as empty), and an end mark so
 * that ("ab", "c") and ("a", "bc") differ. */
static inline uint64_t
hash_mix(uint64_t h, const char *s)
{
	for (; s != NULL && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (h ^ 0xff) * 0x100000001b3ULL;
}

#endif
