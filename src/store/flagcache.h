/* The caseload's appointment flags, kept by the process between requests
 * (store internal; see flagcache.c). An entry belongs to (user,
 * organisation, UTC day) and to the values of the policy_change and
 * appointment_change counters when it was read: a reader that finds both
 * counters where they were, the same day, before the entry's end, gets
 * it; anything else reads the database again. Every write to an
 * appointment, a request for company or a network counts one of them up
 * by trigger, in any process, so a kept entry is never older than the
 * last write; only time passing (a flag's window opening or closing) can
 * leave it behind, for at most FLAGCACHE_US. */
#ifndef ROSC_STORE_FLAGCACHE_H
#define ROSC_STORE_FLAGCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FLAGCACHE_US (INT64_C(60) * 1000000)

struct arena;
struct appt_flag_row;
struct flagcache;

struct flagcache *flagcache_new(void);
void flagcache_free(struct flagcache *fc);

/* The rows of an entry that holds, copied into the arena. */
bool flagcache_get(struct flagcache *fc, struct arena *a, const char *user_id,
    const char *org_id, const char *today, int64_t pgen, int64_t agen, int64_t now,
    struct appt_flag_row **out, size_t *n);
/* Keeps rows read at those counters, until now + FLAGCACHE_US. */
void flagcache_put(struct flagcache *fc, const char *user_id, const char *org_id,
    const char *today, int64_t pgen, int64_t agen, int64_t now,
    const struct appt_flag_row *rows, size_t n);

#endif
