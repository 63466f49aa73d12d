/* Write limits: every POST, PUT, PATCH or DELETE, of the pages, the API
 * and FHIR alike, counts against the signed-in account (or, signed out,
 * the client address) in a table in this process. The server asks once,
 * in http/server.c, before the handler runs; a write over the limit is
 * answered 429 with Retry-After and nothing is done.
 *
 * The rule is a token bucket written as one instant per key (the generic
 * cell rate algorithm): `per_minute` writes a minute on average, and up to
 * `burst` at once after a quiet spell. Sign-in keeps its own, stricter
 * throttle on failures (core/throttle.h). */
#ifndef ROSC_RATELIMIT_H
#define ROSC_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct rate_limit {
	int64_t interval_us;      /* one write's share of the minute; 0: no limit */
	int64_t tolerance_us;     /* how far ahead of time a key may run: the burst */
};

/* A limit of per_minute writes a minute with bursts of burst (at least 1).
 * per_minute 0 turns the limit off. */
void ratelimit_init(struct rate_limit *l, unsigned per_minute, unsigned burst);

/* Counts one write for key (an account id, or "addr:" and an address) at
 * now, a monotonic time in microseconds. Returns 0 if it may go ahead, or
 * how many microseconds to wait before the next one would (not counted).
 * Thread-safe; keys are hashed with a key chosen at start-up, so nobody can
 * pick two that share a slot. */
int64_t ratelimit_take(const struct rate_limit *l, const char *key, int64_t now);

/* The key of a client address: an IPv6 address stands for its /64, which
 * one household or phone usually has whole. Writes into out (at least 64
 * bytes). */
void ratelimit_addr_key(const char *addr, char *out, unsigned size);

#endif
